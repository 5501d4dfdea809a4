package org.nprworkbench.trainer.batch;

import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.tokenizer.TagIds;

/**
 * One sequence to train on or score: prompt tokens followed by response tokens, with the attention
 * and positions its forward pass uses. A causal sequence attends causally at positions 0..L-1 (SR,
 * DAPO, SR-Beta); a parallel sequence takes both from {@link ParallelLayout}, the one mask/position
 * function of the project (parallel SFT, PAPO). Only response tokens are targets: the token at index
 * {@code i >= promptLength} is scored by the logits of index {@code i - 1} in the merged order, which
 * is how the engine scores it too.
 */
public final class TrainingSequence {
    private final int[] tokens;
    private final int promptLength;
    private final ParallelLayout layout; // null: causal

    private TrainingSequence(int[] tokens, int promptLength, ParallelLayout layout) {
        if (promptLength < 1 || promptLength >= tokens.length) {
            throw new IllegalArgumentException("a training sequence needs a prompt of at least one token and a "
                    + "non-empty response: prompt " + promptLength + " of " + tokens.length + " tokens");
        }
        this.tokens = tokens;
        this.promptLength = promptLength;
        this.layout = layout;
    }

    /** Plain causal attention at positions 0..L-1. */
    public static TrainingSequence causal(int[] tokens, int promptLength) {
        return new TrainingSequence(tokens.clone(), promptLength, null);
    }

    /**
     * The parallel mask and positions of {@link ParallelLayout#of} over the whole sequence.
     *
     * @throws MalformedStructureException when the response breaks the block grammar (such an example
     *     cannot be laid out: parallel SFT drops it, PAPO drops the sample)
     */
    public static TrainingSequence parallel(int[] tokens, int promptLength, TagIds tags) throws MalformedStructureException {
        int[] copy = tokens.clone();
        return new TrainingSequence(copy, promptLength, ParallelLayout.of(copy, promptLength, tags));
    }

    /** One of the two, by {@code attention}. */
    public static TrainingSequence of(Attention attention, int[] tokens, int promptLength, TagIds tags)
            throws MalformedStructureException {
        return attention == Attention.PARALLEL ? parallel(tokens, promptLength, tags) : causal(tokens, promptLength);
    }

    /** Number of tokens L, prompt included. */
    public int length() {
        return tokens.length;
    }

    public int promptLength() {
        return promptLength;
    }

    /** Number of response tokens |y| (the targets). */
    public int responseLength() {
        return tokens.length - promptLength;
    }

    public int token(int i) {
        return tokens[i];
    }

    /** A copy of all L tokens. */
    public int[] tokens() {
        return tokens.clone();
    }

    /** RoPE position of token {@code i}. */
    public int position(int i) {
        return layout == null ? i : layout.position(i);
    }

    /** Whether token {@code query} may attend to token {@code key}. */
    public boolean visible(int query, int key) {
        return layout == null ? key <= query : layout.visible(query, key);
    }
}
