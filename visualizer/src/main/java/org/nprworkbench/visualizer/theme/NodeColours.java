package org.nprworkbench.visualizer.theme;

import org.nprworkbench.engine.graph.NodeKind;

/** The colour of each kind of execution-graph node, shared by the graph view, the token view and legends. */
public final class NodeColours {
    private NodeColours() {
    }

    /** The pale fill of a node of {@code kind}, as a CSS colour. */
    public static String fill(NodeKind kind) {
        return switch (kind) {
            case PROMPT -> "#eceff3";
            case TEXT -> "#f1f2f5";
            case GUIDELINE -> "#d9e6fb";
            case STEP -> "#dcf2e3";
            case TAKEAWAY -> "#fbecd0";
            case ANSWER -> "#e8e0fa";
            case MALFORMED -> "#f9d4d4";
        };
    }

    /** A stronger shade of the same hue, for thin marks (the token view's gutter). */
    public static String mark(NodeKind kind) {
        return switch (kind) {
            case PROMPT -> "#aab3bf";
            case TEXT -> "#b5bac4";
            case GUIDELINE -> "#6f9be0";
            case STEP -> "#5fb37c";
            case TAKEAWAY -> "#d9a441";
            case ANSWER -> "#9b7fdc";
            case MALFORMED -> "#d9534f";
        };
    }
}
