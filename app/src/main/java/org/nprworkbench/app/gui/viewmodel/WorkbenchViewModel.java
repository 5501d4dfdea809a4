package org.nprworkbench.app.gui.viewmodel;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.nprworkbench.app.gui.environment.MachineInfo;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.task.BackgroundTasks;

/** The whole window's state: the selected section, the page view models and the status bar's facts. */
public final class WorkbenchViewModel {
    private final DataHome home;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final ObjectProperty<Section> section = new SimpleObjectProperty<>(this, "section", Section.OVERVIEW);
    private final OverviewViewModel overview;
    private final ModelsViewModel models;

    public WorkbenchViewModel(DataHome home, BackgroundTasks tasks, DialogService dialogs) {
        this.home = home;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.overview = new OverviewViewModel(home, tasks);
        this.models = new ModelsViewModel(home, tasks, dialogs);
        section.addListener((obs, was, now) -> {
            if (now == Section.MODELS) {
                models.refresh();
            }
        });
    }

    /** Starts the first background work: the device probe and the checkpoint scan. */
    public void start() {
        overview.start();
        models.refresh();
    }

    /** The section the window shows. */
    public ObjectProperty<Section> sectionProperty() {
        return section;
    }

    public OverviewViewModel overview() {
        return overview;
    }

    public ModelsViewModel models() {
        return models;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public DataHome home() {
        return home;
    }

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
}
