package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.nprworkbench.app.service.RunsService;
import org.nprworkbench.app.service.DeviceChoice;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.CheckpointInfo;
import org.nprworkbench.trainer.store.EventInfo;
import org.nprworkbench.trainer.store.MetricRow;
import org.nprworkbench.trainer.store.MetricSummary;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunSummary;
import org.nprworkbench.trainer.store.StageInfo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code npr runs ...}: the training runs recorded in the data home's run store. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Training runs in the run store: list them (default), show one, print its metrics, stop, delete, rename.",
        subcommands = {RunsCommand.Show.class, RunsCommand.Metrics.class, RunsCommand.Stop.class, RunsCommand.Delete.class,
                RunsCommand.Rename.class})
final class RunsCommand implements Runnable {
    static final Gson JSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array: name, status, task, preset, stages, times, "
            + "last_stage, last_step, best_metric.")
    boolean json;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<RunSummary> runs = service(spec).list();
        if (json) {
            JsonArray a = new JsonArray();
            runs.forEach(s -> a.add(summaryJson(s)));
            out.println(JSON.toJson(a));
        } else if (runs.isEmpty()) {
            out.println("no runs yet (npr train seed --run NAME records one)");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "STATUS", "TASK", "STAGES", "CREATED", "LAST STEP", "BEST"});
            for (RunSummary s : runs) {
                RunInfo r = s.run();
                rows.add(new String[] {r.name(), r.status().label(), dash(r.task()), labels(r.stages()), time(r.created()),
                        s.lastStage() == null ? "-" : s.lastStage() + " " + s.lastStep(),
                        s.best() == null ? "-" : s.best().name() + " " + number(s.best().value()) + " (" + s.best().stage()
                                + " " + s.best().step() + ")"});
            }
            table(out, rows);
        }
        out.flush();
    }

    // ------------------------------------------------------------------------------------------

    /** {@code npr runs show NAME}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A run's configuration, stages, checkpoints, metric names (count, last value) and events.")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The run.")
        String name;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            RunsService.RunDetails d = service(spec).show(name);
            if (json) {
                out.println(JSON.toJson(showJson(d.run(), d.stages(), d.checkpoints(), d.metrics(), d.events())));
            } else {
                showText(out, d.run(), d.stages(), d.checkpoints(), d.metrics(), d.events());
            }
            out.flush();
        }

        private static JsonObject showJson(RunInfo r, List<StageInfo> stages, List<CheckpointInfo> checkpoints,
                                           List<MetricSummary> metrics, List<EventInfo> events) {
            JsonObject o = runJson(r);
            o.add("config", JsonParser.parseString(r.configJson()));
            JsonArray st = new JsonArray();
            for (StageInfo s : stages) {
                JsonObject j = new JsonObject();
                j.addProperty("stage", s.kind().label());
                j.addProperty("status", s.status().label());
                j.addProperty("total_steps", s.totalSteps());
                j.addProperty("started", iso(s.started()));
                j.addProperty("ended", iso(s.ended()));
                j.addProperty("parent_checkpoint", s.parentCheckpoint());
                j.addProperty("message", s.message());
                st.add(j);
            }
            o.add("stages", st);
            JsonArray ck = new JsonArray();
            for (CheckpointInfo c : checkpoints) {
                JsonObject j = new JsonObject();
                j.addProperty("stage", c.stage().label());
                j.addProperty("step", c.step());
                j.addProperty("folder", c.folder());
                j.addProperty("parent", c.parent());
                j.addProperty("kept", c.kept());
                JsonObject m = new JsonObject();
                c.metrics().forEach((k, v) -> m.add(k, jsonNumber(v == null ? Double.NaN : v)));
                j.add("metrics", m);
                j.addProperty("saved", iso(c.saved()));
                ck.add(j);
            }
            o.add("checkpoints", ck);
            JsonArray ms = new JsonArray();
            for (MetricSummary m : metrics) {
                JsonObject j = new JsonObject();
                j.addProperty("name", m.name());
                j.addProperty("count", m.count());
                j.addProperty("last_stage", m.lastStage().label());
                j.addProperty("last_step", m.lastStep());
                j.add("last_value", jsonNumber(m.lastValue()));
                ms.add(j);
            }
            o.add("metrics", ms);
            JsonArray ev = new JsonArray();
            for (EventInfo e : events) {
                JsonObject j = new JsonObject();
                j.addProperty("time", iso(e.at()));
                j.addProperty("kind", e.kind().label());
                j.addProperty("stage", e.stage() == null ? null : e.stage().label());
                j.addProperty("step", e.step());
                j.addProperty("message", e.message());
                ev.add(j);
            }
            o.add("events", ev);
            return o;
        }

        private static void showText(PrintWriter out, RunInfo r, List<StageInfo> stages, List<CheckpointInfo> checkpoints,
                                     List<MetricSummary> metrics, List<EventInfo> events) {
            out.printf("run %s: %s%n", r.name(), r.status().label());
            out.printf("  task %s, preset %s, seed %s, device %s%n", dash(r.task()), dash(r.preset()),
                    r.seed() == null ? "-" : r.seed(), dash(DeviceChoice.name(r.device())));
            out.printf("  created %s, updated %s, finished %s%n", time(r.created()), time(r.updated()), time(r.finished()));
            out.printf("  host %s, process %s, code %s%n", dash(r.host()), r.pid() == null ? "-" : r.pid(),
                    dash(r.codeVersion()));
            out.println("configuration:");
            for (String line : JSON.toJson(JsonParser.parseString(r.configJson())).split("\n")) {
                out.println("  " + line);
            }
            out.println("stages:");
            List<String[]> rows = new ArrayList<>();
            for (StageInfo s : stages) {
                rows.add(new String[] {s.kind().label(), s.status().label(),
                        s.totalSteps() == null ? "-" : s.totalSteps() + " steps", time(s.started()), time(s.ended()),
                        s.parentCheckpoint() == null ? "from a fresh model" : "from " + s.parentCheckpoint(),
                        s.message() == null ? "" : s.message()});
            }
            table(out, rows, "  ");
            out.println("checkpoints:" + (checkpoints.isEmpty() ? " none" : ""));
            rows = new ArrayList<>();
            for (CheckpointInfo c : checkpoints) {
                rows.add(new String[] {c.stage().label(), "step " + c.step(), c.folder(),
                        c.parent() == null ? "" : "parent " + c.parent(), c.kept() ? "" : "(pruned)"});
            }
            table(out, rows, "  ");
            out.println("metrics:" + (metrics.isEmpty() ? " none" : ""));
            rows = new ArrayList<>();
            for (MetricSummary m : metrics) {
                rows.add(new String[] {m.name(), m.count() + " rows", "last " + number(m.lastValue()),
                        "(" + m.lastStage() + " " + m.lastStep() + ")"});
            }
            table(out, rows, "  ");
            out.println("events:" + (events.isEmpty() ? " none" : ""));
            for (EventInfo e : events) {
                out.printf("  %s %s%s: %s%n", time(e.at()), e.kind().label(),
                        e.stage() == null ? "" : " " + e.stage() + (e.step() == null ? "" : " " + e.step()), e.message());
            }
        }
    }

    // ------------------------------------------------------------------------------------------

    /** {@code npr runs metrics NAME}. */
    @Command(name = "metrics", mixinStandardHelpOptions = true,
            description = "A run's metric rows: stage, step, name, value (stage order, then step, then name).")
    static final class Metrics implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The run.")
        String name;

        @Option(names = "--name", paramLabel = "M", description = "Only this metric (repeatable), e.g. --name train/loss.")
        List<String> names = new ArrayList<>();

        @Option(names = "--stage", paramLabel = "S", description = "Only this stage: seed, zero, beta, papo, sr-beta or sr.")
        String stage;

        @Option(names = "--json", description = "Print a JSON array of {stage, step, name, value, wall_time}.")
        boolean json;

        @Option(names = "--csv", description = "Print CSV with the header stage,step,name,value.")
        boolean csv;

        @Override
        public void run() {
            if (json && csv) {
                throw new BadInputException("choose one of --json and --csv");
            }
            StageKind kind = stage == null ? null : StageKind.parse(stage);
            PrintWriter out = spec.commandLine().getOut();
            List<MetricRow> rows = service(spec).metrics(name, names, kind);
            if (csv) {
                out.println("stage,step,name,value");
                for (MetricRow m : rows) {
                    out.println(m.stage().label() + "," + m.step() + "," + csvField(m.name()) + "," + m.value());
                }
            } else if (json) {
                JsonArray a = new JsonArray();
                for (MetricRow m : rows) {
                    JsonObject j = new JsonObject();
                    j.addProperty("stage", m.stage().label());
                    j.addProperty("step", m.step());
                    j.addProperty("name", m.name());
                    j.add("value", jsonNumber(m.value()));
                    j.addProperty("wall_time", iso(m.wallTime()));
                    a.add(j);
                }
                out.println(JSON.toJson(a));
            } else {
                List<String[]> table = new ArrayList<>();
                table.add(new String[] {"STAGE", "STEP", "NAME", "VALUE"});
                for (MetricRow m : rows) {
                    table.add(new String[] {m.stage().label(), Long.toString(m.step()), m.name(), number(m.value())});
                }
                table(out, table);
            }
            out.flush();
        }

        private static String csvField(String s) {
            return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
        }
    }

    // ------------------------------------------------------------------------------------------

    /** {@code npr runs delete NAME}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a run and everything recorded with it from the run store (asks first; "
                    + "a run still training on this machine is refused). Its checkpoint folders stay on disk.")
    static final class Delete implements Runnable {
        /** Asks a yes/no question on the terminal; null when there is no terminal to ask on. */
        static Function<String, String> prompt = question -> System.console() == null ? null
                : System.console().readLine("%s", question);

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The run.")
        String name;

        @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
        boolean yes;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            RunsService runs = service(spec);
            RunsService.Deletion plan = runs.planDeletion(name);
            if (!yes) {
                String answer = prompt.apply(String.format(Locale.ROOT,
                        "Delete run '%s' (%s, %d stages, %d metric rows, %d checkpoints)? Its checkpoint folders "
                                + "stay on disk. [y/N] ", name, plan.run().status().label(), plan.stages(),
                        plan.metricRows(), plan.checkpoints().size()));
                if (answer == null) {
                    throw new BadInputException("not deleting run '" + name + "': there is no terminal to ask on; "
                            + "pass --yes to delete it without asking");
                }
                if (!answer.trim().toLowerCase(Locale.ROOT).matches("y|yes")) {
                    out.println("run " + name + " kept");
                    out.flush();
                    return;
                }
            }
            List<String> kept = runs.delete(plan);
            out.println("deleted run " + name);
            if (!kept.isEmpty()) {
                out.println("its checkpoint folders are still on disk: " + String.join(", ", kept));
            }
            out.flush();
        }
    }

    /** {@code npr runs stop NAME}. */
    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Ask a running training run to stop at its next step boundary; it saves a resumable "
                    + "checkpoint and ends stopped (npr train --resume NAME continues it).")
    static final class Stop implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The run.")
        String name;

        @Override
        public void run() {
            RunInfo r = service(spec).stop(name);
            spec.commandLine().getOut().println("asked run " + name + " (process " + r.pid() + " on " + r.host()
                    + ") to stop at its next step boundary; npr runs show " + name + " shows when it has");
            spec.commandLine().getOut().flush();
        }
    }

    /** {@code npr runs rename OLD NEW}. */
    @Command(name = "rename", mixinStandardHelpOptions = true,
            description = "Rename a run in the run store (its checkpoint folders keep their paths).")
    static final class Rename implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "OLD", description = "The run's name.")
        String from;

        @Parameters(index = "1", paramLabel = "NEW", description = "Its new name.")
        String to;

        @Override
        public void run() {
            service(spec).rename(from, to);
            spec.commandLine().getOut().println("renamed run " + from + " to " + to);
            spec.commandLine().getOut().flush();
        }
    }

    // ------------------------------------------------------------------------------------------

    private static DataHome home(CommandSpec spec) {
        DataHome home = ((NprCommand) spec.root().userObject()).dataHome();
        if (Files.exists(home.root()) && !Files.isDirectory(home.root())) {
            throw new BadInputException(home.root() + ": the data home is a file, not a folder; pass --home DIR");
        }
        return home;
    }

    /** The runs of the chosen data home. */
    private static RunsService service(CommandSpec spec) {
        return new RunsService(home(spec));
    }

    private static JsonObject runJson(RunInfo r) {
        JsonObject o = new JsonObject();
        o.addProperty("name", r.name());
        o.addProperty("status", r.status().label());
        o.addProperty("task", r.task());
        o.addProperty("preset", r.preset());
        JsonArray stages = new JsonArray();
        r.stages().forEach(s -> stages.add(s.label()));
        o.add("planned_stages", stages);
        o.addProperty("created", iso(r.created()));
        o.addProperty("updated", iso(r.updated()));
        o.addProperty("finished", iso(r.finished()));
        o.addProperty("seed", r.seed());
        o.addProperty("device", DeviceChoice.name(r.device()));
        o.addProperty("host", r.host());
        o.addProperty("pid", r.pid());
        o.addProperty("code_version", r.codeVersion());
        return o;
    }

    private static JsonObject summaryJson(RunSummary s) {
        JsonObject o = runJson(s.run());
        JsonArray stages = o.remove("planned_stages").getAsJsonArray();
        o.add("stages", stages);
        o.addProperty("last_stage", s.lastStage() == null ? null : s.lastStage().label());
        o.addProperty("last_step", s.lastStep());
        if (s.best() == null) {
            o.add("best_metric", JsonNull.INSTANCE);
        } else {
            JsonObject b = new JsonObject();
            b.addProperty("name", s.best().name());
            b.add("value", jsonNumber(s.best().value()));
            b.addProperty("stage", s.best().stage().label());
            b.addProperty("step", s.best().step());
            o.add("best_metric", b);
        }
        return o;
    }

    /** A JSON number; NaN and infinities (which JSON cannot hold) become null. */
    private static JsonElement jsonNumber(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    /** Six significant digits without trailing zeros; scientific notation only for very small or large values. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e9)) {
            return String.format(Locale.ROOT, "%.5e", v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String labels(List<StageKind> stages) {
        return stages.stream().map(StageKind::label).collect(Collectors.joining(","));
    }

    private static void table(PrintWriter out, List<String[]> rows) {
        table(out, rows, "");
    }

    /** Left-aligned columns two spaces apart; the last column is not padded. */
    private static void table(PrintWriter out, List<String[]> rows, String indent) {
        if (rows.isEmpty()) {
            return;
        }
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder(indent);
            for (int i = 0; i < cols; i++) {
                b.append(i == cols - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
            }
            out.println(b.toString().stripTrailing());
        }
    }
}
