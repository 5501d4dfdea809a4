package org.nprworkbench.visualizer.graph;

import org.nprworkbench.engine.graph.EdgeKind;

/** An edge of the drawn graph: its end nodes, its kind, and whether it lies on the critical path. */
public record EdgeLine(int from, int to, EdgeKind kind, boolean critical) {
}
