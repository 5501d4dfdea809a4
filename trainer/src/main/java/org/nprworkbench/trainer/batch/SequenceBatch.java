package org.nprworkbench.trainer.batch;

import java.util.List;

import org.nprworkbench.engine.model.Qwen3Model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Sequences packed into one model call: right-padded inputs [B, T] (each sequence without its last
 * token, T = longest L - 1), next-token targets [B, T], positions [B, T] and the additive mask
 * [B, 1, T, T], each row built from its own {@link TrainingSequence} (causal or parallel rows may be
 * mixed). Padding is hidden from every real query (it lies after them) and has no target weight.
 *
 * <p>Target {@code (b, i)} is token {@code i + 1} of row b; it is a response target when
 * {@code i + 1 >= promptLength}. Response token k of row b sits at flat index
 * {@code b * T + promptLength - 1 + k} ({@link #index}).
 */
public final class SequenceBatch {
    private final List<TrainingSequence> sequences;
    private final int rows;
    private final int width;
    private final long[] inputs;
    private final long[] targets;
    private final long[] positions;
    private final float[] mask;
    private final float[] weights;
    private final int responseTokens;

    private SequenceBatch(List<TrainingSequence> sequences) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("an empty batch");
        }
        this.sequences = List.copyOf(sequences);
        this.rows = sequences.size();
        this.width = sequences.stream().mapToInt(TrainingSequence::length).max().orElseThrow() - 1;
        int t = width;
        inputs = new long[rows * t];
        targets = new long[rows * t];
        positions = new long[rows * t];
        weights = new float[rows * t];
        mask = new float[rows * t * t];
        int response = 0;
        for (int b = 0; b < rows; b++) {
            TrainingSequence s = this.sequences.get(b);
            int real = s.length() - 1; // rows fed: every token but the last
            for (int i = 0; i < real; i++) {
                inputs[b * t + i] = s.token(i);
                targets[b * t + i] = s.token(i + 1);
                positions[b * t + i] = s.position(i);
                if (i + 1 >= s.promptLength()) {
                    weights[b * t + i] = 1f;
                    response++;
                }
            }
            int base = b * t * t;
            for (int q = 0; q < t; q++) {
                for (int k = 0; k < t; k++) {
                    boolean seen = q < real && k < real ? s.visible(q, k) : k <= q;
                    mask[base + q * t + k] = seen ? 0f : Qwen3Model.HIDDEN;
                }
            }
        }
        this.responseTokens = response;
    }

    /** Packs {@code sequences} (at least one) into one batch. */
    public static SequenceBatch of(List<TrainingSequence> sequences) {
        return new SequenceBatch(sequences);
    }

    /** Number of rows B. */
    public int rows() {
        return rows;
    }

    /** Number of fed positions per row T. */
    public int width() {
        return width;
    }

    public TrainingSequence sequence(int row) {
        return sequences.get(row);
    }

    /** Response targets over all rows. */
    public int responseTokens() {
        return responseTokens;
    }

    /** Flat index into [B, T] of response token {@code k} of row {@code row}. */
    public int index(int row, int k) {
        return row * width + sequences.get(row).promptLength() - 1 + k;
    }

    /** 1 on every response target, 0 on prompt targets and padding: [B*T] (a copy). */
    public float[] responseWeights() {
        return weights.clone();
    }

    /** A [B*T] array holding {@code values[b]} on each response target of row b and 0 elsewhere. */
    public float[] perRow(double[] values) {
        if (values.length != rows) {
            throw new IllegalArgumentException(values.length + " values for " + rows + " rows");
        }
        float[] out = new float[rows * width];
        for (int i = 0; i < out.length; i++) {
            out[i] = weights[i] == 0f ? 0f : (float) values[i / width];
        }
        return out;
    }

    /** A [B*T] array holding {@code values[b][k]} at response token k of row b and 0 elsewhere. */
    public float[] perToken(float[][] values) {
        float[] out = new float[rows * width];
        for (int b = 0; b < rows; b++) {
            int n = sequences.get(b).responseLength();
            if (values[b].length != n) {
                throw new IllegalArgumentException("row " + b + ": " + values[b].length + " values for " + n + " response tokens");
            }
            for (int k = 0; k < n; k++) {
                out[index(b, k)] = values[b][k];
            }
        }
        return out;
    }

    /** The response tokens' values of row {@code row} from a flat [B*T] array. */
    public float[] responseValues(float[] flat, int row) {
        int n = sequences.get(row).responseLength();
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            out[k] = flat[index(row, k)];
        }
        return out;
    }

    /** A flat [B*T] array as an NDArray [B, T] on {@code nd}. */
    public NDArray array(NDManager nd, float[] flat) {
        return nd.create(flat, new Shape(rows, width));
    }

    /**
     * The forward pass under each row's mask and positions. Call it inside an NDScope; under a gradient
     * collector the log-probabilities are differentiable.
     *
     * @param entropy whether to compute the (detached) entropy of each target's distribution
     */
    public Forward forward(Qwen3Model model, boolean entropy) {
        NDManager nd = model.manager();
        NDArray logits = model.forward(nd.create(inputs, new Shape(rows, width)), nd.create(positions, new Shape(rows, width)),
                nd.create(mask, new Shape(rows, 1, width, width)));                    // [B, T, V]
        NDArray logSoftmax = logits.logSoftmax(-1);
        NDArray logProbs = logSoftmax.gather(nd.create(targets, new Shape(rows, width)).expandDims(-1), -1).squeeze(-1); // [B, T]
        NDArray h = null;
        if (entropy) {
            NDArray ls = logSoftmax.stopGradient();
            h = ls.exp().mul(ls).sum(new int[] {-1}).neg();                              // [B, T]
        }
        return new Forward(logProbs, array(nd, weights), h);
    }

    /**
     * One forward's outputs.
     *
     * @param logProbs log p(target) [B, T]
     * @param weights  1 on response targets [B, T]
     * @param entropy  entropy in nats of each target's distribution [B, T], detached (null when not asked)
     */
    public record Forward(NDArray logProbs, NDArray weights, NDArray entropy) {
    }
}
