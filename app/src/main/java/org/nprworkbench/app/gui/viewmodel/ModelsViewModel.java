package org.nprworkbench.app.gui.viewmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.nprworkbench.app.gui.checkpoint.CheckpointScanner;
import org.nprworkbench.app.gui.checkpoint.CheckpointSummary;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.task.BackgroundTasks;

/**
 * The Models page: the checkpoints found under the data home's checkpoints folder plus the folders
 * the user opened this session. All reading runs on the background pool; unreadable files are
 * reported once each through the {@link DialogService}.
 */
public final class ModelsViewModel {
    private final DataHome home;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final ObservableList<CheckpointSummary> checkpoints = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning");
    private final BooleanBinding empty = Bindings.isEmpty(checkpoints);
    private final Set<Path> opened = new LinkedHashSet<>();
    private final Set<String> reported = new HashSet<>();

    public ModelsViewModel(DataHome home, BackgroundTasks tasks, DialogService dialogs) {
        this.home = home;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /** Rescans the checkpoints folder and the opened folders; ignored while a scan runs. */
    public void refresh() {
        if (scanning.get()) {
            return;
        }
        scanning.set(true);
        List<Path> extra = List.copyOf(opened);
        tasks.run("Scanning checkpoints", () -> scan(extra), found -> {
            scanning.set(false);
            List<CheckpointSummary> all = new ArrayList<>(found);
            // A folder opened while the scan ran is not in its result: keep it.
            checkpoints.stream().filter(c -> opened.contains(c.folder()) && !extra.contains(c.folder())
                    && all.stream().noneMatch(f -> f.folder().equals(c.folder()))).forEach(all::add);
            checkpoints.setAll(all);
            reportProblems(found);
        }, e -> {
            scanning.set(false);
            dialogs.showError("The checkpoints folder could not be scanned",
                    home.checkpoints() + ": " + e.getMessage());
        });
    }

    /** Reads a folder the user picked and adds it to the list (or updates it if listed). */
    public void open(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        tasks.run("Reading " + dir.getFileName(), () -> CheckpointScanner.open(dir), summary -> {
            opened.add(dir);
            checkpoints.removeIf(c -> c.folder().equals(dir));
            checkpoints.add(summary);
            reportProblems(List.of(summary));
        }, e -> dialogs.showError("This folder is not a checkpoint",
                e instanceof BadInputException ? e.getMessage() : dir + ": " + e));
    }

    private List<CheckpointSummary> scan(List<Path> extra) throws IOException {
        List<CheckpointSummary> found = new ArrayList<>(CheckpointScanner.scan(home.checkpoints()));
        for (Path dir : extra) {
            boolean listed = found.stream().anyMatch(c -> c.folder().equals(dir));
            if (!listed && Files.isDirectory(dir)) {
                found.add(CheckpointScanner.open(dir));
            }
        }
        return found;
    }

    private void reportProblems(List<CheckpointSummary> found) {
        List<String> fresh = found.stream().map(CheckpointSummary::problem)
                .filter(p -> p != null && reported.add(p)).toList();
        if (!fresh.isEmpty()) {
            dialogs.showError(fresh.size() == 1 ? "A checkpoint could not be read"
                    : fresh.size() + " checkpoints could not be read", String.join("\n\n", fresh));
        }
    }

    /** The checkpoints, sorted by name after a scan; opened folders follow. */
    public ObservableList<CheckpointSummary> checkpoints() {
        return checkpoints;
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    /** True when no checkpoint is listed. */
    public BooleanBinding emptyProperty() {
        return empty;
    }

    /** The folder scanned for checkpoints. */
    public Path checkpointsFolder() {
        return home.checkpoints();
    }

    /** The command that creates a first checkpoint where this page will find it. */
    public String initCommand() {
        return StarterCommands.init(home);
    }
}
