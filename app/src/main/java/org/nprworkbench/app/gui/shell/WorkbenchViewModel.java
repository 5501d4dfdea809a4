package org.nprworkbench.app.gui.shell;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.nprworkbench.app.gui.checkpoint.CheckpointSummary;
import org.nprworkbench.app.gui.compare.CompareViewModel;
import org.nprworkbench.app.gui.environment.MachineInfo;
import org.nprworkbench.app.gui.explore.ExploreViewModel;
import org.nprworkbench.app.gui.models.ModelsViewModel;
import org.nprworkbench.app.gui.overview.OverviewViewModel;
import org.nprworkbench.app.gui.runs.RunsViewModel;
import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.state.SelectionState;
import org.nprworkbench.app.gui.training.TrainingViewModel;
import org.nprworkbench.app.service.TrainingLauncher;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.task.TaskRunner;

/**
 * The whole window's state: the selected section, the shared {@link SelectionState}, the sections'
 * view models and the status bar's facts. Opening the Models section rescans its checkpoints.
 */
public final class WorkbenchViewModel {
    private final DataHome home;
    private final DialogService dialogs;
    private final ObjectProperty<Section> section = new SimpleObjectProperty<>(this, "section", Section.OVERVIEW);
    private final SelectionState selection = new SelectionState();
    private final OverviewViewModel overview;
    private final ModelsViewModel models;
    private final ExploreViewModel explore;
    private final CompareViewModel compare;
    private final TrainingViewModel training;
    private final RunsViewModel runs;
    private final javafx.beans.property.BooleanProperty dark = new javafx.beans.property.SimpleBooleanProperty(this, "dark");
    private final StringBinding selectionSummary;

    /**
     * The window's state for {@code home}; slow work goes to {@code tasks}, messages to {@code dialogs};
     * training runs start in child processes, and the Training page reads the store on {@code tasks} too.
     */
    public WorkbenchViewModel(DataHome home, TaskRunner tasks, DialogService dialogs) {
        this(home, tasks, tasks, dialogs, new TrainingLauncher(home), Runnable::run);
    }

    /**
     * The window's state for {@code home}: the Training page's periodic store reads go to
     * {@code pollRunner}, its runs to {@code launcher}, and a child's exit is handled on {@code ui}.
     */
    public WorkbenchViewModel(DataHome home, TaskRunner tasks, TaskRunner pollRunner, DialogService dialogs,
                              TrainingLauncher launcher, java.util.concurrent.Executor ui) {
        this.home = home;
        this.dialogs = dialogs;
        this.overview = new OverviewViewModel(home, tasks);
        this.models = new ModelsViewModel(home, tasks, dialogs, selection);
        this.explore = new ExploreViewModel(tasks, dialogs, selection, home);
        this.compare = new CompareViewModel(home, tasks, dialogs, javafx.application.Platform::runLater);
        this.training = new TrainingViewModel(home, tasks, pollRunner, dialogs, selection, launcher, ui);
        this.runs = new RunsViewModel(home, tasks, dialogs, selection);
        runs.setActions(new RunsViewModel.Actions() {
            @Override
            public void open(String run) {
                training.watch(run);
                section.set(Section.TRAINING);
            }

            @Override
            public void overlay(String run) {
                training.overlay(run);
                section.set(Section.TRAINING);
            }

            @Override
            public void resume(String run) {
                training.resume(run);
                section.set(Section.TRAINING);
            }
        });
        section.addListener((obs, was, now) -> {
            if (now == Section.MODELS) {
                models.refresh();
            } else if (now == Section.EXPLORE) {
                explore.start();
                explore.refreshStored();
            } else if (now == Section.COMPARE) {
                compare.refresh();
            } else if (now == Section.RUNS) {
                runs.refresh();
            }
        });
        selectionSummary = Bindings.createStringBinding(() -> summary(selection.runProperty().get(),
                selection.checkpointProperty().get()), selection.runProperty(), selection.checkpointProperty());
    }

    /** Starts the first background work: the device probe and the checkpoint scan. */
    public void start() {
        overview.start();
        models.refresh();
        compare.refresh(); // the Overview offers NPR vs SR when the shipped checkpoints are there
    }

    /** The section the window shows. */
    public ObjectProperty<Section> sectionProperty() {
        return section;
    }

    /** The selected run and checkpoint, shared by every section. */
    public SelectionState selection() {
        return selection;
    }

    /**
     * The selection in words for the status bar: "Checkpoint tiny", "Checkpoint tiny (broken)",
     * "Run demo · Checkpoint tiny", or "No checkpoint selected".
     */
    public StringBinding selectionSummary() {
        return selectionSummary;
    }

    /** The Overview section. */
    public OverviewViewModel overview() {
        return overview;
    }

    /** The Models section. */
    public ModelsViewModel models() {
        return models;
    }

    /** The Explore section. */
    public ExploreViewModel explore() {
        return explore;
    }

    /** The Compare section. */
    public CompareViewModel compare() {
        return compare;
    }

    /** The Training section. */
    public TrainingViewModel training() {
        return training;
    }

    /** The Runs section. */
    public RunsViewModel runs() {
        return runs;
    }

    /** Whether the window uses the dark theme. */
    public javafx.beans.property.BooleanProperty darkProperty() {
        return dark;
    }

    /** Opens the Training page on a fresh New-run form. */
    public void newRun() {
        training.newRun();
        section.set(Section.TRAINING);
    }

    /** Where the sections report errors and notices. */
    public DialogService dialogs() {
        return dialogs;
    }

    /** The data home the window reads. */
    public DataHome home() {
        return home;
    }

    /** The JVM, JavaFX and operating system, in words. */
    public String runtime() {
        return MachineInfo.runtime();
    }

    /** Shows the About box. */
    public void showAbout() {
        dialogs.showInformation("NPR Workbench " + version(),
                "A desktop research workbench for Native Parallel Reasoner models (arXiv 2512.07461): "
                        + "train them, run them with real parallel branches, and explore how they reason.\n\n"
                        + runtime() + "\nData home: " + home.root());
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    public static String version() {
        String v = WorkbenchViewModel.class.getPackage().getImplementationVersion();
        return v == null ? "(development)" : v;
    }

    private static String summary(String run, CheckpointSummary checkpoint) {
        String ck = checkpoint == null ? null
                : "Checkpoint " + checkpoint.name() + (checkpoint.broken() ? " (broken)" : "");
        if (run == null) {
            return ck == null ? "No checkpoint selected" : ck;
        }
        return "Run " + run + (ck == null ? "" : " \u00b7 " + ck);
    }
}
