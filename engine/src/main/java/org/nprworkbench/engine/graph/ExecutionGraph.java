package org.nprworkbench.engine.graph;

import java.util.List;

import org.nprworkbench.engine.schema.FormatViolation;

/**
 * The execution graph of one answer (issue 3 part 5): nodes for the prompt, each guideline with its
 * plans, each step branch, each takeaway and the final answer, linked by sequence, fork and join
 * edges, with the answer's figures. Nodes are listed in token order and partition the sequence:
 * concatenating their tokens gives the whole sequence. The JSON form is documented in
 * {@code engine/README-graph.md}; {@link GraphJson} writes and reads it.
 *
 * @param schema           always {@link #SCHEMA}
 * @param origin           where the answer came from: {@code "engine"}, or the file and line of an import
 * @param forked           true only when the engine really forked into branches (false for imported text)
 * @param promptLength     number of prompt tokens
 * @param totalTokens      T: all response tokens, every branch and forced tag included
 * @param criticalPath     C: largest position id + 1 − promptLength
 * @param parallelism      T / C (1 when C = 0)
 * @param blocks           number of blocks (an unclosed last block counts)
 * @param branchesPerBlock number of step branches in each block
 * @param valid            true when the structure is well formed ({@code breakAt} is null)
 * @param breakAt          where the structure breaks, or null
 * @param formatScore      the text format score in [-2, 0]
 * @param formatViolations why the format score is below 0
 * @param answer           the extracted final answer, or null
 * @param wallTimeSeconds  generation wall time, or null when unknown
 * @param nodes            the nodes, in token order
 * @param edges            the edges
 */
public record ExecutionGraph(String schema, String origin, boolean forked, int promptLength, int totalTokens,
                             int criticalPath, double parallelism, int blocks, int[] branchesPerBlock,
                             boolean valid, GraphBreak breakAt, double formatScore,
                             List<FormatViolation> formatViolations, String answer, Double wallTimeSeconds,
                             List<GraphNode> nodes, List<GraphEdge> edges) {
    /** The schema tag of this JSON form. */
    public static final String SCHEMA = "npr-execution-graph/2";
}
