package org.nprworkbench.engine.parallel;

import org.nprworkbench.engine.tokenizer.TagIds;

/**
 * The §2.3 position rule applied one token at a time: positions count up by one;
 * {@code </guideline>} sets g = its position; every {@code <step>} restarts at g + 1; each
 * {@code </step>} raises maxLen to its position − g; {@code <takeaway>} restarts at g + maxLen + 1.
 *
 * <p>This is the one place the rule is written. {@link ParallelLayout} runs one cursor over a whole
 * sequence in merged order (the steps of a block one after another). The engine runs one per stream:
 * the main stream's cursor is {@link #fork() copied} into every branch at the fork, and the branches
 * are {@link #join(PositionCursor) absorbed} back at the join, so every token gets the position the
 * layout gives it in the merged sequence. A causal cursor (the sequential baseline) just counts.
 */
public final class PositionCursor {
    private final TagIds tags; // null: causal
    private int next;
    private int g = -1;
    private int maxLen;

    private PositionCursor(TagIds tags, int next) {
        this.tags = tags;
        this.next = next;
    }

    /** A parallel cursor whose first token gets position {@code start} (the prompt length). */
    public static PositionCursor parallel(TagIds tags, int start) {
        return new PositionCursor(tags, start);
    }

    /** A plain causal cursor: start, start + 1, ... whatever the tokens. */
    public static PositionCursor causal(int start) {
        return new PositionCursor(null, start);
    }

    /** The position of {@code token}, the next token of this stream. */
    public int next(int token) {
        if (tags != null) {
            if (token == tags.stepOpen()) {
                next = g + 1;
            } else if (token == tags.takeawayOpen()) {
                next = g + maxLen + 1;
            }
        }
        int p = next++;
        if (tags != null) {
            if (token == tags.guidelineOpen()) {
                maxLen = 0;
            } else if (token == tags.guidelineClose()) {
                g = p;
            } else if (token == tags.stepClose()) {
                maxLen = Math.max(maxLen, p - g);
            }
        }
        return p;
    }

    /**
     * The position of a token that breaks the block grammar where it stands (a {@code <step>} the model
     * wrote itself, say; the engine ends the trajectory there): one past the stream's previous token.
     */
    public int nextOutOfPlace() {
        return next++;
    }

    /** A cursor for one branch of the block this stream has just opened: the same state, copied. */
    public PositionCursor fork() {
        PositionCursor c = new PositionCursor(tags, next);
        c.g = g;
        c.maxLen = maxLen;
        return c;
    }

    /** Takes a finished branch's step length into account, so the takeaway starts after the longest. */
    public void join(PositionCursor branch) {
        maxLen = Math.max(maxLen, branch.maxLen);
    }
}
