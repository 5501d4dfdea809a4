package org.nprworkbench.app.gui.explore;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nprworkbench.app.gui.checkpoint.CheckpointSummary;
import org.nprworkbench.app.gui.compare.CompareViewModel;
import org.nprworkbench.app.gui.state.SelectedRollout;
import org.nprworkbench.app.gui.state.SelectionState;
import org.nprworkbench.app.service.CheckpointCatalogue;
import org.nprworkbench.app.service.DeviceChoice;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.bench.BenchmarkLoader;
import org.nprworkbench.problems.task.Knobs;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.Task;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.pipeline.PipelineConfig;
import org.nprworkbench.trainer.resume.SeedRun;
import org.nprworkbench.trainer.sft.SeedSft;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.RolloutRow;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.snapshot.PngSnapshot;
import org.nprworkbench.visualizer.task.TaskRunner;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Explore page's state: the answers open (an imported trace file's traces, the samples of one
 * solved problem, or the built-in example) with the one shown, and the solve form (problem, family,
 * checkpoint, engine, sampling settings, seed, samples). Reading and solving run on the
 * {@link TaskRunner}; failures are reported through the {@link DialogService} and kept in
 * {@link #errorProperty()}. The checkpoint follows the shared {@link SelectionState} until the user
 * picks another.
 */
public final class ExploreViewModel {
    /** Problems offered per family in the solve form. */
    public static final int PROBLEMS_OFFERED = 8;
    /** Problems offered from a benchmark file. */
    public static final int BENCHMARK_OFFERED = 50;
    /** The shipped NPR checkpoint's catalogue name: the first visit solves a problem with it when it is there. */
    public static final String QUICKSTART = "quickstart/npr";
    /** The command the page offers for a first checkpoint. */
    public static final String SEED_COMMAND = "./npr train seed --run demo";

    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final ObservableList<ExploredAnswer> answers = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    private final ReadOnlyObjectWrapper<ExploredAnswer> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper example = new ReadOnlyBooleanWrapper(this, "example");
    private final StringBinding position;
    private final BooleanBinding hasNext;
    private final BooleanBinding hasPrevious;

    private final ObservableList<String> taskNames = FXCollections.observableArrayList(
            TaskRegistry.tasks().stream().map(Task::name).toList());
    private final StringProperty task = new SimpleStringProperty(this, "task");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObjectProperty<Problem> picked = new SimpleObjectProperty<>(this, "picked");
    private final StringProperty problemText = new SimpleStringProperty(this, "problemText", "");
    private final ObjectProperty<Path> checkpoint = new SimpleObjectProperty<>(this, "checkpoint");
    private final BooleanProperty parallel = new SimpleBooleanProperty(this, "parallel", true);
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature", 1.0);
    private final DoubleProperty topP = new SimpleDoubleProperty(this, "topP", 0.7);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 0);
    private final IntegerProperty samples = new SimpleIntegerProperty(this, "samples", 3);
    private static final int DEFAULT_MAX_TOKENS = 256;
    private final IntegerProperty maxTokens = new SimpleIntegerProperty(this, "maxTokens", DEFAULT_MAX_TOKENS);
    private boolean generating;
    private boolean quickstartLooked;
    /** The family whose problems are generated at {@link #generatedLevel} with {@link #generatedKnobs}; others at level 1. */
    private String knobsFamily;
    private int generatedLevel = 1;
    private java.util.Map<String, Integer> generatedKnobs = java.util.Map.of();
    private final ReadOnlyBooleanWrapper training = new ReadOnlyBooleanWrapper(this, "training");
    private int pendingIndex;
    private final DataHome home;
    private final StoredAnswers stored;
    private final ObservableList<String> storedRuns = FXCollections.observableArrayList();
    private final StringProperty storedRun = new SimpleStringProperty(this, "storedRun");
    private final List<RolloutRow> storedAll = new ArrayList<>();
    private final ObservableList<String> storedStages = FXCollections.observableArrayList();
    private final StringProperty storedStage = new SimpleStringProperty(this, "storedStage");
    private final ObservableList<Long> storedSteps = FXCollections.observableArrayList();
    private final ObjectProperty<Long> storedStep = new SimpleObjectProperty<>(this, "storedStep");
    private final ObservableList<RolloutRow> storedRollouts = FXCollections.observableArrayList();

    /** The page without a data home: no run store answers and no shipped checkpoint to start with. */
    public ExploreViewModel(TaskRunner tasks, DialogService dialogs, SelectionState selection) {
        this(tasks, dialogs, selection, null);
    }

    /**
     * The page; nothing is read or solved until {@link #start()}, {@link #openTrace} or {@link #solve()}.
     * With a data {@code home} it offers the run store's samples and, on first visit, solves with the
     * shipped {@code quickstart/npr} checkpoint when the catalogue has it.
     */
    public ExploreViewModel(TaskRunner tasks, DialogService dialogs, SelectionState selection, DataHome home) {
        this.home = home;
        this.stored = home == null ? null : new StoredAnswers(home);
        this.tasks = tasks;
        this.dialogs = dialogs;
        position = Bindings.createStringBinding(() -> answers.isEmpty() ? ""
                : (index.get() + 1) + " of " + answers.size(), index, answers);
        hasNext = Bindings.createBooleanBinding(() -> index.get() + 1 < answers.size(), index, answers);
        hasPrevious = Bindings.createBooleanBinding(() -> index.get() > 0, index, answers);
        followSelection(selection.checkpointProperty().get());
        selection.checkpointProperty().addListener((o, was, now) -> followSelection(now));
        selection.rolloutProperty().addListener((o, was, now) -> {
            if (now != null) {
                openSelected(now);
            }
        });
        storedRun.addListener((o, was, now) -> loadStored(now));
        storedStage.addListener((o, was, now) -> storedNarrow());
        storedStep.addListener((o, was, now) -> storedNarrow());
        problemText.addListener((o, was, now) -> {
            if (picked.get() != null && !picked.get().text().equals(now)) {
                picked.set(null); // typed over: no reference answer any more
            }
        });
        task.addListener((o, was, now) -> {
            if (!generating) {
                loadProblems(now, () -> { });
            }
        });
    }

    private void followSelection(CheckpointSummary summary) {
        if (summary != null && !summary.broken()) {
            checkpoint.set(summary.folder());
        }
    }

    /**
     * What the page shows on its first visit, unless something is open already: a test problem of
     * the first family solved on the checkpoint, or without a checkpoint the built-in example.
     */
    public void start() {
        if (!answers.isEmpty() || busy.get()) {
            return;
        }
        if (checkpoint.get() == null && home != null && !quickstartLooked) {
            quickstartLooked = true;
            busy.set(true);
            tasks.run("Looking for " + QUICKSTART, () -> new CheckpointCatalogue(home).find(QUICKSTART)
                    .map(CheckpointCatalogue.Entry::folder).filter(java.nio.file.Files::isDirectory), found -> {
                        busy.set(false);
                        found.ifPresent(folder -> {
                            checkpoint.set(folder);
                            useQuickstartProblems();
                        });
                        start();
                    }, e -> {
                        busy.set(false);
                        start();
                    });
        } else if (checkpoint.get() == null) {
            showExample();
        } else if (!problemText.get().isBlank()) {
            solve();
        } else {
            busy.set(true); // the solve follows the problems
            generating = true;
            task.set(task.get() == null ? taskNames.get(0) : task.get());
            loadProblems(task.get(), () -> {
                busy.set(false);
                if (!problems.isEmpty()) {
                    pick(problems.get(0));
                }
                solve();
            });
        }
    }

    /**
     * The problems the shipped checkpoint was trained for, not the first family's: the
     * {@code quickstart} preset's task, knobs, level and evaluation budget (a model trained on 5
     * three-digit numbers has nothing to say about other problems).
     */
    private void useQuickstartProblems() {
        PipelineConfig q = PipelineConfig.preset("quickstart");
        String family = TaskRegistry.get(CompareViewModel.QUICKSTART_TASK).name();
        generatedLevel = q.integer("difficulty");
        generatedKnobs = PipelineConfig.parseKnobs(q.text("knobs"));
        knobsFamily = family;
        if (maxTokens.get() == DEFAULT_MAX_TOKENS) { // not chosen by hand
            maxTokens.set(q.integer("eval_max_new_tokens"));
        }
        generating = true; // start() generates them
        task.set(family);
    }

    /** Opens the built-in example answer. */
    public void showExample() {
        load("Building the example answer", ExampleAnswer::build, a -> List.of(a), "Built-in example", true);
    }

    /** Opens every trace in {@code file} (text, JSON Lines or JSON); the first is shown. */
    public void openTrace(Path file) {
        Path f = file.toAbsolutePath().normalize();
        load("Reading " + f.getFileName(), () -> TraceImport.read(f), a -> a, "Traces from " + f, false);
    }

    /** Solves the problem in the form on the checkpoint, {@link #samplesProperty()} times. */
    public void solve() {
        AnswerSolver.Request request;
        try {
            Problem p = picked.get();
            request = new AnswerSolver.Request(checkpoint.get(), problemText.get(),
                    p == null ? null : TaskRegistry.verifier(p.task()), p == null ? null : p.answer(), parallel.get(),
                    temperature.get(), topP.get(), seed.get(), samples.get(), maxTokens.get());
        } catch (BadInputException e) {
            fail("Cannot solve", e);
            return;
        }
        load("Solving on " + request.checkpoint().getFileName(), () -> AnswerSolver.solve(request), a -> a,
                "Solved on " + request.checkpoint(), false);
    }

    private <T> void load(String label, java.util.concurrent.Callable<T> work,
                          java.util.function.Function<T, List<ExploredAnswer>> toList, String from, boolean isExample) {
        busy.set(true);
        error.set(null);
        tasks.run(label, work, result -> {
            busy.set(false);
            List<ExploredAnswer> list = toList.apply(result);
            answers.setAll(list);
            source.set(from);
            example.set(isExample);
            show(Math.min(pendingIndex, list.size() - 1));
            pendingIndex = 0;
        }, e -> {
            busy.set(false);
            pendingIndex = 0;
            fail(label + " failed", e);
        });
    }

    private void fail(String header, Throwable e) {
        String message = e instanceof BadInputException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        error.set(message);
        dialogs.showError(header, message);
    }

    /** Shows answer {@code i} of the open ones (ignored when out of range). */
    public void show(int i) {
        if (i < 0 || i >= answers.size()) {
            return;
        }
        index.set(i);
        current.set(answers.get(i));
    }

    /** Shows the next answer, if any. */
    public void next() {
        show(index.get() + 1);
    }

    /** Shows the previous answer, if any. */
    public void previous() {
        show(index.get() - 1);
    }

    /** Puts {@code problem} into the form, with its reference answer for the verdict. */
    public void pick(Problem problem) {
        picked.set(null);
        problemText.set(problem == null ? "" : problem.text());
        picked.set(problem);
    }

    private void loadProblems(String family, Runnable then) {
        generating = false;
        if (family == null) {
            problems.clear();
            return;
        }
        tasks.run("Generating " + family + " problems",
                () -> family.equals(knobsFamily)
                        ? TaskRegistry.get(family).generate(Split.TEST, PROBLEMS_OFFERED, 1,
                                Knobs.of(TaskRegistry.get(family), generatedLevel, generatedKnobs))
                        : TaskRegistry.get(family).generate(Split.TEST, PROBLEMS_OFFERED, 1, 1),
                found -> {
                    problems.setAll(found);
                    then.run();
                }, e -> {
                    busy.set(false);
                    fail("No problems for " + family, e);
                });
    }

    /**
     * Starts seed SFT of the tiny model in the background as run {@code demo} (or {@code demo-2}, ...
     * when taken), recorded in the run store like {@code ./npr train seed --run demo}, with the default
     * 600 steps; when it ends, its checkpoint is the one to solve with and a test problem is solved.
     */
    public void startSeedTraining() {
        startSeedTraining(SeedSft.Config.defaults().steps());
    }

    /** {@link #startSeedTraining()} with {@code steps} steps. */
    public void startSeedTraining(int steps) {
        if (home == null || training.get()) {
            return;
        }
        training.set(true);
        tasks.run("Seed SFT of the tiny model (" + steps + " steps)", () -> {
            try (RunStore store = RunStore.open(home)) {
                String name = "demo";
                for (int i = 2; store.run(name).isPresent() || java.nio.file.Files.exists(home.runs().resolve(name)); i++) {
                    name = "demo-" + i;
                }
                Path dest = home.runs().resolve(name).resolve(StageKind.SEED.label());
                SeedSft.Config d = SeedSft.Config.defaults();
                SeedSft.Config cfg = new SeedSft.Config(d.tasks(), d.examples(), d.nprShare(), steps, d.batch(), d.lr(), d.seed());
                SeedRun.start(new SeedRun.Settings(cfg, null, dest, name, home.runs().resolve(name).resolve("checkpoints"),
                        20, 3), DeviceChoice.auto().select(), store, TrainingListener.NONE);
                return dest;
            }
        }, dest -> {
            training.set(false);
            checkpoint.set(dest);
            answers.clear();
            start();
        }, e -> {
            training.set(false);
            fail("Seed SFT failed", e);
        });
    }

    /** True while the seed SFT started here runs. */
    public ReadOnlyBooleanProperty trainingProperty() {
        return training.getReadOnlyProperty();
    }

    /** True when the page can start seed SFT (it has a data home to record the run in). */
    public boolean canTrain() {
        return home != null;
    }

    /** Offers the first problems of a benchmark file in the problem picker (graded by the file's task). */
    public void loadBenchmark(Path file) {
        Path f = file.toAbsolutePath().normalize();
        tasks.run("Reading " + f.getFileName(), () -> {
            List<Problem> all = BenchmarkLoader.load(f).problems();
            if (all.isEmpty()) {
                throw BadInputException.inFile(f, "holds no problem");
            }
            return all.subList(0, Math.min(BENCHMARK_OFFERED, all.size()));
        }, found -> {
            generating = true;
            task.set(null);
            generating = false;
            problems.setAll(found);
            pick(found.get(0));
        }, e -> fail("Cannot read " + f.getFileName(), e));
    }

    /** Writes the graph picture the view captured to {@code file} as PNG, in the background. */
    public void exportGraph(BufferedImage image, Path file) {
        tasks.run("Writing " + file.getFileName(), () -> {
            try {
                PngSnapshot.write(image, file);
            } catch (java.io.IOException e) {
                throw BadInputException.inFile(file, "cannot write it (" + e.getMessage() + ")");
            }
            return file;
        }, f -> { }, e -> fail("Cannot write the graph", e));
    }

    /** Reads the run store's run names for the stored-answer picker (none without a data home). */
    public void refreshStored() {
        if (stored == null) {
            return;
        }
        tasks.run("Reading the run store", stored::runs, storedRuns::setAll, e -> fail("Cannot read the run store", e));
    }

    private void loadStored(String run) {
        storedAll.clear();
        storedStages.clear();
        storedSteps.clear();
        storedRollouts.clear();
        if (run == null || stored == null) {
            return;
        }
        tasks.run("Reading the samples of " + run, () -> stored.rollouts(run), rows -> {
            storedAll.clear();
            storedAll.addAll(rows);
            storedStages.setAll(rows.stream().map(r -> r.rollout().stage().label()).distinct().toList());
            storedStage.set(storedStages.isEmpty() ? null : storedStages.get(0));
            storedNarrow();
        }, e -> fail("Cannot read the samples of " + run, e));
    }

    /** Narrows the stored samples to the chosen stage and step. */
    private void storedNarrow() {
        List<RolloutRow> ofStage = storedAll.stream()
                .filter(r -> r.rollout().stage().label().equals(storedStage.get())).toList();
        List<Long> steps = ofStage.stream().map(r -> r.rollout().step()).distinct().toList();
        if (!storedSteps.equals(steps)) {
            storedSteps.setAll(steps);
        }
        if (storedStep.get() == null || !steps.contains(storedStep.get())) {
            storedStep.set(steps.isEmpty() ? null : steps.get(steps.size() - 1));
            return; // the step listener narrows again
        }
        storedRollouts.setAll(ofStage.stream().filter(r -> r.rollout().step() == storedStep.get()).toList());
    }

    /** Opens every sample of the chosen run, stage and step; {@code first} is shown. */
    public void openStored(RolloutRow first) {
        String run = storedRun.get();
        List<RolloutRow> rows = List.copyOf(storedRollouts);
        pendingIndex = Math.max(0, rows.indexOf(first));
        load("Reading samples of " + run, () -> rows.stream().map(r -> stored.open(run, r)).toList(), a -> a,
                "Run " + run, false);
    }

    private void openSelected(SelectedRollout r) {
        if (stored == null) {
            return;
        }
        String title = "Run " + r.run() + " \u00b7 " + r.stage() + " step " + r.step() + " \u00b7 sample " + r.id();
        load("Reading sample " + r.id(), () -> stored.open(r.id(), title, r.problem(), r.response()), a -> List.of(a),
                "Run " + r.run(), false);
    }

    /** The run store's runs. */
    public ObservableList<String> storedRuns() {
        return storedRuns;
    }

    /** The run whose samples are offered, or null. */
    public StringProperty storedRunProperty() {
        return storedRun;
    }

    /** The chosen run's stages that have samples. */
    public ObservableList<String> storedStages() {
        return storedStages;
    }

    /** The stage whose samples are offered. */
    public StringProperty storedStageProperty() {
        return storedStage;
    }

    /** The chosen stage's steps that have samples. */
    public ObservableList<Long> storedSteps() {
        return storedSteps;
    }

    /** The step whose samples are offered. */
    public ObjectProperty<Long> storedStepProperty() {
        return storedStep;
    }

    /** The samples of the chosen run, stage and step. */
    public ObservableList<RolloutRow> storedRollouts() {
        return storedRollouts;
    }

    /** The open answers. */
    public ObservableList<ExploredAnswer> answers() {
        return answers;
    }

    /** The shown answer's index, -1 when none. */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    /** The shown answer, or null. */
    public ReadOnlyObjectProperty<ExploredAnswer> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** "2 of 5", or empty when nothing is open. */
    public StringBinding positionProperty() {
        return position;
    }

    /** True when there is a next answer. */
    public BooleanBinding hasNextProperty() {
        return hasNext;
    }

    /** True when there is a previous answer. */
    public BooleanBinding hasPreviousProperty() {
        return hasPrevious;
    }

    /** Where the open answers came from, in words. */
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** The last failure's message, null after a success. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True while reading or solving. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True while the built-in example is open. */
    public ReadOnlyBooleanProperty exampleProperty() {
        return example.getReadOnlyProperty();
    }

    /** The task families' names. */
    public ObservableList<String> taskNames() {
        return taskNames;
    }

    /** The family whose test problems are offered. */
    public StringProperty taskProperty() {
        return task;
    }

    /** The family's test problems offered. */
    public ObservableList<Problem> problems() {
        return problems;
    }

    /** The offered problem in the form, or null when the text was typed. */
    public ReadOnlyObjectProperty<Problem> pickedProperty() {
        return picked;
    }

    /** The problem text to solve. */
    public StringProperty problemTextProperty() {
        return problemText;
    }

    /** The checkpoint folder to solve with, or null. */
    public ObjectProperty<Path> checkpointProperty() {
        return checkpoint;
    }

    /** The NPR engine (true) or the sequential one. */
    public BooleanProperty parallelProperty() {
        return parallel;
    }

    /** Sampling temperature. */
    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    /** Nucleus mass. */
    public DoubleProperty topPProperty() {
        return topP;
    }

    /** The first sample's seed. */
    public LongProperty seedProperty() {
        return seed;
    }

    /** Samples per solve. */
    public IntegerProperty samplesProperty() {
        return samples;
    }

    /** The total-token budget per sample. */
    public IntegerProperty maxTokensProperty() {
        return maxTokens;
    }
}
