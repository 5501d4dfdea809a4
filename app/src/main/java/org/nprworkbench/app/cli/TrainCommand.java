package org.nprworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.task.Knobs;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.events.TerminalProgress;
import org.nprworkbench.trainer.resume.ResumeRun;
import org.nprworkbench.trainer.resume.SeedRun;
import org.nprworkbench.trainer.sft.SeedSft;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.stop.StopRequested;
import org.nprworkbench.trainer.store.RunStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code npr train ...}: the NPR pipeline on a task family or a benchmark file ({@code npr train --task T
 * --preset P}, {@code npr train --benchmark FILE --preset P}, {@link PipelineOptions})
 * and the seed SFT on its own ({@code npr train seed}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the NPR pipeline (seed, zero, beta, papo, sr-beta, sr) on a task family (--task) or a benchmark "
                + "file (--benchmark), or one stage via a subcommand.",
        subcommands = {TrainCommand.Seed.class})
final class TrainCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--resume", paramLabel = "NAME",
            description = "Continue run NAME (killed, failed or stopped) from its last checkpoint, with its recorded settings.")
    String resume;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    DeviceOption device;

    @Override
    public void run() {
        if (resume != null) {
            DataHome home = ((NprCommand) spec.root().userObject()).dataHome().ensure();
            var d = device.select();
            PrintWriter o = spec.commandLine().getOut();
            try (RunStore store = RunStore.open(home)) {
                ResumeRun.Outcome r = ResumeRun.resume(resume, d, store, TerminalProgress.forConsole(o));
                if (r.stages().isEmpty()) {
                    o.printf("run %s finished (final loss %.4f)%n", resume, r.seedLoss());
                } else {
                    o.println();
                    o.printf("run %s finished; the stages run now:%n", resume);
                    o.print(PipelineOptions.table(r.stages()));
                }
                o.flush();
            } catch (StopRequested e) {
                PipelineOptions.stopped(o, resume, e);
            }
            return;
        }
        pipeline.run(spec, device);
    }

    /** {@code npr train seed}. */
    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "Seed SFT: causal training on the programmatic seed corpus (CoT and NPR-tagged solutions).")
    static final class Seed implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--init", paramLabel = "DIR", description = "Start from this checkpoint (default: a fresh tiny model).")
        Path init;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Where to save the trained checkpoint (default with --run: the data home's runs/NAME/seed).")
        Path out;

        @Option(names = "--run", paramLabel = "NAME",
                description = "Record the training as run NAME (stage seed) in the data home's run store.")
        String run;

        @Option(names = "--steps", defaultValue = "600", description = "Optimiser steps. Default: ${DEFAULT-VALUE}.")
        int steps;

        @Option(names = "--batch", defaultValue = "8", description = "Sequences per step. Default: ${DEFAULT-VALUE}.")
        int batch;

        @Option(names = "--lr", defaultValue = "2e-3", description = "Peak learning rate. Default: ${DEFAULT-VALUE}.")
        double lr;

        @Option(names = "--examples", defaultValue = "1500", description = "Examples per task family. Default: ${DEFAULT-VALUE}.")
        int examples;

        @Option(names = "--tasks", paramLabel = "LIST", split = ",",
                description = "Task families of the corpus, comma-separated. Default: arithmetic,countdown,candidates,crosscheck.")
        List<String> tasks;

        @Option(names = "--difficulty", defaultValue = "1", paramLabel = "D",
                description = "Difficulty level 1..5 of the corpus problems. Default: ${DEFAULT-VALUE}.")
        int difficulty;

        @Option(names = {"-k", "--knob"}, paramLabel = "NAME=VALUE",
                description = "Override one knob of the difficulty level (repeatable), e.g. --knob items=8.")
        Map<String, Integer> knobs = new LinkedHashMap<>();

        @Option(names = "--npr-share", defaultValue = "0.8", description = "Share of NPR-tagged solutions. Default: ${DEFAULT-VALUE}.")
        double nprShare;

        @Option(names = "--seed", defaultValue = "1", description = "Corpus, shuffling and initialisation seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--checkpoint-every", defaultValue = "20", paramLabel = "N",
                description = "With --run: save a resumable checkpoint every N steps (0: only at the end). Default: ${DEFAULT-VALUE}.")
        int checkpointEvery;

        @Option(names = "--keep-last", defaultValue = "3", paramLabel = "K",
                description = "With --run: step checkpoints kept (plus the lowest-loss one). Default: ${DEFAULT-VALUE}.")
        int keepLast;

        @Option(names = "--force", description = "Replace a checkpoint already in --out.")
        boolean force;

        @Mixin
        DeviceOption device;

        @Override
        public void run() {
            OptionRange.atLeast("--steps", steps, 1);
            OptionRange.atLeast("--batch", batch, 1);
            OptionRange.above("--lr", lr, 0);
            OptionRange.atLeast("--examples", examples, 1);
            OptionRange.within("--npr-share", nprShare, 0, 1);
            OptionRange.atLeast("--checkpoint-every", checkpointEvery, 0);
            OptionRange.atLeast("--keep-last", keepLast, 1);
            OptionRange.within("--difficulty", difficulty, 1, 5);
            List<String> families = tasks == null || tasks.isEmpty() ? SeedSft.Config.defaults().tasks() : List.copyOf(tasks);
            for (String f : families) { // an unknown family or knob is bad input naming the known ones
                Knobs.of(TaskRegistry.get(f), difficulty, knobs);
            }
            if (out == null && run == null) {
                throw new BadInputException("say where the checkpoint goes: --out DIR, or --run NAME to record a run "
                        + "(saved under the data home's runs/NAME/seed)");
            }
            if (run != null) {
                RunStore.requireValidName(run);
            }
            DataHome home = run == null ? null : ((NprCommand) spec.root().userObject()).dataHome().ensure();
            Path dest = out != null ? out : defaultOut(home);
            Checkpoint.requireWritable(dest, force); // before any training, not after it
            PrintWriter o = spec.commandLine().getOut();
            var d = device.select();
            SeedSft.Config cfg = new SeedSft.Config(families, examples, nprShare, steps, batch, lr, seed, difficulty, knobs);
            Path stepFolder = run == null ? null : home.runs().resolve(run).resolve("checkpoints");
            try (RunStore store = run == null ? null : RunStore.open(home)) {
                double loss = SeedRun.start(new SeedRun.Settings(cfg, init, dest, run, stepFolder, checkpointEvery, keepLast),
                        d, store, TerminalProgress.forConsole(o));
                o.printf("saved %s (final loss %.4f)%n", dest, loss);
            } catch (StopRequested e) {
                PipelineOptions.stopped(o, run, e);
            }
        }

        /** {@code runs/NAME/seed} in the data home; refuses a folder left there by an earlier run of that name. */
        private Path defaultOut(DataHome home) {
            Path dest = home.runs().resolve(run).resolve(StageKind.SEED.label());
            try (var entries = Files.exists(dest) ? Files.list(dest) : java.util.stream.Stream.<Path>empty()) {
                if (entries.findAny().isPresent()) {
                    throw BadInputException.inFile(dest, "already holds files (from an earlier run named " + run
                            + "?); pass --out DIR or move the folder aside");
                }
            } catch (IOException e) {
                throw BadInputException.inFile(dest, "cannot read the folder: " + e.getMessage());
            }
            return dest;
        }
    }

}
