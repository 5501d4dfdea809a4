package org.nprworkbench.visualizer.attention;

import org.nprworkbench.visualizer.tokens.AnswerTokens;

/** What one token is to another under the parallel attention mask. */
public enum Visibility {
    /** The query may attend to it. */
    VISIBLE,
    /** An earlier token the mask hides: it lies in a sibling branch of the same block. */
    HIDDEN_SIBLING,
    /** A later token (causal masking), or the token itself when asking about others. */
    FUTURE;

    /** What {@code key} is to {@code query}, from {@link AnswerTokens#visible} (the parallel layout). */
    public static Visibility of(AnswerTokens tokens, int query, int key) {
        if (key > query) {
            return FUTURE;
        }
        return tokens.visible(query, key) ? VISIBLE : HIDDEN_SIBLING;
    }
}
