package org.nprworkbench.engine.graph;

import java.util.List;

/**
 * One node of an {@link ExecutionGraph}: a contiguous run of tokens of the flattened sequence.
 *
 * @param id              index in the graph's node list
 * @param kind            what it stands for
 * @param block           block id (0-based) for guidelines, steps and takeaways; -1 otherwise
 * @param branch          branch index within the block (0-based) for steps; -1 otherwise
 * @param label           a step's plan label ({@code "1"}), null when none
 * @param plans           a guideline's plans in order; null for other kinds
 * @param text            the node's text, tags included
 * @param tokens          its token ids
 * @param tokenCount      {@code tokens.length}
 * @param firstToken      index of its first token in the whole sequence (prompt included)
 * @param firstPosition   position id of its first token (-1 when empty)
 * @param lastPosition    position id of its last token (-1 when empty)
 * @param firstDecodeStep earliest decode step among its tokens, -1 when unknown
 * @param lastDecodeStep  latest decode step among its tokens, -1 when unknown
 * @param logProbs        per-token log-probabilities, null when unknown
 * @param entropies       per-token entropies, null when unknown
 * @param decodeSteps     per-token engine decode step (-1 for forced and prefilled tokens), null when unknown
 */
public record GraphNode(int id, NodeKind kind, int block, int branch, String label, List<PlanItem> plans,
                        String text, int[] tokens, int tokenCount, int firstToken, int firstPosition,
                        int lastPosition, int firstDecodeStep, int lastDecodeStep, float[] logProbs,
                        float[] entropies, int[] decodeSteps) {
}
