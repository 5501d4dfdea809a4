package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.checkpoint.Provenance;
import org.nprworkbench.trainer.sft.SeedSft;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code npr train ...}: training stages (so far the seed SFT that gives the tiny model the format). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Training stages.",
        subcommands = {TrainCommand.Seed.class})
final class TrainCommand {

    /** {@code npr train seed}. */
    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "Seed SFT: causal training on the programmatic seed corpus (CoT and NPR-tagged solutions).")
    static final class Seed implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--init", paramLabel = "DIR", description = "Start from this checkpoint (default: a fresh tiny model).")
        Path init;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to save the trained checkpoint.")
        Path out;

        @Option(names = "--steps", defaultValue = "600", description = "Optimiser steps. Default: ${DEFAULT-VALUE}.")
        int steps;

        @Option(names = "--batch", defaultValue = "8", description = "Sequences per step. Default: ${DEFAULT-VALUE}.")
        int batch;

        @Option(names = "--lr", defaultValue = "2e-3", description = "Peak learning rate. Default: ${DEFAULT-VALUE}.")
        double lr;

        @Option(names = "--examples", defaultValue = "1500", description = "Examples per task family. Default: ${DEFAULT-VALUE}.")
        int examples;

        @Option(names = "--npr-share", defaultValue = "0.8", description = "Share of NPR-tagged solutions. Default: ${DEFAULT-VALUE}.")
        double nprShare;

        @Option(names = "--seed", defaultValue = "1", description = "Corpus, shuffling and initialisation seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--force", description = "Replace a checkpoint already in --out.")
        boolean force;

        @Mixin
        DeviceOption device;

        @Override
        public void run() {
            if (steps < 1 || batch < 1 || lr <= 0 || examples < 1 || nprShare < 0 || nprShare > 1) {
                throw new org.nprworkbench.input.BadInputException(
                        "need positive --steps, --batch, --lr, --examples and 0 <= --npr-share <= 1");
            }
            Checkpoint.requireWritable(out, force); // before any training, not after it
            PrintWriter o = spec.commandLine().getOut();
            var d = device.select();
            try (Checkpoint.Loaded ck = init == null ? Checkpoint.fresh("tiny", d, seed) : Checkpoint.load(init, d)) {
                SeedSft.Config cfg = new SeedSft.Config(SeedSft.Config.defaults().tasks(), examples, nprShare, steps, batch, lr, seed);
                double loss = SeedSft.train(ck, cfg, p -> {
                    if (p.step() % 25 == 0 || p.step() == p.steps()) {
                        o.printf("step %4d/%d  loss %.4f  lr %.2e  %5.0f tokens/s%n", p.step(), p.steps(), p.loss(), p.lr(),
                                p.tokensPerSecond());
                        o.flush();
                    }
                });
                Checkpoint.save(ck.model(), ck.tokenizer(), out, new Provenance("seed-sft",
                        init == null ? null : init.toString(), null, steps, String.join(",", cfg.tasks()),
                        Map.of("loss", loss), java.time.Instant.now().toString()), init);
                o.printf("saved %s (final loss %.4f)%n", out, loss);
            }
        }
    }

}
