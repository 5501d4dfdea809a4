package org.nprworkbench.engine.decode;

import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.engine.sampling.TokenSampler;

/**
 * Tokens sampled from the model. Sample i of a request draws from seed {@code params.seed() + i};
 * each branch gets its own random stream split from the trajectory's, in branch order, so a run
 * repeats exactly whatever order the engine advances rows in. A branch samples with the penalty the
 * engine gives it at the fork (its step repetition penalty), the main stream with
 * {@code params.repetitionPenalty()}. As in SGLang's penalizer, each stream's repetition history holds
 * the tokens it generated only: not the shared prefix, and not the tokens the engine forces
 * ({@code <step>}, the label, separators, {@code <takeaway>}), which are input.
 */
public record SampledSource(SamplingParams params, int vocab) implements TokenSource {

    @Override
    public Chooser start(int sample) {
        TokenSampler main = new TokenSampler(params.withSeed(params.seed() + sample), vocab);
        return new Chooser() {
            private TokenSampler[] branches = new TokenSampler[0];

            @Override
            public int next(int branch, float[] logits, int offset) {
                return (branch < 0 ? main : branches[branch]).choose(logits, offset);
            }

            @Override
            public void forced(int branch, int token) {
                // input, not output: never in a repetition history
            }

            @Override
            public void fork(int n, double repetitionPenalty) {
                branches = new TokenSampler[n];
                for (int i = 0; i < n; i++) {
                    branches[i] = main.fork(params.withRepetitionPenalty(repetitionPenalty));
                }
            }

            @Override
            public void join() {
                branches = new TokenSampler[0];
            }
        };
    }
}
