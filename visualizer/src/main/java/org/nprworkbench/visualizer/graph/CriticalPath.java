package org.nprworkbench.visualizer.graph;

import java.util.List;

import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphEdge;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.graph.NodeKind;

/**
 * The nodes of an answer's critical path (npr-method.md §2.6): the chain of response nodes whose
 * positions run from the first response token to the largest position id, so that its length is C.
 * Every sequential response node (text, guideline, takeaway, answer, the malformed tail) is on it,
 * and in each block the step whose last position is largest (the longest branch; the lowest branch
 * index on a tie), or the branch a malformed tail continues. The prompt is not: C counts response
 * tokens only.
 */
public final class CriticalPath {
    private CriticalPath() {
    }

    /** Per node id, whether the node is on the critical path. */
    public static boolean[] nodes(ExecutionGraph graph) {
        List<GraphNode> nodes = graph.nodes();
        boolean[] on = new boolean[nodes.size()];
        int[] longest = new int[Math.max(graph.blocks(), 0) + 1];
        java.util.Arrays.fill(longest, -1);
        for (GraphNode n : nodes) {
            if (n.kind() == NodeKind.STEP) {
                int b = n.block();
                if (b >= longest.length) {
                    longest = java.util.Arrays.copyOf(longest, b + 1);
                    longest[b] = -1;
                }
                if (longest[b] < 0 || n.lastPosition() > nodes.get(longest[b]).lastPosition()) {
                    longest[b] = n.id();
                }
            } else {
                on[n.id()] = n.kind() != NodeKind.PROMPT;
            }
        }
        // A malformed tail continues the stream before it: when that is a branch, the path runs through it.
        GraphNode last = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
        if (last != null && last.kind() == NodeKind.MALFORMED && last.id() > 0
                && nodes.get(last.id() - 1).kind() == NodeKind.STEP) {
            GraphNode before = nodes.get(last.id() - 1);
            longest[before.block()] = before.id();
        }
        for (int id : longest) {
            if (id >= 0) {
                on[id] = true;
            }
        }
        return on;
    }

    /** Whether an edge is on the critical path: both its ends are. */
    public static boolean edge(boolean[] critical, GraphEdge edge) {
        return critical[edge.from()] && critical[edge.to()];
    }
}
