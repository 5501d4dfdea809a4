package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.nprworkbench.app.service.EvaluateService;
import org.nprworkbench.input.SkippedLine;
import org.nprworkbench.problems.seed.SeedCorpus;
import org.nprworkbench.problems.seed.SolutionStyle;
import org.nprworkbench.problems.task.Knob;
import org.nprworkbench.problems.task.Knobs;
import org.nprworkbench.problems.task.MathVerifier;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.Task;
import org.nprworkbench.problems.task.TaskRegistry;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code npr problems ...}: list, sample and check the synthetic task families and graded answers. */
@Command(name = "problems", mixinStandardHelpOptions = true,
        description = "Synthetic task families: list them, sample problems (and seed-corpus solutions), "
                + "check answers.",
        subcommands = {ProblemsCommand.ListFamilies.class, ProblemsCommand.Sample.class, ProblemsCommand.Check.class})
final class ProblemsCommand {
    /** {@code npr problems list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the task families with their answer formats and difficulty knobs.")
    static final class ListFamilies implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "One JSON object per family.")
        boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (Task t : TaskRegistry.tasks()) {
                if (json) {
                    out.println(CliJson.LINE.toJson(describe(t)));
                    continue;
                }
                out.printf("%s: %s%n  answer: %s%n  knobs:%n", t.name(), t.description(), t.answerFormat());
                for (Knob k : t.knobs()) {
                    out.printf("    %-8s %s (%d..%d; at difficulty 1-%d: %s)%n", k.name(), k.description(), k.min(),
                            k.max(), Task.MAX_DIFFICULTY,
                            k.byDifficulty().stream().map(String::valueOf).collect(Collectors.joining(" ")));
                }
            }
            if (!json) {
                out.println(MathVerifier.NAME + ": check only: free-form answers graded against the reference "
                        + "with the math answer grader (benchmarks)");
            }
            out.flush();
        }

        private static JsonObject describe(Task t) {
            JsonObject o = new JsonObject();
            o.addProperty("name", t.name());
            o.addProperty("description", t.description());
            o.addProperty("answer_format", t.answerFormat());
            JsonArray knobs = new JsonArray();
            for (Knob k : t.knobs()) {
                knobs.add(CliJson.LINE.toJsonTree(k));
            }
            o.add("knobs", knobs);
            return o;
        }
    }

    /** {@code npr problems sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Print problems of one family and split, reproducibly from a seed.")
    static final class Sample implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--task", required = true, paramLabel = "T", description = "Task family (see `npr problems list`).")
        String task;

        @Option(names = "--split", defaultValue = "train", paramLabel = "S",
                description = "train, val or test. Default: ${DEFAULT-VALUE}.")
        String split;

        @Option(names = "--n", defaultValue = "5", description = "How many problems. Default: ${DEFAULT-VALUE}.")
        int n;

        @Option(names = "--seed", defaultValue = "1", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--difficulty", defaultValue = "1", paramLabel = "D",
                description = "Difficulty level 1..5 (sets every knob). Default: ${DEFAULT-VALUE}.")
        int difficulty;

        @Option(names = {"-k", "--knob"}, paramLabel = "NAME=VALUE",
                description = "Override one knob of the difficulty level (repeatable), e.g. --knob numbers=5.")
        Map<String, Integer> knobs = new LinkedHashMap<>();

        @Option(names = "--format", paramLabel = "STYLE",
                description = "Also print a seed-corpus solution: cot (chain of thought) or npr (NPR tags).")
        String format;

        @Option(names = "--json", description = "JSON Lines: {\"id\",\"task\",\"split\",\"problem\",\"answer\"} "
                + "(plus \"style\" and \"solution\" with --format).")
        boolean json;

        @Override
        public void run() {
            Task t = TaskRegistry.get(task);
            Split s = Split.parse(split);
            SolutionStyle style = format == null ? null : SolutionStyle.parse(format);
            OptionRange.atLeast("--n", n, 0);
            List<Problem> problems = t.generate(s, n, seed, Knobs.of(t, difficulty, knobs));
            Random rnd = new Random(seed);
            PrintWriter out = spec.commandLine().getOut();
            for (Problem p : problems) {
                String solution = style == null ? null : SeedCorpus.solution(p, style, rnd);
                if (json) {
                    JsonObject o = new JsonObject();
                    o.addProperty("id", p.id());
                    o.addProperty("task", p.task());
                    o.addProperty("split", p.split().label());
                    o.addProperty("problem", p.text());
                    o.addProperty("answer", p.answer());
                    if (solution != null) {
                        o.addProperty("style", style.name().toLowerCase(Locale.ROOT));
                        o.addProperty("solution", solution);
                    }
                    out.println(CliJson.LINE.toJson(o));
                } else {
                    out.printf("%s%n%s%nanswer: %s%n", p.id(), p.text(), p.answer());
                    if (solution != null) {
                        out.printf("solution (%s):%n%s%n", style.name().toLowerCase(Locale.ROOT), solution);
                    }
                    out.println();
                }
            }
            out.flush();
        }
    }

    /** {@code npr problems check}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Verify model answers and print the accuracy.",
                "FILE holds JSON Lines (or a JSON array), one {\"problem\", \"answer\", \"response\"} per line. "
                + "The synthetic families are verified exactly from the problem text; task math grades the "
                + "response's final answer against \"answer\"."})
    static final class Check implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--task", required = true, paramLabel = "T", description = "A task family, or math.")
        String task;

        @Parameters(paramLabel = "FILE", description = "The answers to check.")
        Path file;

        @Option(names = "--skip-bad-lines", description = "Leave out (and list) bad lines instead of refusing the file.")
        boolean skipBadLines;

        @Option(names = "--json", description = "Print the result as one JSON object.")
        boolean json;

        @Override
        public void run() {
            EvaluateService.Report report = new EvaluateService().check(task, file, skipBadLines);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<EvaluateService.Line> results = report.lines();
            long correct = report.correct();
            double accuracy = report.accuracy();
            for (SkippedLine s : report.skipped()) {
                err.println("skipped " + s);
            }
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("file", file.toString());
                o.addProperty("task", report.task());
                o.addProperty("total", results.size());
                o.addProperty("correct", correct);
                o.addProperty("accuracy", accuracy);
                JsonArray lines = new JsonArray();
                for (EvaluateService.Line r : results) {
                    JsonObject l = new JsonObject();
                    l.addProperty("line", r.line());
                    l.addProperty("correct", r.correct());
                    lines.add(l);
                }
                o.add("results", lines);
                JsonArray skipped = new JsonArray();
                for (SkippedLine s : report.skipped()) {
                    JsonObject l = new JsonObject();
                    l.addProperty("where", s.location());
                    l.addProperty("reason", s.reason());
                    skipped.add(l);
                }
                o.add("skipped", skipped);
                out.println(CliJson.LINE.toJson(o));
            } else {
                out.printf(Locale.ROOT, "%s: %d of %d correct, accuracy %.1f%% (task %s%s)%n", file, correct,
                        results.size(), 100 * accuracy, report.task(),
                        report.skipped().isEmpty() ? "" : ", " + report.skipped().size() + " bad line"
                                + (report.skipped().size() == 1 ? "" : "s") + " skipped");
            }
            out.flush();
            err.flush();
        }
    }
}
