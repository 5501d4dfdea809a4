package org.nprworkbench.app.gui.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.nprworkbench.app.gui.checkpoint.CheckpointScanner;
import org.nprworkbench.app.service.CheckpointCatalogue;
import org.nprworkbench.app.gui.checkpoint.CheckpointSummary;
import org.nprworkbench.app.gui.environment.StarterCommands;
import org.nprworkbench.app.gui.state.SelectionState;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.task.TaskRunner;

/**
 * The Models page's state: the checkpoints found under the data home's checkpoints folder, the
 * checkpoint catalogue's (the runs' checkpoints and the registered folders, under their catalogue
 * names), and the folders the user opened this session, each with whether it would load and, if not, why. All
 * reading runs on the {@link TaskRunner}; each new problem is also reported once through the
 * {@link DialogService}. The selected row is the shared {@link SelectionState}'s checkpoint.
 */
public final class ModelsViewModel {
    private final DataHome home;
    private final CheckpointCatalogue catalogue;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final SelectionState selection;
    private final ObservableList<CheckpointRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning");
    private final ReadOnlyObjectWrapper<CheckpointRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final BooleanBinding empty = Bindings.isEmpty(rows);
    private final StringBinding hint = Bindings.createStringBinding(this::hint, rows);
    private final Set<Path> opened = new LinkedHashSet<>();
    private final Set<String> reported = new HashSet<>();

    /** The page for {@code home}; nothing is read until {@link #refresh()} or {@link #open(Path)}. */
    public ModelsViewModel(DataHome home, TaskRunner tasks, DialogService dialogs, SelectionState selection) {
        this.home = home;
        this.catalogue = new CheckpointCatalogue(home);
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.selection = selection;
        selection.checkpointProperty().addListener((obs, was, now) -> selected.set(rowOf(now).orElse(null)));
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
            rows.stream().map(CheckpointRow::checkpoint)
                    .filter(c -> opened.contains(c.folder()) && !extra.contains(c.folder())
                            && all.stream().noneMatch(f -> f.folder().equals(c.folder())))
                    .forEach(all::add);
            replaceRows(all);
            reportProblems(found);
        }, e -> {
            scanning.set(false);
            dialogs.showError("The checkpoints folder could not be scanned",
                    home.checkpoints() + ": " + e.getMessage());
        });
    }

    /** Reads a folder the user picked, adds it to the list (or updates it if listed) and selects it. */
    public void open(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        tasks.run("Reading " + dir.getFileName(), () -> CheckpointScanner.open(dir), summary -> {
            opened.add(dir);
            List<CheckpointSummary> all = new ArrayList<>(rows.stream().map(CheckpointRow::checkpoint)
                    .filter(c -> !c.folder().equals(dir)).toList());
            all.add(summary);
            replaceRows(all);
            selection.checkpointProperty().set(summary);
            reportProblems(List.of(summary));
        }, e -> dialogs.showError("This folder is not a checkpoint",
                e instanceof BadInputException ? e.getMessage() : dir + ": " + e));
    }

    /**
     * Opens a checkpoint by a folder path or a catalogue name ({@code RUN/STAGE}, {@code RUN/STAGE@STEP},
     * a registered name), as {@code --checkpoint} does; an unknown name is reported with close matches.
     */
    public void open(String folderOrName) {
        tasks.run("Finding " + folderOrName, () -> catalogue.resolve(folderOrName), (Path folder) -> open(folder),
                e -> dialogs.showError("No such checkpoint",
                        e instanceof BadInputException ? e.getMessage() : folderOrName + ": " + e));
    }

    /** Makes {@code row}'s checkpoint the selected one (null clears the selection). */
    public void select(CheckpointRow row) {
        selection.checkpointProperty().set(row == null ? null : row.checkpoint());
    }

    /**
     * Shows {@code found} in place of the current rows. A selected checkpoint that is listed again is
     * selected again with its fresh summary (it may have become broken); one that has gone is
     * unselected; a selection made elsewhere, of a folder this page never listed, is left alone.
     */
    private void replaceRows(List<CheckpointSummary> found) {
        CheckpointSummary before = selection.checkpointProperty().get();
        boolean wasListed = before != null && rowOf(before).isPresent();
        rows.setAll(found.stream().map(CheckpointRow::of).toList());
        if (before != null) {
            Optional<CheckpointRow> again = rowOf(before);
            if (again.isPresent()) {
                selection.checkpointProperty().set(again.get().checkpoint());
            } else if (wasListed) {
                selection.checkpointProperty().set(null);
            }
        }
        selected.set(rowOf(selection.checkpointProperty().get()).orElse(null));
    }

    private Optional<CheckpointRow> rowOf(CheckpointSummary c) {
        return c == null ? Optional.empty()
                : rows.stream().filter(r -> r.checkpoint().folder().equals(c.folder())).findFirst();
    }

    private List<CheckpointSummary> scan(List<Path> extra) throws IOException {
        List<CheckpointSummary> found = new ArrayList<>(CheckpointScanner.scan(home.checkpoints()));
        for (CheckpointCatalogue.Entry e : catalogue.entries()) {
            if (found.stream().noneMatch(c -> c.folder().toAbsolutePath().normalize().equals(e.folder()))) {
                found.add(CheckpointScanner.read(e.folder(), e.name()));
            }
        }
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

    /**
     * The table's rows: the checkpoints folder's sorted by name, then the catalogue's in its order;
     * opened folders follow.
     */
    public ObservableList<CheckpointRow> rows() {
        return rows;
    }

    /** The row of the selected checkpoint, or null when the selection is not on this page. */
    public ReadOnlyObjectProperty<CheckpointRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /**
     * What the details say while no checkpoint is selected: how many listed checkpoints would not load,
     * if any, and to select one to see why.
     */
    public StringBinding hintProperty() {
        return hint;
    }

    private String hint() {
        long broken = rows.stream().filter(CheckpointRow::broken).count();
        if (broken == 0) {
            return "Select a checkpoint to see its folder and whether it loads.";
        }
        return (broken == rows.size() ? (broken == 1 ? "The checkpoint" : "All " + broken + " checkpoints")
                : broken + " of " + rows.size() + " checkpoints") + (broken == 1 ? " does" : " do")
                + " not load: select " + (broken == 1 ? "it" : "one") + " to see what failed when reading it.";
    }

    /** True while a scan runs. */
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
