package org.nprworkbench.visualizer.graph;

/** A mark on the time ruler: a position id and where it lies on the time axis (graph units, y downwards). */
public record TimeTick(int position, double y) {
}
