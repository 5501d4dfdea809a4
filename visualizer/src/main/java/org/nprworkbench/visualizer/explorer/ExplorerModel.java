package org.nprworkbench.visualizer.explorer;

import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.tokenizer.TextTokenizer;
import org.nprworkbench.visualizer.attention.MaskMatrix;
import org.nprworkbench.visualizer.graph.GraphLayout;
import org.nprworkbench.visualizer.replay.DecodeReplay;
import org.nprworkbench.visualizer.tokens.AnswerTokens;
import org.nprworkbench.visualizer.totals.AnswerTotals;
import org.nprworkbench.visualizer.totals.Verdict;

/**
 * Everything the answer explorer shows about one answer, computed in one go off the JavaFX thread:
 * the graph's layout, its totals, its tokens, the decode replay and the mask picture.
 *
 * @param graph  the execution graph
 * @param layout its drawing
 * @param totals the figures beside it
 * @param tokens its tokens with positions and visibility
 * @param replay its decode replay
 * @param mask   the picture of its attention mask
 */
public record ExplorerModel(ExecutionGraph graph, GraphLayout layout, AnswerTotals totals, AnswerTokens tokens,
                            DecodeReplay replay, MaskMatrix mask) {
    /** Cells a side of the mask picture, at most. */
    public static final int MASK_SIZE = 210;

    /**
     * Builds the model of {@code graph}. Pure and possibly slow for long answers: call it on a
     * background thread.
     *
     * @param tokenizer the tokenizer that built the graph
     * @param verdict   a verifier's judgement, or null
     * @throws IllegalArgumentException when {@code tokenizer}'s tags do not reproduce the graph's layout
     */
    public static ExplorerModel build(ExecutionGraph graph, TextTokenizer tokenizer, Verdict verdict) {
        AnswerTokens tokens = AnswerTokens.of(graph, tokenizer);
        return new ExplorerModel(graph, GraphLayout.of(graph), AnswerTotals.of(graph, verdict), tokens,
                DecodeReplay.of(tokens), MaskMatrix.of(tokens, MASK_SIZE));
    }
}
