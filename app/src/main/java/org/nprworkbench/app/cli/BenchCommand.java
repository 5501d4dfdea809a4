package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.nprworkbench.engine.bench.ModelBenchmark;
import org.nprworkbench.engine.model.Devices;
import org.nprworkbench.engine.model.Qwen3Config;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.checkpoint.Checkpoint;

import ai.djl.Device;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code npr bench ...}: the project's benchmark commands; speed is claimed only from these. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks. Figures are ratios measured side by side in one run.",
        subcommands = {BenchCommand.Model.class})
final class BenchCommand {

    /** {@code npr bench model}. */
    @Command(name = "model", mixinStandardHelpOptions = true,
            description = "Forward, decode and training speed of a model beside this machine's FP32 matmul rate.")
    static final class Model implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--checkpoint", paramLabel = "DIR",
                description = "Benchmark this checkpoint (default: a fresh model of the embedded default size).")
        Path checkpoint;

        @Option(names = "--size", defaultValue = "tiny", description = "Size when no checkpoint is given. Default: ${DEFAULT-VALUE}.")
        String size;

        @Option(names = "--repetitions", defaultValue = "5", description = "Timed repetitions per figure (median). Default: ${DEFAULT-VALUE}.")
        int repetitions;

        @Option(names = "--device", description = "cpu, cuda or cuda:N (default: the GPU when DJL sees one).")
        String device;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            Device d = Devices.select(device);
            ModelBenchmark.Result r;
            if (checkpoint != null) {
                try (Checkpoint.Loaded c = Checkpoint.load(checkpoint, d)) {
                    r = ModelBenchmark.run(c.model(), repetitions);
                }
            } else {
                try (Qwen3Model m = Qwen3Model.random(Qwen3Config.preset(size, 128), d, 0)) {
                    r = ModelBenchmark.run(m, repetitions);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(ModelCommand.JSON.toJson(r));
                return;
            }
            out.printf("model                %s, %,d parameters, %s, %d intra-op threads%n", r.model(), r.parameters(),
                    Devices.describe(d), r.threads());
            out.printf("FP32 matmul          %8.1f GFLOP/s   (1024^3, this machine's reference)%n", r.matmulGflops());
            out.printf("forward  8 x 256     %8.0f tokens/s  (%.1f GFLOP/s = %.2f of matmul rate)%n",
                    r.forwardTokensPerSec(), r.forwardGflops(), r.forwardEfficiency());
            out.printf("decode   batch 1     %8.2f ms/token%n", r.decodeMsBatch1());
            out.printf("decode   batch 8     %8.2f ms/step   (%.2f ms/token; batching gives %.1fx tokens/s)%n",
                    r.decodeMsBatch8(), r.decodeMsBatch8() / 8, r.decodeBatch8Speedup());
            out.printf("train    4 x 256     %8.0f tokens/s  (forward + backward + AdamW)%n", r.trainTokensPerSec());
        }
    }
}
