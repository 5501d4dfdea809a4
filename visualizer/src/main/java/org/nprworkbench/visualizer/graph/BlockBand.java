package org.nprworkbench.visualizer.graph;

/**
 * The horizontal band one block occupies on the time axis (graph units, y downwards), from the top
 * of its guideline to the bottom of its last node, drawn behind the nodes with the block's name.
 */
public record BlockBand(int block, int branches, double top, double bottom, double left, double right) {
}
