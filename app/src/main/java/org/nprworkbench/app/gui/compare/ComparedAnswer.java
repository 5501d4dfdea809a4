package org.nprworkbench.app.gui.compare;

import org.nprworkbench.visualizer.explorer.ExplorerModel;

/**
 * One checkpoint's answer to one problem and seed in a comparison.
 *
 * @param correct     verified, complete, within budget and structurally valid (what the accuracy counts)
 * @param answer      the extracted final answer, or null when there is none
 * @param text        the response text
 * @param tokens      T
 * @param critical    C
 * @param latencyMs   the engine's time from admission to the end of this answer
 * @param malformed   why the engine or the validator rejected it, or null
 * @param model       its graph, totals and tokens, ready to draw (null only in tests of the list logic)
 */
public record ComparedAnswer(boolean correct, String answer, String text, int tokens, int critical, double latencyMs, String malformed,
                             ExplorerModel model) {
    /** T / C of this answer. */
    public double parallelism() {
        return critical == 0 ? 1.0 : (double) tokens / critical;
    }

    /** Generated tokens per second of latency (0 when the latency is unknown). */
    public double tokensPerSecond() {
        return latencyMs > 0 ? tokens * 1000.0 / latencyMs : 0.0;
    }
}
