package org.nprworkbench.engine.graph;

/** A directed edge between two nodes of an {@link ExecutionGraph}, by node id. */
public record GraphEdge(int from, int to, EdgeKind kind) {
}
