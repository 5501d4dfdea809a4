package org.nprworkbench.engine.decode;

/**
 * Where a trajectory's tokens come from: sampled from the model ({@link SampledSource}) or read from
 * a given trace ({@link ReplaySource}, teacher forcing). The engine asks one {@link Chooser} per
 * trajectory; branch numbers are 0-based within the current block, -1 is the main stream.
 */
public interface TokenSource {
    /** A chooser for sample {@code sample} of a request. */
    Chooser start(int sample);

    /** Chooses the tokens of one trajectory. */
    interface Chooser {
        /** The next token of {@code branch} given its logits row {@code logits[offset, offset + vocab)}. */
        int next(int branch, float[] logits, int offset);

        /**
         * The engine inserted {@code token} into {@code branch} (a forced tag, label or separator). It is
         * input, not output: a sampler does not count it in its repetition history.
         */
        void forced(int branch, int token);

        /**
         * A block forks into {@code n} branches, which sample with {@code repetitionPenalty} (the
         * engine's step repetition penalty) over the tokens each branch generates itself.
         */
        void fork(int n, double repetitionPenalty);

        /** The branches of the current block joined. */
        void join();
    }
}
