package org.nprworkbench.trainer.rollout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.decode.DecodeRequest;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.decode.EngineRun;
import org.nprworkbench.engine.decode.NprEngine;
import org.nprworkbench.engine.decode.SampledSource;
import org.nprworkbench.engine.decode.TrajectoryResult;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.schema.StructureValidator;
import org.nprworkbench.engine.tokenizer.PromptFormat;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.engine.tokenizer.TextTokenizer;
import org.nprworkbench.problems.prompt.PromptTemplate;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.trainer.reward.RewardFunction;

/**
 * Samples the rollouts of an RL step: every prompt times every sample in ONE engine run (the engine
 * batches them and shares each prompt's prefill among its samples), on the sequential engine (DAPO,
 * SR, rejection sampling) or the parallel one (PAPO), as the {@link EngineConfig} says. Each response
 * is checked by the structural validator with the run's token budget as length cap, laid out to count
 * its blocks, verified and rewarded.
 */
public final class RolloutGenerator {
    private final Qwen3Model model;
    private final TextTokenizer tokenizer;
    private final PromptFormat format;
    private final PromptTemplate template;
    private Consumer<RolloutBatch> observer = b -> {
    };

    /**
     * @param format   the model's prompt format (chat template)
     * @param template how a problem becomes the user message
     */
    public RolloutGenerator(Qwen3Model model, TextTokenizer tokenizer, PromptFormat format, PromptTemplate template) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.format = format;
        this.template = template;
    }

    /** A generator for a loaded checkpoint. */
    public static RolloutGenerator of(Checkpoint.Loaded ck, PromptTemplate template) {
        return new RolloutGenerator(ck.model(), ck.tokenizer(), ck.promptFormat(), template);
    }

    /**
     * Hands every batch this generator produces to {@code observer} as well (the pipeline records a
     * sample of each step's rollouts this way); returns this generator.
     */
    public RolloutGenerator observe(Consumer<RolloutBatch> observer) {
        this.observer = observer;
        return this;
    }

    public Qwen3Model model() {
        return model;
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /** The user message for {@code problem} (the template applied, not yet the chat format). */
    public String userMessage(Problem problem) {
        return template.render(problem.text());
    }

    /** The prompt token ids the model reads for {@code problem}. */
    public int[] promptTokens(Problem problem) {
        return tokenizer.encode(format.render(userMessage(problem)));
    }

    /**
     * Samples {@code samples} responses to each problem in one engine run. Sample i of every prompt
     * draws from seed {@code sampling.seed() + i}; callers vary the seed between runs.
     */
    public RolloutBatch generate(List<Problem> problems, int samples, EngineConfig engine, SamplingParams sampling,
                                 RewardFunction reward) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be positive: " + samples);
        }
        List<DecodeRequest> requests = new ArrayList<>(problems.size() * samples);
        SampledSource source = new SampledSource(sampling, model.config().vocabSize());
        for (int p = 0; p < problems.size(); p++) {
            int[] prompt = promptTokens(problems.get(p));
            for (int s = 0; s < samples; s++) {
                requests.add(new DecodeRequest(p + ":" + s, s, prompt, source));
            }
        }
        if (requests.isEmpty()) {
            return new RolloutBatch(List.of(), 0, 0, 0);
        }
        EngineRun run = new NprEngine(model, tokenizer, engine).run(requests);
        StructureValidator validator = new StructureValidator(engine.maxNewTokens());
        TagIds tags = tokenizer.tags();
        List<Rollout> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            TrajectoryResult r = run.results().get(i);
            int group = i / samples;
            out.add(rollout(problems.get(group), group, r, engine.maxNewTokens(), validator, tags, reward));
        }
        RolloutBatch batch = new RolloutBatch(out, problems.size(), run.wallSeconds(), run.generatedTokens());
        observer.accept(batch);
        return batch;
    }

    private Rollout rollout(Problem problem, int group, TrajectoryResult r, int budget, StructureValidator validator,
                            TagIds tags, RewardFunction reward) {
        int[] all = r.response();
        boolean truncated = all.length > budget;
        int[] response = truncated ? Arrays.copyOf(all, budget) : all;
        boolean valid = validator.check(all, tags).isEmpty();
        List<Integer> layoutBranches;
        try {
            layoutBranches = Arrays.stream(ParallelLayout.of(r.tokens(), r.prompt().length, tags).branchesPerBlock())
                    .boxed().toList();
        } catch (MalformedStructureException e) {
            layoutBranches = List.of(); // no layout, no blocks
        }
        String text = tokenizer.decode(r.text(tags.eos(), budget));
        RewardFunction.Reward rw = reward.evaluate(problem, text, response.length);
        return new Rollout(problem, group, r.sample(), r.prompt(), response,
                r.status() == TrajectoryResult.Status.COMPLETE, truncated, r.reason(), valid,
                r.totalTokens(), r.criticalPath(), r.branchesPerBlock(), r.forked(), layoutBranches,
                text, rw.correct(), rw.formatScore(), rw.score(), rw.reward(), r.wallSeconds());
    }
}
