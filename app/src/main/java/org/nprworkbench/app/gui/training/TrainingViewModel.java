package org.nprworkbench.app.gui.training;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import org.nprworkbench.app.gui.section.DurationText;
import org.nprworkbench.app.gui.state.SelectedRollout;
import org.nprworkbench.app.gui.state.SelectionState;
import org.nprworkbench.app.service.CheckpointCatalogue;
import org.nprworkbench.app.service.TrainingLauncher;
import org.nprworkbench.app.service.DeviceChoice;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.task.Task;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.pipeline.PipelineConfig;
import org.nprworkbench.trainer.pipeline.ProblemSource;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.MetricRow;
import org.nprworkbench.trainer.store.RolloutRow;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.StageInfo;
import org.nprworkbench.visualizer.chart.DashboardViewModel;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.metrics.StageBoundary;
import org.nprworkbench.visualizer.task.TaskRunner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The Training page's state: the New-run form (task family or benchmark file, preset, stages in
 * pipeline order, run name, the hyper-parameter table with the preset's defaults), starting, stopping and resuming runs in child
 * processes ({@link TrainingLauncher}), and the followed run as the run store records it: the live
 * dashboard (fed by {@link #poll()} on a background runner, never on the JavaFX thread), stage
 * boundaries, progress and ETA per stage and for the run, the device, the latest step's timing
 * split, the command line that reproduces it, other runs overlaid, and the latest rollouts.
 *
 * <p>Use on the JavaFX thread. Steps restart at each stage in the store; the charts draw them on one
 * run-wide step axis, each stage starting after the steps the stages before it planned.
 */
public final class TrainingViewModel {
    /** The timing split shown for the latest step: verl's names and the words shown. */
    private static final Map<String, String> TIMING = new LinkedHashMap<>();

    static {
        TIMING.put(MetricNames.TIMING_GEN, "rollout");
        TIMING.put(MetricNames.TIMING_OLD_LOG_PROB, "log-prob");
        TIMING.put(MetricNames.TIMING_UPDATE_ACTOR, "update");
    }

    private final DataHome home;
    private final TaskRunner tasks;
    private final TaskRunner pollRunner;
    private final DialogService dialogs;
    private final CheckpointCatalogue catalogue;
    private final SelectionState selection;
    private final TrainingLauncher launcher;
    private final Executor ui;
    private final TrainingFeed feed;
    private Clock clock = Clock.systemUTC();
    /** The last store read failure warned about, so a lasting problem warns once. */
    private String storeProblem;

    /** The task choice that trains on a benchmark file ({@link #benchmarkProperty()}) instead of a family. */
    public static final String BENCHMARK_CHOICE = "Benchmark file\u2026";

    // the form
    private final ObservableList<String> taskNames = FXCollections.observableArrayList();
    private final StringProperty task = new SimpleStringProperty(this, "task");
    private final ObjectProperty<Path> benchmark = new SimpleObjectProperty<>(this, "benchmark");
    private final ReadOnlyBooleanWrapper benchmarkChosen = new ReadOnlyBooleanWrapper(this, "benchmarkChosen");
    private String suggested;
    private final StringProperty preset = new SimpleStringProperty(this, "preset", "smoke");
    private final Map<StageKind, BooleanProperty> stages = new EnumMap<>(StageKind.class);
    private final StringProperty runName = new SimpleStringProperty(this, "runName");
    private final ObservableList<ParamRow> params = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper(this, "formError");
    private final ReadOnlyStringWrapper formCommand = new ReadOnlyStringWrapper(this, "formCommand", "");
    private final BooleanProperty formShown = new SimpleBooleanProperty(this, "formShown", true);

    // the followed run
    private final ReadOnlyStringWrapper watched = new ReadOnlyStringWrapper(this, "watched");
    private final ReadOnlyObjectWrapper<RunStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "No run followed");
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper(this, "device", "");
    private final ReadOnlyStringWrapper timing = new ReadOnlyStringWrapper(this, "timing", "");
    private final ReadOnlyStringWrapper runCommand = new ReadOnlyStringWrapper(this, "runCommand", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ObservableList<StageProgress> stageProgress = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(this, "canStop");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(this, "canResume");
    private final ObservableList<String> storeRuns = FXCollections.observableArrayList();
    private final ObservableList<String> overlays = FXCollections.observableArrayList();
    private final DashboardViewModel dashboard = new DashboardViewModel();
    private final ObservableList<RolloutItem> rollouts = FXCollections.observableArrayList();
    private final StringProperty rolloutFilter = new SimpleStringProperty(this, "rolloutFilter", "");
    private final FilteredList<RolloutItem> shownRollouts = new FilteredList<>(rollouts);
    private final ObjectProperty<RolloutItem> selectedRollout = new SimpleObjectProperty<>(this, "selectedRollout");

    // what the dashboard has been fed, per run
    private final Map<String, Long> lastIds = new HashMap<>();
    private final Map<String, Long> lastSteps = new HashMap<>();
    private final Map<String, Map<StageKind, Long>> maxStep = new HashMap<>();
    private final Map<String, Double> latest = new HashMap<>();
    private final Set<String> stopping = new HashSet<>();
    private boolean polling;
    private boolean pollAgain;

    /**
     * The page for {@code home}. User-started work (start, stop, resume, the first read of a run) goes
     * to {@code tasks}; the periodic reads to {@code pollRunner}; a child's exit is handled on {@code ui}.
     */
    public TrainingViewModel(DataHome home, TaskRunner tasks, TaskRunner pollRunner, DialogService dialogs,
                             SelectionState selection, TrainingLauncher launcher, Executor ui) {
        this.home = home;
        this.tasks = tasks;
        this.pollRunner = pollRunner;
        this.dialogs = dialogs;
        this.selection = selection;
        this.launcher = launcher;
        this.ui = ui;
        this.feed = new TrainingFeed(home);
        this.catalogue = new CheckpointCatalogue(home);
        TaskRegistry.tasks().stream().map(Task::name).forEach(taskNames::add);
        taskNames.add(BENCHMARK_CHOICE);
        task.set(taskNames.contains("digitsum") ? "digitsum" : taskNames.isEmpty() ? null : taskNames.get(0));
        for (StageKind k : StageKind.values()) {
            BooleanProperty on = new SimpleBooleanProperty(this, "stage-" + k.label(), true);
            on.addListener((o, was, is) -> formChanged());
            stages.put(k, on);
        }
        for (String key : PipelineConfig.keys()) {
            ParamRow row = new ParamRow(key, preset.get());
            row.valueProperty().addListener((o, was, is) -> formChanged());
            params.add(row);
        }
        runName.set(suggestedName());
        task.addListener((o, was, is) -> sourceChanged());
        benchmark.addListener((o, was, is) -> sourceChanged());
        runName.addListener((o, was, is) -> formChanged());
        preset.addListener((o, was, is) -> {
            if (PipelineConfig.PRESETS.contains(is)) {
                params.forEach(p -> p.reset(is));
            }
            formChanged();
        });
        rolloutFilter.addListener((o, was, is) -> applyFilter());
        selectedRollout.addListener((o, was, is) -> selection.rolloutProperty().set(is == null ? null
                : new SelectedRollout(watched.get(), is.id(), is.stage(), is.step(), is.problem(), is.response())));
        formChanged();
    }

    // ------------------------------------------------------------------------------------------
    // the form

    /** The task families to train on, then {@link #BENCHMARK_CHOICE}. */
    public ObservableList<String> taskNames() {
        return taskNames;
    }

    /** The chosen task family, or {@link #BENCHMARK_CHOICE} to train on {@link #benchmarkProperty()}. */
    public StringProperty taskProperty() {
        return task;
    }

    /** The benchmark file to train on when the task choice is {@link #BENCHMARK_CHOICE} (the view's file chooser sets it). */
    public ObjectProperty<Path> benchmarkProperty() {
        return benchmark;
    }

    /** Whether the task choice is {@link #BENCHMARK_CHOICE} (the view then shows the file and its chooser). */
    public ReadOnlyBooleanProperty benchmarkChosenProperty() {
        return benchmarkChosen.getReadOnlyProperty();
    }

    /** The preset whose defaults fill the table; changing it resets every value. */
    public StringProperty presetProperty() {
        return preset;
    }

    /** The presets. */
    public List<String> presets() {
        return PipelineConfig.PRESETS;
    }

    /** Whether stage {@code kind} runs (toggles in pipeline order). */
    public BooleanProperty stageProperty(StageKind kind) {
        return stages.get(kind);
    }

    public StringProperty runNameProperty() {
        return runName;
    }

    /** The hyper-parameter table, one row per key. */
    public ObservableList<ParamRow> params() {
        return params;
    }

    /** The first reason the form cannot start (field named), or null when it can. */
    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    /** The command line that starts what the form says. */
    public ReadOnlyStringProperty formCommandProperty() {
        return formCommand.getReadOnlyProperty();
    }

    /** Whether the New-run form is shown beside the charts (hidden while a run is followed, until New run). */
    public BooleanProperty formShownProperty() {
        return formShown;
    }

    /** A fresh form, shown: a new run name and the preset's defaults. */
    public void newRun() {
        formShown.set(true);
        params.forEach(p -> p.reset(preset.get()));
        stages.values().forEach(s -> s.set(true));
        runName.set(suggestedName());
    }

    /** What the form asks for. */
    public TrainingLauncher.Request request() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (ParamRow p : params) {
            if (p.changedProperty().get()) {
                overrides.put(p.key(), p.valueProperty().get() == null ? "" : p.valueProperty().get().trim());
            }
        }
        List<StageKind> chosen = stages.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
        String name = runName.get() == null ? "" : runName.get().trim();
        if (BENCHMARK_CHOICE.equals(task.get())) {
            Path file = benchmark.get() == null ? null : benchmark.get().toAbsolutePath();
            return new TrainingLauncher.Request(null, file, preset.get(), chosen, name, overrides);
        }
        return new TrainingLauncher.Request(task.get(), preset.get(), chosen, name, overrides);
    }

    /** The task or the file changed: the form, and the suggested run name unless the user wrote their own. */
    private void sourceChanged() {
        benchmarkChosen.set(BENCHMARK_CHOICE.equals(task.get()));
        if (runName.get() != null && runName.get().equals(suggested)) {
            runName.set(suggestedName());
        }
        formChanged();
    }

    private void formChanged() {
        TrainingLauncher.Request r = request();
        formCommand.set(launcher.commandLine(TrainingLauncher.trainArguments(r)));
        String problem = null;
        if (r.task() == null && r.benchmark() == null && BENCHMARK_CHOICE.equals(task.get())) {
            problem = "choose the benchmark file to train on (Choose\u2026 beside Benchmark file)";
        }
        for (ParamRow p : params) {
            if (p.errorProperty().get() != null) {
                problem = p.errorProperty().get();
                break;
            }
        }
        if (problem == null) {
            try {
                TrainingLauncher.validate(r); // a file: it exists and is readable; Start reads it, off this thread
            } catch (BadInputException e) {
                problem = e.getMessage();
            }
        }
        formError.set(problem);
    }

    private String suggestedName() {
        String what = task.get() == null ? "run" : !BENCHMARK_CHOICE.equals(task.get()) ? task.get()
                : benchmark.get() == null ? "benchmark" : ProblemSource.runNamePart(benchmark.get());
        suggested = what + "-" + preset.get() + "-"
                + LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("MMdd-HHmmss", Locale.ROOT));
        return suggested;
    }

    // ------------------------------------------------------------------------------------------
    // start, stop, resume

    /**
     * Starts the form's run in a child process and follows it; an invalid form is refused with the
     * reason, before anything starts.
     */
    public void start() {
        formChanged();
        TrainingLauncher.Request r = request();
        if (formError.get() != null) {
            dialogs.showError("Cannot start run " + r.run(), formError.get()
                    + "\n\nCorrect it in the New-run form, then press Start again.");
            return;
        }
        tasks.run("Starting run " + r.run(), () -> {
            if (feed.read(List.of(r.run()), Map.of(), null).runs().size() > 0) {
                throw new BadInputException("a run named " + r.run() + " already exists; choose another run name");
            }
            return launcher.start(r);
        }, child -> {
            follow(child);
            runName.set(suggestedName());
            watch(r.run());
        }, e -> dialogs.showError("Could not start run " + r.run(), TaskRunner.reason(e)
                + "\n\nCorrect it in the New-run form, then press Start again."));
    }

    /** Asks the followed run to stop (see {@link TrainingLauncher#stop}); it can be resumed later. */
    public void stop() {
        String run = watched.get();
        if (run == null) {
            return;
        }
        stopping.add(run);
        statusText.set("Stopping " + run + "\u2026");
        tasks.run("Stopping run " + run, () -> launcher.stop(run), delivered -> {
            if (!delivered) {
                stopping.remove(run);
                dialogs.showError("Could not stop run " + run, "The run is not training in a process this window "
                        + "started, and npr runs stop did not reach it. Stop it where it was started (Ctrl+C), "
                        + "then resume it here.");
            }
            poll();
        }, e -> dialogs.showError("Could not stop run " + run, TaskRunner.reason(e)));
    }

    /** Resumes the followed run in a child process (npr train --resume NAME). */
    public void resume() {
        String run = watched.get();
        if (run != null) {
            resume(run);
        }
    }

    /** Resumes run {@code run} in a child process and follows it. */
    public void resume(String run) {
        tasks.run("Resuming run " + run, () -> launcher.resume(run), child -> {
            stopping.remove(run);
            follow(child);
            watch(run);
        }, e -> dialogs.showError("Could not resume run " + run, TaskRunner.reason(e)));
    }

    private void follow(TrainingLauncher.Child child) {
        child.exit().whenComplete((rc, e) -> ui.execute(() -> exited(child, rc == null ? -1 : rc)));
    }

    private void exited(TrainingLauncher.Child child, int rc) {
        boolean asked = stopping.remove(child.run());
        if (rc != 0 && !asked) {
            List<String> tail = child.logTail(6);
            dialogs.showError("Run " + child.run() + " ended with an error (exit status " + rc + ")",
                    String.join("\n", tail) + "\n\nThe whole log is " + child.log() + ". Fix the cause, then resume "
                            + "the run (Resume) or start a new one; the window keeps working.");
        } else if (asked) {
            dialogs.showNotice("Run " + child.run() + " stopped", "It stopped at a step boundary and saved a resumable "
                    + "checkpoint; Resume (Ctrl+Shift+R) continues it.");
        } else if (rc == 0) {
            dialogs.showNotice("Run " + child.run() + " finished", "Its checkpoints and metrics are in the run store; "
                    + "the Runs page lists it.");
        }
        poll();
    }

    // ------------------------------------------------------------------------------------------
    // following runs

    /** The run the page follows, or null. */
    public ReadOnlyStringProperty watchedProperty() {
        return watched.getReadOnlyProperty();
    }

    /** Follows run {@code name}: its charts, progress and rollouts replace the previous run's. */
    public void watch(String name) {
        if (name == null || name.equals(watched.get())) {
            return;
        }
        String was = watched.get();
        if (was != null && !overlays.contains(was)) {
            forget(was);
        }
        overlays.remove(name);
        watched.set(name);
        formShown.set(false);
        selection.runProperty().set(name);
        rollouts.clear();
        stageProgress.clear();
        statusText.set("Reading " + name + "\u2026");
        read(tasks, "Reading run " + name);
    }

    /** Draws run {@code name} on the charts beside the followed run. */
    public void overlay(String name) {
        if (name == null || name.equals(watched.get()) || overlays.contains(name)) {
            return;
        }
        overlays.add(name);
        read(tasks, "Reading run " + name);
    }

    /** Takes run {@code name} off the charts. */
    public void removeOverlay(String name) {
        if (overlays.remove(name)) {
            forget(name);
        }
    }

    /** The runs drawn beside the followed one. */
    public ObservableList<String> overlays() {
        return overlays;
    }

    /** Every run name in the store (for the overlay and follow choices), as of the last read. */
    public ObservableList<String> storeRuns() {
        return storeRuns;
    }

    /** Reads what changed in the store for the followed and overlaid runs; skipped while a read is in flight. */
    public void poll() {
        read(pollRunner, "Following training");
    }

    private void read(TaskRunner runner, String label) {
        if (polling) {
            pollAgain = true;
            return;
        }
        polling = true;
        List<String> names = new ArrayList<>();
        if (watched.get() != null) {
            names.add(watched.get());
        }
        names.addAll(overlays);
        Map<String, Long> after = new HashMap<>(lastIds);
        String withRollouts = watched.get();
        runner.run(label, () -> feed.read(names, after, withRollouts), this::apply, e -> {
            polling = false;
            String why = TaskRunner.reason(e);
            statusText.set("Cannot read the run store: " + why);
            if (!why.equals(storeProblem)) { // once per distinct problem, not once a second
                storeProblem = why;
                dialogs.showWarning("Cannot read the run store", why + "\n\nThe page tries again every second; "
                        + "training in child processes goes on. If another program holds the database, close it.");
            }
        });
    }

    private void apply(TrainingFeed.Read read) {
        polling = false;
        storeProblem = null;
        if (!storeRuns.equals(read.names())) {
            storeRuns.setAll(read.names());
        }
        for (TrainingFeed.RunRead r : read.runs()) {
            if (!r.name().equals(watched.get()) && !overlays.contains(r.name())) {
                continue; // unfollowed while the read was in flight
            }
            feedRows(r);
            if (r.name().equals(watched.get())) {
                showRun(r);
            }
        }
        if (watched.get() != null && read.runs().stream().noneMatch(r -> r.name().equals(watched.get()))) {
            statusText.set(read.names().isEmpty() && watched.get() == null ? "No run followed"
                    : "Run " + watched.get() + " is not in the run store (yet)");
        }
        if (pollAgain) {
            pollAgain = false;
            poll();
        }
    }

    private void feedRows(TrainingFeed.RunRead r) {
        Map<StageKind, Long> seen = maxStep.computeIfAbsent(r.name(), n -> new EnumMap<>(StageKind.class));
        for (MetricRow m : r.rows()) {
            seen.merge(m.stage(), m.step(), Math::max);
        }
        Map<StageKind, Long> offsets = offsets(r.stages(), seen);
        List<org.nprworkbench.visualizer.metrics.MetricRow> rows = new ArrayList<>(r.rows().size());
        long last = lastIds.getOrDefault(r.name(), 0L);
        for (MetricRow m : r.rows()) {
            last = Math.max(last, m.id());
            long step = offsets.getOrDefault(m.stage(), 0L) + m.step();
            String key = r.name() + "\u0000" + m.name();
            if (step < lastSteps.getOrDefault(key, Long.MIN_VALUE)) {
                continue; // a re-written row of a step already drawn (a resumed stage)
            }
            lastSteps.put(key, step);
            rows.add(new org.nprworkbench.visualizer.metrics.MetricRow(r.name(), m.name(), m.stage().label(), step,
                    seconds(m.wallTime()), m.value()));
            if (r.name().equals(watched.get())) {
                latest.put(m.name(), m.value());
            }
        }
        lastIds.put(r.name(), last);
        dashboard.addRun(r.name());
        dashboard.append(rows);
        List<StageBoundary> bounds = new ArrayList<>();
        for (StageInfo s : r.stages()) {
            if (s.started() != null) {
                bounds.add(new StageBoundary(s.kind().label(), offsets.get(s.kind()), seconds(s.started())));
            }
        }
        dashboard.setStages(r.name(), bounds);
    }

    /** Where each stage's step 0 falls on the run-wide axis: after the steps the earlier stages planned (or made). */
    static Map<StageKind, Long> offsets(List<StageInfo> stages, Map<StageKind, Long> seen) {
        Map<StageKind, Long> out = new EnumMap<>(StageKind.class);
        long at = 0;
        for (StageInfo s : stages) {
            out.put(s.kind(), at);
            long made = seen.getOrDefault(s.kind(), 0L);
            at += Math.max(made, s.totalSteps() == null ? 0 : s.totalSteps());
        }
        return out;
    }

    private void showRun(TrainingFeed.RunRead r) {
        RunInfo info = r.run();
        status.set(info.status());
        device.set(info.device() == null ? "unknown" : DeviceChoice.name(info.device()));
        runCommand.set(reproducingCommand(info));
        Map<StageKind, Long> seen = maxStep.getOrDefault(r.name(), Map.of());
        Instant now = clock.instant();
        List<StageProgress> rows = new ArrayList<>();
        double done = 0;
        StageInfo current = null;
        for (StageInfo s : r.stages()) {
            long step = seen.getOrDefault(s.kind(), 0L);
            double f = s.status() == RunStatus.FINISHED ? 1
                    : s.totalSteps() == null || s.totalSteps() == 0 ? 0 : Math.min(1, step / (double) s.totalSteps());
            String eta = "";
            if (s.status() == RunStatus.RUNNING && info.status() == RunStatus.RUNNING) {
                current = s;
                eta = eta(s.started(), now, f);
            }
            rows.add(new StageProgress(s.kind().label(), s.status().label(), step, s.totalSteps(), f, eta));
            done += f;
        }
        stageProgress.setAll(rows);
        double whole = r.stages().isEmpty() ? 0 : done / r.stages().size();
        progress.set(info.status() == RunStatus.FINISHED ? 1 : whole);
        String words = String.format(Locale.ROOT, "%.0f%% of %d stage%s", 100 * progress.get(), r.stages().size(),
                r.stages().size() == 1 ? "" : "s");
        if (info.status() == RunStatus.RUNNING) {
            String left = eta(info.created(), now, whole);
            words += left.isEmpty() ? "" : " \u00b7 about " + left + " left";
        }
        progressText.set(words);
        statusText.set("Run " + info.name() + ": " + info.status().label()
                + (current == null ? "" : " \u00b7 stage " + current.kind().label()
                + (current.totalSteps() == null ? "" : ", step " + seen.getOrDefault(current.kind(), 0L) + " of "
                + current.totalSteps())));
        timing.set(timingSplit());
        boolean ours = launcher.child(info.name()).map(TrainingLauncher.Child::alive).orElse(false);
        canStop.set(info.status() == RunStatus.RUNNING && !stopping.contains(info.name()) || ours);
        canResume.set(!ours && (info.status() == RunStatus.STOPPED || info.status() == RunStatus.FAILED
                || info.status() == RunStatus.INTERRUPTED));
        if (r.rollouts() != null) {
            setRollouts(r.rollouts());
        }
    }

    private String timingSplit() {
        Double step = latest.get(MetricNames.TIMING_STEP);
        List<String> parts = new ArrayList<>();
        TIMING.forEach((metric, words) -> {
            Double v = latest.get(metric);
            if (v != null) {
                parts.add(words + " " + duration(v));
            }
        });
        if (step == null && parts.isEmpty()) {
            return "no step timed yet";
        }
        return (step == null ? "" : "step " + duration(step) + (parts.isEmpty() ? "" : ": ")) + String.join(" \u00b7 ", parts);
    }

    private static String duration(double s) {
        if (s < 0.001) {
            return "<1 ms";
        }
        return s < 1 ? String.format(Locale.ROOT, "%.0f ms", s * 1000) : String.format(Locale.ROOT, s < 10 ? "%.2f s" : "%.1f s", s);
    }

    /** Time left in words from the elapsed time and the done share; "" when it cannot be estimated. */
    static String eta(Instant started, Instant now, double fraction) {
        if (started == null || !(fraction > 0.01) || fraction >= 1) {
            return "";
        }
        double elapsed = Duration.between(started, now).toMillis() / 1000.0;
        long left = Math.max(0, Math.round(elapsed * (1 - fraction) / fraction));
        return DurationText.of(left);
    }

    /**
     * The command line of a stored run: its task (or benchmark file), preset, stages and the settings
     * that differ from the preset's.
     */
    String reproducingCommand(RunInfo info) {
        if (info.task() == null || info.preset() == null || !PipelineConfig.PRESETS.contains(info.preset())) {
            return launcher.commandLine(TrainingLauncher.resumeArguments(info.name()));
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        Path file = null;
        try {
            JsonObject saved = JsonParser.parseString(info.configJson()).getAsJsonObject();
            if (saved.has(ProblemSource.BENCHMARK_KEY)) {
                file = Path.of(saved.get(ProblemSource.BENCHMARK_KEY).getAsString());
            }
            PipelineConfig defaults = PipelineConfig.preset(info.preset());
            for (String key : PipelineConfig.keys()) {
                JsonElement v = saved.get(key);
                if (v != null && v.isJsonPrimitive()) {
                    String text = v.getAsString();
                    if (key.equals("seed_init") && !text.isEmpty()) { // the folder it was resolved to, by its name again
                        text = catalogue.nameOf(Path.of(text)).orElse(text);
                    }
                    String normal = PipelineConfig.preset(info.preset()).set(key, text).value(key);
                    if (!normal.equals(PipelineConfig.preset(info.preset()).set(key, defaults.value(key)).value(key))) {
                        overrides.put(key, text);
                    }
                }
            }
        } catch (RuntimeException e) {
            // a configuration this version cannot read: the command without its overrides
        }
        if (file == null && info.task().startsWith(ProblemSource.FILE_PREFIX)) { // a file this version cannot read back
            return launcher.commandLine(TrainingLauncher.resumeArguments(info.name()));
        }
        return launcher.commandLine(TrainingLauncher.trainArguments(new TrainingLauncher.Request(file == null ? info.task()
                : null, file, info.preset(), info.stages(), info.name(), overrides)));
    }

    private void forget(String name) {
        dashboard.removeRun(name);
        lastIds.remove(name);
        maxStep.remove(name);
        lastSteps.keySet().removeIf(k -> k.startsWith(name + "\u0000"));
        if (name.equals(watched.get())) {
            latest.clear();
        }
    }

    // ------------------------------------------------------------------------------------------
    // rollouts

    private void setRollouts(List<RolloutRow> rows) {
        List<RolloutItem> items = new ArrayList<>(rows.size());
        for (RolloutRow row : rows) {
            var r = row.rollout();
            Double tc = r.tokens() == null || r.criticalPath() == null || r.criticalPath() == 0 ? null
                    : r.tokens() / (double) r.criticalPath();
            items.add(new RolloutItem(row.id(), r.stage().label(), r.step(), r.kind().label(), r.problemId(), r.sample(), r.reward(),
                    r.correct(), r.formatScore(), r.branches(), r.tokens(), r.criticalPath(), tc, r.prompt(), r.response()));
        }
        // newest first; the samples of one prompt together, in sample order
        Map<String, Integer> stageOrder = new HashMap<>();
        for (StageKind k : StageKind.values()) {
            stageOrder.put(k.label(), k.ordinal());
        }
        items.sort(Comparator.comparing((RolloutItem i) -> stageOrder.getOrDefault(i.stage(), 0)).reversed()
                .thenComparing(Comparator.comparingLong(RolloutItem::step).reversed())
                .thenComparing(RolloutItem::problem).thenComparingInt(RolloutItem::sample));
        RolloutItem was = selectedRollout.get();
        if (!items.equals(rollouts)) {
            rollouts.setAll(items);
        }
        if (was != null) {
            selectedRollout.set(items.stream().filter(i -> i.id() == was.id()).findFirst().orElse(null));
        }
    }

    private void applyFilter() {
        String f = rolloutFilter.get() == null ? "" : rolloutFilter.get().trim().toLowerCase(Locale.ROOT);
        shownRollouts.setPredicate(f.isEmpty() ? null : i -> (i.stage() + " " + i.step() + " " + i.kind() + " " + i.problem() + " "
                + (i.prompt() == null ? "" : i.prompt()) + " " + (i.response() == null ? "" : i.response()))
                .toLowerCase(Locale.ROOT).contains(f));
    }

    /** The followed run's latest samples that pass the filter: newest step first, a prompt's group together. */
    public ObservableList<RolloutItem> rollouts() {
        return shownRollouts;
    }

    /** Text that a shown sample's stage, step, problem, prompt or response must contain. */
    public StringProperty rolloutFilterProperty() {
        return rolloutFilter;
    }

    /** The sample whose response is shown; selecting one also selects it for the other sections. */
    public ObjectProperty<RolloutItem> selectedRolloutProperty() {
        return selectedRollout;
    }

    // ------------------------------------------------------------------------------------------
    // what the page shows of the followed run

    /** The charts of the followed and overlaid runs. */
    public DashboardViewModel dashboard() {
        return dashboard;
    }

    /** The followed run's status as stored, or null. */
    public ReadOnlyObjectProperty<RunStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The followed run and its current stage and step, in words. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** The device the followed run trains on. */
    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    /** The latest step's time and its split (rollout, log-prob, update). */
    public ReadOnlyStringProperty timingProperty() {
        return timing.getReadOnlyProperty();
    }

    /** The command line that reproduces the followed run. */
    public ReadOnlyStringProperty runCommandProperty() {
        return runCommand.getReadOnlyProperty();
    }

    /** The whole run's done share in [0, 1]. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The whole run's progress and ETA in words. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** Each stage's progress and ETA, in pipeline order. */
    public ObservableList<StageProgress> stageProgress() {
        return stageProgress;
    }

    /** Whether Stop applies to the followed run. */
    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    /** Whether Resume applies (stopped, failed or interrupted, and not training here). */
    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    /** The launcher of this window's training processes. */
    public TrainingLauncher launcher() {
        return launcher;
    }

    /** The data home whose runs the page follows. */
    public DataHome home() {
        return home;
    }

    /** Replaces the clock that ETAs and suggested names use (tests). */
    void setClock(Clock clock) {
        this.clock = clock;
    }

    /** Closes the page's store connection (the window is closing). */
    public void close() {
        feed.close();
    }

    private static double seconds(Instant t) {
        return t == null ? Double.NaN : t.getEpochSecond() + t.getNano() / 1e9;
    }

}
