package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;

import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.events.RunStoreRecorder;
import org.nprworkbench.trainer.events.TerminalProgress;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.eval.EvalResult;
import org.nprworkbench.trainer.pipeline.Pipeline;
import org.nprworkbench.trainer.pipeline.PipelineConfig;
import org.nprworkbench.trainer.pipeline.ProblemSource;
import org.nprworkbench.app.service.CheckpointCatalogue;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.stop.StopRequested;
import org.nprworkbench.trainer.stop.StopSignal;
import org.nprworkbench.trainer.store.RunStore;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code npr train (--task T | --benchmark FILE) --preset P [--stages ...] [--run NAME]
 * [--set key=value]...} and the run they start: the {@link Pipeline} recorded in the data home's run store, with terminal
 * progress, and a table of every stage's final evaluation at the end.
 */
final class PipelineOptions {
    @Option(names = "--task", paramLabel = "T", description = "Task family to train on (npr problems tasks lists them).")
    String task;

    @Option(names = "--benchmark", paramLabel = "FILE",
            description = "Benchmark file to train on instead of a task (JSON Lines or a JSON array, as npr eval reads it): "
                    + "its problems are split by the seed into the train pool, validation and test problems. Its seed "
                    + "stage needs --set seed_tasks=FAMILY[,...] (seed SFT on those families' generated corpus) or "
                    + "--set seed_init=CK --set seed_steps=0.")
    Path benchmark;

    @Option(names = "--preset", paramLabel = "P", description = "smoke (all six stages in seconds) or quickstart (digitsum demo).")
    String preset;

    @Option(names = "--stages", paramLabel = "LIST", defaultValue = "seed,zero,beta,papo,sr-beta,sr",
            description = "Stages to run, comma-separated. Default: ${DEFAULT-VALUE}.")
    String stages;

    @Option(names = "--run", paramLabel = "NAME",
            description = "Run name in the run store; checkpoints go to the data home's runs/NAME/STAGE (default: TASK-PRESET-TIME, "
                    + "with a benchmark file its name for TASK).")
    String run;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a preset hyper-parameter (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "10",
            description = "A resumable checkpoint every N steps of each stage under runs/NAME/checkpoints (0: only when "
                    + "stopped). Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--keep-last", paramLabel = "K", defaultValue = "2",
            description = "Step checkpoints kept per stage. Default: ${DEFAULT-VALUE}.")
    int keepLast;

    void run(CommandSpec spec, DeviceOption device) {
        if (task != null && benchmark != null) {
            throw new BadInputException("--task " + task + " and --benchmark " + benchmark + ": train on one of them; "
                    + "to train the seed stage on a task family's seed corpus with a benchmark file, add --set seed_tasks="
                    + task);
        }
        if (task == null && benchmark == null || preset == null) {
            throw new BadInputException("say what to train: npr train --task T --preset smoke|quickstart, or npr train "
                    + "--benchmark FILE --preset P (or npr train seed ... for the seed SFT alone, or npr train --resume NAME "
                    + "to continue a run)");
        }
        OptionRange.atLeast("--checkpoint-every", checkpointEvery, 0);
        OptionRange.atLeast("--keep-last", keepLast, 1);
        PipelineConfig cfg = PipelineConfig.preset(preset);
        Set<String> explicit = new LinkedHashSet<>();
        for (String s : sets) {
            cfg.set(s);
            explicit.add(s.substring(0, s.indexOf('=')).trim());
        }
        // an unknown task is bad input naming the known ones; a file is read and hashed now
        ProblemSource source = benchmark != null ? ProblemSource.BenchmarkFile.load(benchmark) : ProblemSource.family(task);
        DataHome home = ((NprCommand) spec.root().userObject()).dataHome().ensure();
        if (!cfg.text("seed_init").isEmpty()) { // a catalogue name becomes its folder
            cfg.set("seed_init", new CheckpointCatalogue(home).resolve(cfg.text("seed_init")).toAbsolutePath().toString());
        }
        List<StageKind> kinds = StageKind.parseList(stages);
        if (kinds.isEmpty()) {
            throw new BadInputException("--stages names no stage; the stages are " + StageKind.labels());
        }
        String what = source instanceof ProblemSource.BenchmarkFile f ? ProblemSource.runNamePart(f.file()) : task;
        String name = run != null ? run : what + "-" + preset + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        RunStore.requireValidName(name);
        PrintWriter o = spec.commandLine().getOut();
        var d = device.select();
        Pipeline.Plan plan = new Pipeline.Plan(name, source, kinds, cfg, home.runs().resolve(name), d);
        if (source instanceof ProblemSource.BenchmarkFile f) {
            Pipeline.requireFileSettings(f.file(), kinds, cfg, explicit);
        }
        Pipeline.requireRunnable(plan); // before the store records anything
        try (RunStore store = RunStore.open(home)) {
            if (store.run(name).isPresent()) {
                throw new BadInputException("a run named " + name + " already exists; choose another --run name");
            }
            Pipeline p = new Pipeline(plan, TrainingListener.all(TerminalProgress.forConsole(o), new RunStoreRecorder(store)),
                    new Pipeline.Control(checkpointEvery, keepLast, StopSignal.of(store, name), store));
            List<Pipeline.StageOutcome> outcomes;
            try {
                outcomes = p.run();
            } catch (StopRequested e) {
                stopped(o, name, e);
                return;
            }
            o.println();
            o.printf("run %s: checkpoints under %s%n", name, plan.runFolder());
            o.print(table(outcomes));
            o.flush();
        }
    }

    /** What the terminal says when a run stopped on request. */
    static void stopped(PrintWriter o, String run, StopRequested e) {
        o.println();
        o.printf("run %s %s; npr train --resume %s continues it%n", run, e.getMessage(), run);
        o.flush();
    }

    /** One row per stage: its final evaluation on the test split. */
    static String table(List<Pipeline.StageOutcome> outcomes) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-8s %-10s %7s %7s %7s %8s %6s %8s %6s%n", "stage", "engine", "avg@k", "best@k",
                "format", "parallel", "T/C", "TPS", "steps"));
        for (Pipeline.StageOutcome s : outcomes) {
            EvalResult e = s.test();
            b.append(String.format(Locale.ROOT, "%-8s %-10s %7.3f %7.3f %7.3f %8.3f %6.2f %8.1f %6d%n", s.stage(), e.engine(),
                    e.avgAtK(), e.bestAtK(), e.formatValidRate(), e.parallelRate(), e.tOverC(), e.tokensPerSecond(), s.steps()));
        }
        return b.toString();
    }
}
