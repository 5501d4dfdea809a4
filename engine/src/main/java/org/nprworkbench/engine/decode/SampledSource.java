package org.nprworkbench.engine.decode;

import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.engine.sampling.TokenSampler;

/**
 * Tokens sampled from the model. Sample i of a request draws from seed {@code params.seed() + i};
 * each branch gets its own random stream split from the trajectory's, in branch order, so a run
 * repeats exactly whatever order the engine advances rows in. Inside steps the engine's step
 * repetition penalty applies, over the branch's own tokens only (as SGLang's penalizer does).
 */
public record SampledSource(SamplingParams params, int vocab, double stepRepetitionPenalty) implements TokenSource {

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
                (branch < 0 ? main : branches[branch]).observe(token);
            }

            @Override
            public void fork(int n) {
                branches = new TokenSampler[n];
                for (int i = 0; i < n; i++) {
                    branches[i] = main.fork(params.withRepetitionPenalty(stepRepetitionPenalty));
                }
            }

            @Override
            public void join() {
                branches = new TokenSampler[0];
            }
        };
    }
}
