package org.nprworkbench.engine.graph;

/** How two graph nodes are connected. */
public enum EdgeKind {
    /** The next sequential segment. */
    SEQUENCE,
    /** From a guideline to one of its step branches. */
    FORK,
    /** From a step branch to the takeaway that merges it. */
    JOIN
}
