package org.nprworkbench.app.service;

import java.nio.file.Path;
import java.util.List;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.decode.DecodeRequest;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.decode.NprEngine;
import org.nprworkbench.engine.decode.SampledSource;
import org.nprworkbench.engine.decode.TrajectoryResult;
import org.nprworkbench.engine.sampling.SamplingParams;

/**
 * Samples a continuation of a prompt with the sequential engine ({@code npr model generate}); the
 * budget is cut to the model's context the same way as for solving.
 */
public final class GenerateService {
    /**
     * One prompt to continue.
     *
     * @param raw true to use the prompt as is, false to apply the checkpoint's prompt format
     */
    public record Request(Path checkpoint, String prompt, boolean raw, int maxTokens, double temperature, double topP,
                          int topK, double repetitionPenalty, long seed, DeviceChoice device) {
    }

    /** The decoded continuation (up to the end-of-sequence token or the budget). */
    public String generate(Request q) {
        try (Checkpoint.Loaded c = Checkpoint.load(q.checkpoint(), q.device().select())) {
            String text = q.raw() ? q.prompt() : c.promptFormat().render(q.prompt());
            int[] ids = c.tokenizer().encode(text);
            int budget = TokenBudget.fit(q.maxTokens(), c.model().config().maxPositions(), ids.length, 1);
            SamplingParams params = new SamplingParams(q.temperature(), q.topP(), q.topK(), q.repetitionPenalty(), q.seed());
            TrajectoryResult r = new NprEngine(c.model(), c.tokenizer(), EngineConfig.sequential(budget).withMaxActive(1))
                    .run(List.of(new DecodeRequest("generate", 0, ids,
                            new SampledSource(params, c.model().config().vocabSize()))))
                    .results().get(0);
            return c.tokenizer().decode(r.text(c.tokenizer().tags().eos(), budget));
        }
    }
}
