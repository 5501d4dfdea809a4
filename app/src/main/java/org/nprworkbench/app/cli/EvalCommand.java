package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nprworkbench.app.service.EvaluateService;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.bench.BenchmarkLoader;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.eval.EvalResult;
import org.nprworkbench.trainer.eval.Evaluator;
import org.nprworkbench.trainer.rollout.RolloutGenerator;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.RolloutKind;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunSpec;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code npr eval}: accuracy, format, parallelism and speed of one checkpoint ({@code --checkpoint}),
 * or of several side by side on the same problems and seeds ({@code --compare}), on a task's split or
 * a benchmark file (npr-method.md §7). All problems times k samples go through one engine run per
 * checkpoint.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate checkpoints: avg@k, best@k, format-valid and parallel rates, T/C, tokens per second.")
final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Exactly one of --checkpoint and --compare. */
    static final class Which {
        @Option(names = "--checkpoint", paramLabel = "CK",
                description = "Checkpoint to evaluate: a folder or a name from `npr checkpoints` (e.g. quickstart/npr).")
        String checkpoint;

        @Option(names = "--compare", paramLabel = "CK", arity = "2..*",
                description = "Checkpoints (folders or names) to compare on the same problems and seeds (TPS ratio against the first).")
        List<String> compare;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--task", paramLabel = "T", description = "Task family whose split to evaluate on.")
    String task;

    @Option(names = "--benchmark", paramLabel = "FILE", description = "Benchmark file instead of a task (JSON Lines, JSON or CSV).")
    Path benchmark;

    @Option(names = "--split", defaultValue = "test", description = "train, val or test. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--n", defaultValue = "20", description = "Problems (the first N of a benchmark). Default: ${DEFAULT-VALUE}.")
    int n;

    @Option(names = "--k", defaultValue = "4", description = "Samples per problem. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--difficulty", defaultValue = "1", description = "Task difficulty 1..5. Default: ${DEFAULT-VALUE}.")
    int difficulty;

    @Option(names = "--knob", paramLabel = "NAME=VALUE",
            description = "Override one knob of the difficulty level (repeatable), e.g. --knob items=5.")
    java.util.Map<String, Integer> knobs = new java.util.LinkedHashMap<>();

    @Option(names = "--engine", paramLabel = "E",
            description = "parallel or sequential (default: parallel for beta and papo checkpoints, else sequential).")
    String engine;

    @Option(names = "--max-new-tokens", defaultValue = "256", description = "Response budget. Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(names = "--top-p", defaultValue = "0.7", description = "Top-p at temperature 1 (the paper: 0.7). Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(names = "--template", defaultValue = "auto",
            description = "Prompt template: auto (bare for the embedded format, npr for chat models), npr, cot, bare, or a file. Default: ${DEFAULT-VALUE}.")
    String template;

    @Option(names = "--seed", defaultValue = "1", description = "Problem and sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Print JSON (one object; an array with --compare).")
    boolean json;

    @Option(names = "--run", paramLabel = "NAME", description = "Record the samples in the run store under run NAME (kind eval).")
    String run;

    @Mixin
    DeviceOption device;

    @Override
    public void run() {
        OptionRange.atLeast("--n", n, 1);
        OptionRange.atLeast("--k", k, 1);
        OptionRange.atLeast("--max-new-tokens", maxNewTokens, 1);
        OptionRange.within("--difficulty", difficulty, 1, 5);
        OptionRange.aboveUpTo("--top-p", topP, 0, 1);
        if (engine != null && !engine.equals("parallel") && !engine.equals("sequential")) {
            throw new BadInputException("--engine " + engine + ": use parallel or sequential");
        }
        if ((task == null) == (benchmark == null)) {
            throw new BadInputException("say what to evaluate on: --task T or --benchmark FILE (one of them)");
        }
        if (run != null) {
            RunStore.requireValidName(run);
        }
        List<Problem> problems = problems();
        List<String> names = which.checkpoint != null ? List.of(which.checkpoint) : which.compare;
        List<Path> cks = names.stream().map(n -> CheckpointNames.resolve(spec, n)).toList();
        List<String> stages = new ArrayList<>();
        List<EvalResult> results = new EvaluateService().evaluate(new EvaluateService.EvalRequest(cks, problems, k, engine,
                maxNewTokens, topP, template, seed, problems.size(), device.choice()), new EvaluateService.Listener() {
                    @Override
                    public void evaluated(EvaluateService.Evaluated e) {
                        stages.add(e.stage());
                        if (run != null) {
                            record(e.checkpoint(), e.stage(), e.step(), e.result(), e.generator());
                        }
                    }
                });
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            if (cks.size() == 1) {
                JsonObject obj = results.get(0).toJson();
                obj.addProperty("checkpoint", names.get(0));
                o.println(CliJson.PRETTY.toJson(obj));
            } else {
                JsonArray a = new JsonArray();
                for (int i = 0; i < cks.size(); i++) {
                    JsonObject obj = results.get(i).toJson();
                    obj.addProperty("checkpoint", names.get(i));
                    obj.addProperty("tps_ratio", ratio(results.get(i), results.get(0)));
                    a.add(obj);
                }
                o.println(CliJson.PRETTY.toJson(a));
            }
        } else {
            o.print(table(names, stages, results));
        }
        o.flush();
    }

    private static double ratio(EvalResult r, EvalResult first) {
        return first.tokensPerSecond() > 0 ? r.tokensPerSecond() / first.tokensPerSecond() : 0.0;
    }

    private List<Problem> problems() {
        if (benchmark != null) {
            List<Problem> all = BenchmarkLoader.load(benchmark).problems();
            if (all.isEmpty()) {
                throw BadInputException.inFile(benchmark, "holds no problem");
            }
            return all.subList(0, Math.min(n, all.size()));
        }
        var family = TaskRegistry.get(task);
        return family.generate(Split.parse(split), n, seed, org.nprworkbench.problems.task.Knobs.of(family, difficulty, knobs));
    }

    /** One row per checkpoint; the TPS ratio is against the first row. */
    static String table(List<String> cks, List<String> stages, List<EvalResult> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-30s %-8s %-10s %5s %6s %6s %6s %8s %9s %8s %6s %8s %9s%n", "checkpoint",
                "stage", "engine", "k", "avg@k", "best@k", "format", "parallel", "malformed", "T", "T/C", "TPS", "TPS ratio"));
        for (int i = 0; i < results.size(); i++) {
            EvalResult r = results.get(i);
            String name = cks.get(i);
            if (name.length() > 30) {
                name = "..." + name.substring(name.length() - 27);
            }
            b.append(String.format(Locale.ROOT, "%-30s %-8s %-10s %5d %6.3f %6.3f %6.3f %8.3f %9.3f %8.1f %6.2f %8.1f %8.2fx%n",
                    name, stages.get(i), r.engine(), r.k(), r.avgAtK(), r.bestAtK(), r.formatValidRate(), r.parallelRate(),
                    r.malformedRate(), r.meanTokens(), r.tOverC(), r.tokensPerSecond(), ratio(r, results.get(0))));
        }
        b.append(String.format(Locale.ROOT, "%d problems x %d samples each; malformed or truncated answers count as wrong%n",
                results.get(0).nProblems(), results.get(0).k()));
        return b.toString();
    }

    /** Records the evaluation's samples under run {@code run}: a new run of the checkpoint's stage, or an existing one. */
    private void record(Path ck, String provenanceStage, long step, EvalResult r, RolloutGenerator gen) {
        StageKind stage;
        try {
            // "seed-sft": what seed SFT wrote into npr.json before the stage names were unified
            stage = StageKind.parse("seed-sft".equals(provenanceStage) ? "seed" : provenanceStage);
        } catch (BadInputException e) {
            throw BadInputException.inFile(ck, "was not trained by a pipeline stage (npr.json stage \"" + provenanceStage
                    + "\"), so --run cannot file its samples under a stage; leave out --run");
        }
        DataHome home = ((NprCommand) spec.root().userObject()).dataHome().ensure();
        try (RunStore store = RunStore.open(home)) {
            RunInfo info = store.run(run).orElse(null);
            boolean created = info == null;
            long id;
            if (created) {
                JsonObject cfg = new JsonObject();
                cfg.addProperty("checkpoint", ck.toString());
                cfg.addProperty("k", k);
                cfg.addProperty("n", n);
                cfg.addProperty("engine", r.engine());
                id = store.createRun(new RunSpec(run, task != null ? task : benchmark.toString(), "eval", List.of(stage),
                        cfg.toString(), seed, null)).id();
            } else {
                id = info.id();
            }
            boolean hasStage = store.stages(id).stream().anyMatch(s -> s.kind() == stage);
            if (!hasStage) {
                store.startStage(id, stage, null, ck.toString());
            }
            store.recordRollouts(id, Evaluator.records(r, gen, stage, step, RolloutKind.EVAL, Integer.MAX_VALUE));
            if (!hasStage) {
                store.finishStage(id, stage, RunStatus.FINISHED, null);
            }
            if (created) {
                store.finishRun(id, RunStatus.FINISHED);
            }
        }
    }
}
