package org.nprworkbench.trainer.reward;

/**
 * DAPO's soft overlong penalty (§3.2, {@code npr-zero reward_manager/dapo.py}): a response of
 * {@code length} tokens gets {@code min(0, -(length - (maxLength - buffer)) / buffer * factor)} added
 * to its score, so only the last {@code buffer} tokens before the limit are penalised, linearly down
 * to {@code -factor} at the limit. The paper runs buffer 10 of 30,000 with factor 1; scaled-down runs
 * keep the buffer's share of the limit or set their own.
 *
 * @param maxLength the response budget in tokens
 * @param buffer    the penalised stretch before it (0 = shaping off)
 * @param factor    the penalty at the limit
 */
public record OverlongShaping(int maxLength, int buffer, double factor) {
    public OverlongShaping {
        if (buffer < 0 || buffer > maxLength || factor < 0) {
            throw new IllegalArgumentException("overlong buffer must lie in [0, maxLength] and the factor be >= 0: "
                    + buffer + " of " + maxLength + ", factor " + factor);
        }
    }

    /** No shaping. */
    public static OverlongShaping off() {
        return new OverlongShaping(0, 0, 0);
    }

    /** The paper's setting (buffer 10 of 30,000, factor 1) scaled to {@code maxLength}: buffer at least 1 token. */
    public static OverlongShaping paperScaled(int maxLength) {
        return new OverlongShaping(maxLength, Math.max(1, (int) Math.round(maxLength * 10.0 / 30_000)), 1.0);
    }

    /** Whether any response is ever penalised. */
    public boolean enabled() {
        return buffer > 0 && factor > 0;
    }

    /** The amount (at most 0) added to the score of a response of {@code length} tokens. */
    public double penalty(int length) {
        if (!enabled()) {
            return 0.0;
        }
        double exceed = length - (double) (maxLength - buffer);
        return exceed <= 0 ? 0.0 : -exceed / buffer * factor; // = min(0, -exceed / buffer * factor), without -0.0
    }
}
