package org.nprworkbench.app.cli;

import java.io.PrintWriter;

import org.nprworkbench.engine.bench.EngineBenchmark;
import org.nprworkbench.engine.bench.ModelBenchmark;
import org.nprworkbench.app.service.DeviceChoice;
import org.nprworkbench.engine.checkpoint.Checkpoint;

import ai.djl.Device;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code npr bench ...}: the project's benchmark commands; speed is claimed only from these. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks. Figures are ratios measured side by side in one run.",
        subcommands = {BenchCommand.Model.class, BenchCommand.Engine.class, BenchUiCommand.class, BenchTrainerCommand.class})
final class BenchCommand {

    /** {@code npr bench model}. */
    @Command(name = "model", mixinStandardHelpOptions = true,
            description = "Forward, decode and training speed of a model beside this machine's FP32 matmul rate.")
    static final class Model implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        ModelChoice model;

        @Option(names = "--repetitions", defaultValue = "5", description = "Timed repetitions per figure (median). Default: ${DEFAULT-VALUE}.")
        int repetitions;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            OptionRange.atLeast("--repetitions", repetitions, 1);
            Device d = model.device();
            ModelBenchmark.Result r;
            try (Checkpoint.Loaded c = model.open(spec, d)) {
                r = ModelBenchmark.run(c.model(), repetitions);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(CliJson.PRETTY.toJson(r));
                return;
            }
            out.printf("model                %s, %,d parameters, %s, %d intra-op threads%n", r.model(), r.parameters(),
                    DeviceChoice.describe(d), r.threads());
            out.printf("FP32 matmul          %8.1f GFLOP/s   (1024^3, this machine's reference)%n", r.matmulGflops());
            out.printf("forward  8 x 256     %8.0f tokens/s  (%.1f GFLOP/s = %.2f of matmul rate)%n",
                    r.forwardTokensPerSec(), r.forwardGflops(), r.forwardEfficiency());
            out.printf("decode   batch 1     %8.2f ms/token%n", r.decodeMsBatch1());
            out.printf("decode   batch 8     %8.2f ms/step   (%.2f ms/token; batching gives %.1fx tokens/s)%n",
                    r.decodeMsBatch8(), r.decodeMsBatch8() / 8, r.decodeBatch8Speedup());
            out.printf("train    4 x 256     %8.0f tokens/s  (forward + backward + AdamW)%n", r.trainTokensPerSec());
        }
    }

    /** {@code npr bench engine}. */
    @Command(name = "engine", mixinStandardHelpOptions = true,
            description = {"The NPR engine against the sequential engine on the same model, in one run:",
                    "forced replay of parallel-structured traces (speedup vs the structural limit T/C),",
                    "sampled throughput (TPS ratio), and key/value memory shared vs copied."})
    static final class Engine implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        ModelChoice model;

        @Option(names = "--branches", defaultValue = "4", description = "Branches per block in the replayed traces. Default: ${DEFAULT-VALUE}.")
        int branches;

        @Option(names = "--blocks", defaultValue = "2", description = "Blocks per replayed trace. Default: ${DEFAULT-VALUE}.")
        int blocks;

        @Option(names = "--step-tokens", defaultValue = "120", description = "Tokens per replayed step. Default: ${DEFAULT-VALUE}.")
        int stepTokens;

        @Option(names = "--traces", defaultValue = "4", description = "Replayed traces. Default: ${DEFAULT-VALUE}.")
        int traces;

        @Option(names = "--prompts", defaultValue = "4", description = "Prompts for sampled throughput. Default: ${DEFAULT-VALUE}.")
        int prompts;

        @Option(names = "--samples", defaultValue = "4", description = "Samples per prompt. Default: ${DEFAULT-VALUE}.")
        int samples;

        @Option(names = "--max-tokens", defaultValue = "256", description = "Sampling budget per trajectory. Default: ${DEFAULT-VALUE}.")
        int maxTokens;

        @Option(names = "--repetitions", defaultValue = "3", description = "Timed repetitions (median). Default: ${DEFAULT-VALUE}.")
        int repetitions;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            OptionRange.within("--branches", branches, 1, 5);
            OptionRange.atLeast("--blocks", blocks, 1);
            OptionRange.atLeast("--step-tokens", stepTokens, 8);
            OptionRange.atLeast("--traces", traces, 1);
            OptionRange.atLeast("--prompts", prompts, 1);
            OptionRange.atLeast("--samples", samples, 1);
            OptionRange.atLeast("--max-tokens", maxTokens, 16);
            OptionRange.atLeast("--repetitions", repetitions, 1);
            Device d = model.device();
            try (Checkpoint.Loaded c = model.open(spec, d)) {
                PrintWriter err = spec.commandLine().getErr();
                java.util.function.Consumer<String> progress = line -> {
                    err.println("  " + line);
                    err.flush();
                };
                EngineBenchmark.Replay replay = EngineBenchmark.replay(c.model(), c.tokenizer(), c.forcedLayout(), traces, blocks,
                        branches, stepTokens, repetitions, progress);
                EngineBenchmark.Memory memory = EngineBenchmark.memory(c.model(), c.tokenizer(), c.forcedLayout(), 400, branches);
                java.util.List<int[]> ps = new java.util.ArrayList<>();
                var task = org.nprworkbench.problems.task.TaskRegistry.get("arithmetic");
                for (var p : task.generate(org.nprworkbench.problems.task.Split.TEST, prompts, 1,
                        org.nprworkbench.problems.task.Knobs.of(task, 1))) {
                    ps.add(c.tokenizer().encode(c.promptFormat().render(p.text())));
                }
                EngineBenchmark.Sampled sampled = EngineBenchmark.sampled(c.model(), c.tokenizer(), c.forcedLayout(), ps, samples,
                        maxTokens, 1, repetitions, progress);
                EngineBenchmark.Result r = new EngineBenchmark.Result(replay, sampled, memory);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(CliJson.PRETTY.toJson(r));
                    return;
                }
                out.printf("model      %s, %s%n", model.describe(), DeviceChoice.describe(d));
                out.printf("replay     %d traces x %d blocks x %d branches of ~%d tokens: T %.0f, C %.0f, T/C %.2f%n",
                        replay.traces(), replay.blocks(), replay.branches(), stepTokens, replay.meanT(), replay.meanC(),
                        replay.structuralLimit());
                out.printf("           sequential %.2f s, parallel %.2f s: speedup %.2fx, efficiency %.2f of T/C%n",
                        replay.sequentialSeconds(), replay.parallelSeconds(), replay.speedup(), replay.efficiency());
                out.printf("sampled    %d prompts x %d samples, budget %d: parallel %.0f tok/s, sequential %.0f tok/s, ratio %.2fx%n",
                        sampled.prompts(), sampled.samplesEach(), sampled.maxNewTokens(), sampled.parallelTps(),
                        sampled.sequentialTps(), sampled.tpsRatio());
                out.printf("           parallel engine: %.0f%% forked, %.0f%% malformed, answers' T/C %.2f%s%n",
                        100 * sampled.parallelRate(), 100 * sampled.malformedShare(), sampled.structuralLimit(),
                        sampled.parallelRate() == 0 ? " (an untrained model does not write NPR blocks: the ratio is not a parallel speedup)" : "");
                out.printf("memory     %d-token prompt, %d branches: peak KV %,d bytes shared vs %,d copied (%.2fx)%n",
                        memory.promptTokens(), memory.branches(), memory.peakSharedBytes(), memory.peakCopiedBytes(), memory.ratio());
            }
        }
    }
}
