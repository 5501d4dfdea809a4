package org.nprworkbench.app.cli;

import java.io.PrintWriter;

import org.nprworkbench.app.service.DeviceChoice;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.bench.TrainerBenchmark;

import ai.djl.Device;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code npr bench trainer}: SFT and RL step costs measured side by side ({@link TrainerBenchmark}). */
@Command(name = "trainer", mixinStandardHelpOptions = true,
        description = {"Where training time goes, in one run on one model: SFT step vs forward-only tokens/s,",
                "parallel-mask vs causal SFT on the same tokens, one DAPO and one PAPO step split into",
                "rollout / old-log-prob / update seconds, and the run store's share of a step."})
final class BenchTrainerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelChoice model;

    @Option(names = "--task", defaultValue = "digitsum", description = "Task whose NPR solutions and problems are used. Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(names = "--batch", defaultValue = "4", description = "Sequences per SFT step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--repetitions", defaultValue = "5", description = "Timed repetitions per SFT figure (median). Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Option(names = "--prompts", defaultValue = "2", description = "Prompts per RL step. Default: ${DEFAULT-VALUE}.")
    int prompts;

    @Option(names = "--samples", defaultValue = "4", description = "Samples per prompt. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--max-tokens", defaultValue = "128", description = "Rollout budget per sample. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--seed", defaultValue = "1", description = "Corpus, problem and sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public void run() {
        TaskRegistry.get(task);
        OptionRange.atLeast("--batch", batch, 1);
        OptionRange.atLeast("--repetitions", repetitions, 1);
        OptionRange.atLeast("--prompts", prompts, 1);
        OptionRange.atLeast("--samples", samples, 1);
        OptionRange.atLeast("--max-tokens", maxTokens, 8);
        Device d = model.device();
        TrainerBenchmark.Result r;
        PrintWriter err = spec.commandLine().getErr();
        try (Checkpoint.Loaded c = model.open(spec, d)) {
            r = TrainerBenchmark.run(c, new TrainerBenchmark.Settings(task, batch, repetitions, prompts, samples, maxTokens, seed),
                    line -> {
                        err.println("  " + line);
                        err.flush();
                    });
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(CliJson.PRETTY.toJson(r));
            return;
        }
        out.printf("model      %s, %,d parameters, %s%n", model.describe(), r.parameters(), DeviceChoice.describe(d));
        out.printf("SFT        %d %s sequences of %.0f tokens (median of %d)%n", r.sftSequences(), r.task(),
                r.meanSequenceTokens(), r.repetitions());
        out.printf("           forward only      %8.0f tokens/s%n", r.forwardTokensPerSecond());
        out.printf("           causal SFT step   %8.0f tokens/s  (%.2f of forward-only; forward + backward + AdamW)%n",
                r.sftTokensPerSecond(), r.sftOverForward());
        out.printf("           parallel forward  %8.0f tokens/s%n", r.parallelForwardTokensPerSecond());
        out.printf("           parallel SFT step %8.0f tokens/s  (%.2fx causal SFT on the same tokens)%n",
                r.parallelSftTokensPerSecond(), r.parallelOverCausalSft());
        for (TrainerBenchmark.Step s : new TrainerBenchmark.Step[] {r.dapo(), r.papo()}) {
            out.printf("%-10s %d prompts x %d samples, budget %d, %s engine: %d tokens generated, %d sequences trained%s%n",
                    s == r.dapo() ? "DAPO step" : "PAPO step", s.prompts(), s.samples(), s.maxNewTokens(), s.engine(),
                    s.generatedTokens(), s.trainedSequences(),
                    s.corpusSequences() > 0 ? " (" + s.corpusSequences() + " NPR solutions stand in for dropped rollouts)" : "");
            out.printf("           rollout %.2f s (%.0f%%), old log-prob %.2f s (%.0f%%), update %.2f s (%.0f%%); step %.2f s%n",
                    s.rolloutSeconds(), 100 * s.rolloutShare(), s.oldLogProbSeconds(), 100 * s.oldLogProbShare(),
                    s.updateSeconds(), 100 * s.updateShare(), s.stepSeconds());
            out.printf("           run store: %d rollouts + metrics recorded in %.3f s, %.1f%% of step + recording%n",
                    s.recordedRollouts(), s.storeSeconds(), 100 * s.storeShare());
        }
        out.printf("wall       %.1f s%n", r.wallSeconds());
    }
}
