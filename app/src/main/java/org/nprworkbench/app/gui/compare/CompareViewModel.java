package org.nprworkbench.app.gui.compare;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nprworkbench.trainer.pipeline.PipelineConfig;
import org.nprworkbench.problems.task.Knobs;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.nprworkbench.app.service.CheckpointCatalogue;
import org.nprworkbench.app.service.DeviceChoice;
import org.nprworkbench.app.service.EvaluateService;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.bench.BenchmarkLoader;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.Task;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.eval.EvalResult;
import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.explorer.ExplorerModel;
import org.nprworkbench.visualizer.snapshot.PngSnapshot;
import org.nprworkbench.visualizer.task.TaskRunner;
import org.nprworkbench.visualizer.totals.Verdict;

/**
 * The Compare page's state: the checkpoints to compare (catalogue names or folders), the problem set
 * (a task family's split, or a benchmark file) and the settings; the comparison running through
 * {@link EvaluateService} on the {@link TaskRunner} with its progress and a cancel; then the metrics
 * table (one column per checkpoint, each difference from the first judged better or worse), the
 * per-problem answers filtered between two checkpoints A and B, the selected problem, and the CSV
 * and PNG exports. Progress reaches the properties through the {@code ui} executor (the JavaFX
 * thread in the window, the calling thread in tests). Uses no scene-graph classes.
 */
public final class CompareViewModel {
    /** The catalogue names of the shipped NPR and SR checkpoints, compared with one click. */
    public static final String QUICKSTART_NPR = "quickstart/npr";
    public static final String QUICKSTART_SR = "quickstart/sr";
    /** The task the quickstart checkpoints were trained on ({@code npr train --task digitsum --preset quickstart}). */
    public static final String QUICKSTART_TASK = "digitsum";
    /** Problems per engine run: a progress step and a cancel point. */
    static final int CHUNK = 4;

    private final CheckpointCatalogue catalogue;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Executor ui;
    private final EvaluateService service = new EvaluateService();

    private final ObservableList<String> catalogueNames = FXCollections.observableArrayList();
    private final ObservableList<String> chosen = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper quickstart = new ReadOnlyBooleanWrapper(this, "quickstart");
    private final ObservableList<String> taskNames = FXCollections.observableArrayList(
            TaskRegistry.tasks().stream().map(Task::name).toList());
    private final StringProperty task = new SimpleStringProperty(this, "task", taskNames.isEmpty() ? null : taskNames.get(0));
    private final StringProperty split = new SimpleStringProperty(this, "split", "test");
    private final ObjectProperty<Path> benchmark = new SimpleObjectProperty<>(this, "benchmark");
    private final IntegerProperty n = new SimpleIntegerProperty(this, "n", 8);
    private final IntegerProperty k = new SimpleIntegerProperty(this, "k", 1);
    private final IntegerProperty difficulty = new SimpleIntegerProperty(this, "difficulty", 1);
    private final StringProperty knobs = new SimpleStringProperty(this, "knobs", "");
    private final StringProperty engine = new SimpleStringProperty(this, "engine", "auto");
    private final IntegerProperty maxTokens = new SimpleIntegerProperty(this, "maxTokens", 256);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final AtomicBoolean cancel = new AtomicBoolean();

    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<MetricRow> metrics = FXCollections.observableArrayList();
    private final List<ComparedProblem> all = new ArrayList<>();
    private final ObservableList<ComparedProblem> shown = FXCollections.observableArrayList();
    private final ObjectProperty<ProblemFilter> filter = new SimpleObjectProperty<>(this, "filter", ProblemFilter.ALL);
    private final IntegerProperty a = new SimpleIntegerProperty(this, "a", 0);
    private final IntegerProperty b = new SimpleIntegerProperty(this, "b", 1);
    private final ObjectProperty<ComparedProblem> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty hasResult = new SimpleBooleanProperty(this, "hasResult");

    /** The page for {@code home}; nothing is read until {@link #refresh()} or {@link #run()}. */
    public CompareViewModel(DataHome home, TaskRunner tasks, DialogService dialogs, Executor ui) {
        this.catalogue = new CheckpointCatalogue(home);
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.ui = ui;
        filter.addListener((o, was, now) -> applyFilter());
        a.addListener((o, was, now) -> applyFilter());
        b.addListener((o, was, now) -> applyFilter());
    }

    /** Reads the checkpoint catalogue's names (and whether the quickstart pair is there). */
    public void refresh() {
        tasks.run("Reading the checkpoint catalogue",
                () -> catalogue.entries().stream().map(CheckpointCatalogue.Entry::name).distinct().toList(),
                names -> {
                    catalogueNames.setAll(names);
                    quickstart.set(names.contains(QUICKSTART_NPR) && names.contains(QUICKSTART_SR));
                }, e -> fail("Cannot read the checkpoint catalogue", e));
    }

    /** Adds a checkpoint (a catalogue name or a folder) to the comparison, once. */
    public void add(String checkpoint) {
        if (checkpoint != null && !checkpoint.isBlank() && !chosen.contains(checkpoint.strip())) {
            chosen.add(checkpoint.strip());
        }
    }

    /**
     * Compares the shipped NPR checkpoint against the SR baseline on the problems they were trained
     * for: the {@code quickstart} preset's task, knobs and evaluation budget, on the test split.
     */
    public void compareQuickstart() {
        chosen.setAll(QUICKSTART_NPR, QUICKSTART_SR);
        PipelineConfig q = PipelineConfig.preset("quickstart");
        benchmark.set(null);
        task.set(QUICKSTART_TASK);
        split.set("test");
        difficulty.set(q.integer("difficulty"));
        knobs.set(q.text("knobs"));
        maxTokens.set(q.integer("eval_max_new_tokens"));
        run();
    }

    /** Runs the comparison in the background; ignored while one runs. */
    public void run() {
        if (busy.get()) {
            return;
        }
        if (chosen.size() < 2) {
            fail("Cannot compare", new BadInputException("pick two or more checkpoints to compare"));
            return;
        }
        List<String> cks = List.copyOf(chosen);
        Map<String, Integer> knobValues;
        try {
            knobValues = PipelineConfig.parseKnobs(knobs.get());
        } catch (BadInputException e) {
            fail("Cannot compare", e);
            return;
        }
        Settings s = new Settings(task.get(), split.get(), benchmark.get(), n.get(), k.get(), difficulty.get(), knobValues,
                "auto".equals(engine.get()) ? null : engine.get(), maxTokens.get(), seed.get());
        busy.set(true);
        cancel.set(false);
        progress.set(0);
        status.set("Starting");
        tasks.run("Comparing " + String.join(" vs ", cks), () -> compare(cks, s), r -> {
            busy.set(false);
            status.set(r.problems().size() + " answers per checkpoint compared");
            progress.set(1);
            show(r);
        }, e -> {
            busy.set(false);
            progress.set(0);
            if (e instanceof CancellationException) {
                status.set("Cancelled");
            } else {
                status.set("Failed");
                fail("The comparison failed", e);
            }
        });
    }

    /** Stops the running comparison before its next engine run. */
    public void cancel() {
        if (busy.get()) {
            cancel.set(true);
            status.set("Cancelling after the current engine run\u2026");
        }
    }

    /** The form's settings, read on the JavaFX thread. */
    private record Settings(String task, String split, Path benchmark, int n, int k, int difficulty,
                            Map<String, Integer> knobs, String engine, int maxTokens, long seed) {
    }

    /** What one comparison gave. */
    record Comparison(List<String> names, List<EvalResult> results, List<ComparedProblem> problems) {
    }

    private Comparison compare(List<String> names, Settings s) {
        List<Path> folders = names.stream().map(catalogue::resolve).toList();
        List<Problem> problems = problems(s);
        List<List<ComparedAnswer>> answers = new ArrayList<>();
        List<Rollout> order = new ArrayList<>();
        List<EvalResult> results = service.evaluate(new EvaluateService.EvalRequest(folders, problems, s.k(), s.engine(),
                s.maxTokens(), 0.7, "auto", s.seed(), CHUNK, DeviceChoice.auto()), new EvaluateService.Listener() {
                    @Override
                    public void progress(int done, int total, String what) {
                        ui.execute(() -> {
                            progress.set(total == 0 ? 0 : (double) done / total);
                            status.set(what);
                        });
                    }

                    @Override
                    public boolean cancelled() {
                        return cancel.get();
                    }

                    @Override
                    public void evaluated(EvaluateService.Evaluated e) {
                        List<ComparedAnswer> list = new ArrayList<>();
                        for (Rollout r : e.result().rollouts()) {
                            boolean correct = EvalResult.counts(r);
                            ExplorerModel model = ExplorerModel.build(e.graph(r), e.generator().tokenizer(),
                                    new Verdict(correct, r.problem().answer()));
                            String malformed = EvalResult.malformed(r)
                                    ? (r.engineReason() != null ? r.engineReason() : "fails the structural validator") : null;
                            list.add(new ComparedAnswer(correct, model.graph().answer(), r.text(), r.totalTokens(), r.criticalPath(),
                                    r.latencySeconds() * 1000, malformed, model));
                        }
                        if (order.isEmpty()) {
                            order.addAll(e.result().rollouts());
                        }
                        answers.add(list);
                    }
                });
        List<ComparedProblem> rows = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            List<ComparedAnswer> each = new ArrayList<>();
            for (List<ComparedAnswer> ck : answers) {
                each.add(ck.get(i));
            }
            rows.add(new ComparedProblem(order.get(i).group(), order.get(i).sample(), order.get(i).problem(), each));
        }
        return new Comparison(names, results, rows);
    }

    private static List<Problem> problems(Settings s) {
        if (s.benchmark() != null) {
            List<Problem> found = BenchmarkLoader.load(s.benchmark()).problems();
            if (found.isEmpty()) {
                throw BadInputException.inFile(s.benchmark(), "holds no problem");
            }
            return found.subList(0, Math.min(s.n(), found.size()));
        }
        if (s.task() == null) {
            throw new BadInputException("pick a task family or a benchmark file");
        }
        var family = TaskRegistry.get(s.task());
        return family.generate(Split.parse(s.split()), s.n(), s.seed(), Knobs.of(family, s.difficulty(), s.knobs()));
    }

    /** Shows a finished comparison (also what {@link #run()} does when it ends). */
    void show(Comparison c) {
        columns.setAll(c.names());
        metrics.setAll(metricRows(c.results()));
        all.clear();
        all.addAll(c.problems());
        a.set(0);
        b.set(Math.min(1, c.names().size() - 1));
        hasResult.set(true);
        applyFilter();
    }

    /** The metrics table's rows for {@code results}, the first being the reference. */
    static List<MetricRow> metricRows(List<EvalResult> results) {
        EvalResult first = results.get(0);
        List<MetricRow> rows = new ArrayList<>();
        rows.add(row("Accuracy (avg@k)", results, EvalResult::avgAtK, 1, "%.3f"));
        rows.add(row("Format-valid rate", results, EvalResult::formatValidRate, 1, "%.3f"));
        rows.add(row("Parallel rate", results, EvalResult::parallelRate, 1, "%.3f"));
        rows.add(row("Mean T (tokens)", results, EvalResult::meanTokens, 0, "%.1f"));
        rows.add(row("Mean C (critical path)", results, EvalResult::meanCriticalPath, -1, "%.1f"));
        rows.add(row("T/C", results, EvalResult::tOverC, 1, "%.2f"));
        rows.add(row("Tokens per second", results, EvalResult::tokensPerSecond, 1, "%.1f"));
        rows.add(row("TPS ratio to first", results,
                r -> first.tokensPerSecond() > 0 ? r.tokensPerSecond() / first.tokensPerSecond() : 0, 1, "%.2fx"));
        rows.add(row("Mean latency (ms)", results, EvalResult::meanLatencyMs, -1, "%.0f"));
        return rows;
    }

    private static MetricRow row(String name, List<EvalResult> results, ToDoubleFunction<EvalResult> f, int better,
                                 String format) {
        List<Double> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Integer> changes = new ArrayList<>();
        double first = f.applyAsDouble(results.get(0));
        for (EvalResult r : results) {
            double v = f.applyAsDouble(r);
            values.add(v);
            texts.add(String.format(Locale.ROOT, format, v));
            double diff = v - first;
            boolean same = Math.abs(diff) <= 1e-9 * Math.max(1, Math.abs(first));
            changes.add(same || better == 0 ? 0 : (int) Math.signum(diff) * better);
        }
        return new MetricRow(name, values, texts, changes);
    }

    private void applyFilter() {
        ComparedProblem keep = selected.get();
        int ia = a.get();
        int ib = b.get();
        List<ComparedProblem> out = new ArrayList<>();
        if (!all.isEmpty() && ia >= 0 && ib >= 0 && ia < columns.size() && ib < columns.size()) {
            for (ComparedProblem p : all) {
                boolean ca = p.answer(ia).correct();
                boolean cb = p.answer(ib).correct();
                boolean in = switch (filter.get()) {
                    case ALL, LARGEST_SPEED_DIFFERENCE -> true;
                    case ONLY_A_CORRECT -> ca && !cb;
                    case ONLY_B_CORRECT -> cb && !ca;
                    case BOTH_WRONG -> !ca && !cb;
                };
                if (in) {
                    out.add(p);
                }
            }
            if (filter.get() == ProblemFilter.LARGEST_SPEED_DIFFERENCE) {
                out.sort(Comparator.comparingDouble((ComparedProblem p) -> -speedDifference(p, ia, ib)));
            }
        }
        shown.setAll(out);
        selected.set(out.contains(keep) ? keep : out.isEmpty() ? null : out.get(0));
    }

    /** How much faster or slower B answered than A: the difference of the two answers' latencies, in ms. */
    public static double speedDifference(ComparedProblem p, int a, int b) {
        return Math.abs(p.answer(a).latencyMs() - p.answer(b).latencyMs());
    }

    /** The comparison as CSV: the metrics table, a blank line, then one line per problem and sample. */
    public String csv() {
        StringBuilder s = new StringBuilder("metric");
        for (String c : columns) {
            s.append(',').append(cell(c));
        }
        s.append('\n');
        for (MetricRow r : metrics) {
            s.append(cell(r.name()));
            for (double v : r.values()) {
                s.append(',').append(number(v));
            }
            s.append('\n');
        }
        s.append("\nproblem,sample,reference");
        for (String c : columns) {
            String q = cell(c);
            for (String f : List.of(" correct", " T", " C", " latency_ms", " answer")) {
                s.append(',').append(q.startsWith("\"") ? "\"" + q.substring(1, q.length() - 1) + f + "\"" : cell(c + f));
            }
        }
        s.append('\n');
        for (ComparedProblem p : all) {
            s.append(cell(p.problem().id())).append(',').append(p.sample()).append(',').append(cell(p.problem().answer()));
            for (ComparedAnswer x : p.answers()) {
                s.append(',').append(x.correct()).append(',').append(x.tokens()).append(',').append(x.critical())
                        .append(',').append(number(x.latencyMs())).append(',')
                        .append(cell(x.answer() == null ? "" : x.answer()));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String cell(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** Writes {@link #csv()} to {@code file} in the background. */
    public void exportCsv(Path file) {
        String text = csv();
        tasks.run("Writing " + file.getFileName(), () -> Files.writeString(file, text), f -> { },
                e -> fail("Cannot write " + file, e));
    }

    /**
     * Writes the two graphs (captured by the view) as {@code STEM-A.png} and {@code STEM-B.png} beside
     * {@code file} ({@code STEM} is its name without {@code .png}), in the background; a failure is reported
     * in a dialog.
     */
    public void exportGraphs(BufferedImage graphA, BufferedImage graphB, Path file) {
        String name = file.getFileName().toString().replaceFirst("(?i)\\.png$", "");
        Path dir = file.toAbsolutePath().getParent();
        tasks.run("Writing the graphs", () -> {
            write(graphA, dir.resolve(name + "-A.png"));
            write(graphB, dir.resolve(name + "-B.png"));
            return null;
        }, v -> { }, e -> fail("Cannot write the graphs", e));
    }

    private static void write(BufferedImage image, Path file) {
        try {
            PngSnapshot.write(image, file);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot write it (" + e.getMessage() + ")");
        }
    }

    private void fail(String header, Throwable e) {
        String message = e instanceof BadInputException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        dialogs.showError(header, message);
    }

    /** Catalogue names offered in the checkpoint picker. */
    public ObservableList<String> catalogueNames() {
        return catalogueNames;
    }

    /** The checkpoints to compare, in column order (names or folders); the first is the reference. */
    public ObservableList<String> chosen() {
        return chosen;
    }

    /** True when the catalogue has both quickstart checkpoints. */
    public ReadOnlyBooleanProperty quickstartProperty() {
        return quickstart.getReadOnlyProperty();
    }

    public ObservableList<String> taskNames() {
        return taskNames;
    }

    /** The task family whose split is compared on (when no benchmark file is set). */
    public StringProperty taskProperty() {
        return task;
    }

    /** train, val or test. */
    public StringProperty splitProperty() {
        return split;
    }

    /** A benchmark file to compare on instead of a task, or null. */
    public ObjectProperty<Path> benchmarkProperty() {
        return benchmark;
    }

    /** Problems (the first n of a benchmark). */
    public IntegerProperty nProperty() {
        return n;
    }

    /** Samples per problem. */
    public IntegerProperty kProperty() {
        return k;
    }

    /** Task difficulty 1..5. */
    public IntegerProperty difficultyProperty() {
        return difficulty;
    }

    /** Knob values over the difficulty level's, as {@code name=value} pairs separated by commas ({@code ""}: none). */
    public StringProperty knobsProperty() {
        return knobs;
    }

    /** auto (each checkpoint's stage decides), parallel or sequential. */
    public StringProperty engineProperty() {
        return engine;
    }

    /** The response budget. */
    public IntegerProperty maxTokensProperty() {
        return maxTokens;
    }

    /** Problem and sampling seed. */
    public LongProperty seedProperty() {
        return seed;
    }

    /** True while a comparison runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The share of engine runs done, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What runs now, or how the last comparison ended. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The compared checkpoints, one column each. */
    public ObservableList<String> columns() {
        return columns;
    }

    /** The metrics table. */
    public ObservableList<MetricRow> metrics() {
        return metrics;
    }

    /** Every problem and sample compared, unfiltered. */
    public List<ComparedProblem> allProblems() {
        return List.copyOf(all);
    }

    /** The problems the filter lets through, in its order. */
    public ObservableList<ComparedProblem> shownProblems() {
        return shown;
    }

    public ObjectProperty<ProblemFilter> filterProperty() {
        return filter;
    }

    /** Column index of checkpoint A (filters, left answer). */
    public IntegerProperty aProperty() {
        return a;
    }

    /** Column index of checkpoint B (filters, right answer). */
    public IntegerProperty bProperty() {
        return b;
    }

    /** The problem whose answers are shown side by side, or null. */
    public ObjectProperty<ComparedProblem> selectedProperty() {
        return selected;
    }

    /** True once a comparison has finished. */
    public BooleanProperty hasResultProperty() {
        return hasResult;
    }
}
