package org.nprworkbench.visualizer.graph;

import org.nprworkbench.engine.graph.NodeKind;

/**
 * Where one execution-graph node is drawn, in graph units with y growing downwards (time): a box
 * whose top edge is at the position id where the node starts and whose height follows the positions
 * it spans.
 *
 * @param id        the node's id in the graph
 * @param kind      its kind
 * @param x         centre of the box along the branch axis
 * @param top       top edge (its first position id on the time axis)
 * @param width     box width
 * @param height    box height
 * @param column    branch column within its block (0-based) for steps, -1 for sequential nodes
 * @param block     the block it belongs to (guidelines, steps, takeaways), -1 otherwise
 * @param tokens    number of tokens in the node
 * @param critical  true when the node lies on the critical path
 * @param mark      whether it was cut short or is the malformed tail
 * @param markNote  why it is marked (null when {@code mark} is {@link NodeMark#NONE})
 * @param label     the text drawn on the box: kind, plan label and token count
 */
public record NodeBox(int id, NodeKind kind, double x, double top, double width, double height, int column, int block,
                      int tokens, boolean critical, NodeMark mark, String markNote, String label) {

    /** Centre of the box along the time axis. */
    public double centerY() {
        return top + height / 2;
    }

    /** Bottom edge. */
    public double bottom() {
        return top + height;
    }

    /** Left edge. */
    public double left() {
        return x - width / 2;
    }

    /** Right edge. */
    public double right() {
        return x + width / 2;
    }
}
