package org.nprworkbench.visualizer.graph;

/** What went wrong with a node, if anything: the graph view marks these. */
public enum NodeMark {
    /** A well-formed node. */
    NONE,
    /**
     * A guideline, step or takeaway that ends before its closing tag: the engine's budget ran out, the
     * text ended, or the structure broke inside it.
     */
    CUT,
    /** The malformed tail: everything from the token where the structure breaks to the end. */
    MALFORMED
}
