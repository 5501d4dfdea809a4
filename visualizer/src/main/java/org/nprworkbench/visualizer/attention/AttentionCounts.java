package org.nprworkbench.visualizer.attention;

import org.nprworkbench.visualizer.tokens.AnswerTokens;

/**
 * How many earlier tokens one token may attend to under the parallel mask, and how many the mask
 * hides because they lie in sibling branches (the prompt included among the earlier tokens).
 */
public record AttentionCounts(int query, int earlier, int visible, int hiddenSiblings) {

    /** The counts for token {@code query} of {@code tokens}. */
    public static AttentionCounts of(AnswerTokens tokens, int query) {
        int visible = 0;
        int hidden = 0;
        for (int k = 0; k < query; k++) {
            if (tokens.visible(query, k)) {
                visible++;
            } else {
                hidden++;
            }
        }
        return new AttentionCounts(query, query, visible, hidden);
    }
}
