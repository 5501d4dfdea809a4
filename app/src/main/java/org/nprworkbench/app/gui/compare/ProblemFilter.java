package org.nprworkbench.app.gui.compare;

/** Which answers of a comparison the per-problem list shows, judged between checkpoints A and B. */
public enum ProblemFilter {
    ALL("All problems"),
    ONLY_A_CORRECT("Only A correct"),
    ONLY_B_CORRECT("Only B correct"),
    BOTH_WRONG("Both wrong"),
    LARGEST_SPEED_DIFFERENCE("Largest speed difference");

    private final String label;

    ProblemFilter(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
