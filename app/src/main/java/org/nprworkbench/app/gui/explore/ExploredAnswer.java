package org.nprworkbench.app.gui.explore;

import org.nprworkbench.visualizer.explorer.ExplorerModel;

/**
 * One answer the Explore page can show: its explorer model (graph, totals, tokens, replay) with where
 * it came from and, for a malformed one, the validator's reason.
 *
 * @param title   where it came from, e.g. {@code traces.jsonl line 3} or {@code sample 2 (seed 1)}
 * @param problem the problem text, or null when unknown (an imported trace)
 * @param model   everything the explorer draws
 */
public record ExploredAnswer(String title, String problem, ExplorerModel model) {

    /** The validator's reason the structure breaks, with the rule and token, or null for a well-formed answer. */
    public String breakReason() {
        var b = model.graph().breakAt();
        return b == null ? null : "Malformed at token " + b.tokenIndex() + " (" + b.rule() + "): " + b.reason();
    }
}
