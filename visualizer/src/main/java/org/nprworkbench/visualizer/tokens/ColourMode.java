package org.nprworkbench.visualizer.tokens;

/** What the token view colours each token by. */
public enum ColourMode {
    /** The token's log-probability: pale when the model was sure, red when it was surprised. */
    LOG_PROB("log-prob"),
    /** The entropy of the distribution it was chosen from: pale when peaked, purple when spread. */
    ENTROPY("entropy"),
    /** Which tokens the selected token may attend to under the parallel mask. */
    ATTENTION("attention");

    private final String title;

    ColourMode(String title) {
        this.title = title;
    }

    /** The name shown in the view. */
    public String title() {
        return title;
    }

    @Override
    public String toString() {
        return title;
    }
}
