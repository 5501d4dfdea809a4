package org.nprworkbench.app.gui.runs;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import org.nprworkbench.app.gui.state.SelectionState;
import org.nprworkbench.app.service.RunsService;
import org.nprworkbench.app.service.DeviceChoice;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.CheckpointInfo;
import org.nprworkbench.trainer.store.EventInfo;
import org.nprworkbench.trainer.store.MetricSummary;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.trainer.store.RunSummary;
import org.nprworkbench.trainer.store.StageInfo;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.task.TaskRunner;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * The Runs page's state: every run in the data home's store with status, task, stages, start,
 * duration, best accuracy and final parallel rate (filterable), the selected run's page
 * ({@link RunPage}), and the actions on a run: rename, delete (after a question), open its charts,
 * overlay it, resume it. Opening, overlaying and resuming are the Training page's work: the window
 * hands them in as {@link Actions}. Store reads run on the task runner; use on the JavaFX thread.
 */
public final class RunsViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** What the Training page does for the run browser. */
    public interface Actions {
        /** Shows the run's charts on the Training page. */
        void open(String run);

        /** Draws the run on the Training page's charts beside the followed one. */
        void overlay(String run);

        /** Resumes the run in a child process. */
        void resume(String run);
    }

    /** Asks the user a yes/no question (the view shows a dialog; tests answer it). */
    @FunctionalInterface
    public interface Confirmation {
        boolean ask(String header, String message);
    }

    private final DataHome home;
    private final RunsService service;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final SelectionState selection;
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    private final FilteredList<RunRow> shown = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final StringProperty selected = new SimpleStringProperty(this, "selected");
    private final ReadOnlyObjectWrapper<RunPage> page = new ReadOnlyObjectWrapper<>(this, "page");
    private final ObjectProperty<Confirmation> confirmation = new SimpleObjectProperty<>(this, "confirmation", (h, m) -> false);
    private Actions actions;

    /** The page for {@code home}; slow work on {@code tasks}, errors to {@code dialogs}. */
    public RunsViewModel(DataHome home, TaskRunner tasks, DialogService dialogs, SelectionState selection) {
        this.home = home;
        this.service = new RunsService(home);
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.selection = selection;
        filter.addListener((o, was, is) -> {
            String f = is == null ? "" : is.trim().toLowerCase(Locale.ROOT);
            shown.setPredicate(f.isEmpty() ? null : r -> (r.name() + " " + r.status() + " " + r.task() + " " + r.stages())
                    .toLowerCase(Locale.ROOT).contains(f));
        });
        selected.addListener((o, was, is) -> loadPage(is));
    }

    /** Sets what open, overlay and resume do. */
    public void setActions(Actions actions) {
        this.actions = actions;
    }

    /** How deletion asks first. */
    public ObjectProperty<Confirmation> confirmationProperty() {
        return confirmation;
    }

    /** The runs that pass the filter (the view sorts them). */
    public ObservableList<RunRow> rows() {
        return shown;
    }

    /** Text a shown run's name, status, task or stages must contain. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The run whose page is shown, or null. */
    public StringProperty selectedProperty() {
        return selected;
    }

    /** The selected run's page, or null. */
    public ReadOnlyObjectProperty<RunPage> pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** Re-reads every run from the store. */
    public void refresh() {
        tasks.run("Reading runs", this::readRows, list -> {
            rows.setAll(list);
            if (selected.get() != null) {
                if (list.stream().anyMatch(r -> r.name().equals(selected.get()))) {
                    loadPage(selected.get());
                } else {
                    selected.set(null);
                }
            }
        }, e -> dialogs.showError("Cannot read the runs", TaskRunner.reason(e)
                + "\n\nIf another program holds the run database, close it and press Refresh (F5)."));
    }

    private List<RunRow> readRows() {
        if (!Files.exists(RunStore.fileOf(home))) {
            return List.of();
        }
        List<RunRow> out = new ArrayList<>();
        try (RunStore store = RunStore.open(home)) {
            for (RunSummary s : store.summaries()) {
                RunInfo r = s.run();
                Double parallel = store.metricSummaries(r.id()).stream()
                        .filter(m -> m.name().equals(MetricNames.NPR_PARALLEL_RATE)).map(MetricSummary::lastValue)
                        .findFirst().orElse(null);
                Double best = s.best() == null || s.best().name().equals(MetricNames.TRAIN_LOSS) ? null : s.best().value();
                Instant end = r.finished() != null ? r.finished() : r.updated();
                out.add(new RunRow(r.name(), r.status().label(), r.task() == null ? "" : r.task(),
                        r.stages().stream().map(StageKind::label).collect(Collectors.joining(",")), r.created(),
                        end == null || r.created() == null ? null : Duration.between(r.created(), end), best, parallel));
            }
        }
        out.sort(Comparator.comparing(RunRow::started, Comparator.nullsLast(Comparator.reverseOrder())));
        return out;
    }

    private void loadPage(String name) {
        if (name == null) {
            page.set(null);
            return;
        }
        selection.runProperty().set(name);
        tasks.run("Reading run " + name, () -> page(service.show(name)), p -> {
            if (name.equals(selected.get())) {
                page.set(p);
            }
        }, e -> dialogs.showError("Cannot read run " + name, TaskRunner.reason(e)));
    }

    /** The page of a run from what the store holds about it. */
    static RunPage page(RunsService.RunDetails d) {
        RunInfo r = d.run();
        String summary = r.status().label() + " \u00b7 task " + (r.task() == null ? "-" : r.task()) + " \u00b7 preset "
                + (r.preset() == null ? "-" : r.preset()) + " \u00b7 device " + (r.device() == null ? "unknown" : DeviceChoice.name(r.device()))
                + " \u00b7 created " + (r.created() == null ? "-" : TIME.format(r.created()));
        List<String[]> config = new ArrayList<>();
        try {
            for (Map.Entry<String, JsonElement> e : JsonParser.parseString(r.configJson()).getAsJsonObject().entrySet()) {
                config.add(new String[] {e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString()
                        : e.getValue().toString()});
            }
        } catch (RuntimeException e) {
            config.add(new String[] {"(unreadable)", r.configJson()});
        }
        List<String> stages = new ArrayList<>();
        for (StageInfo s : d.stages()) {
            stages.add(String.format(Locale.ROOT, "%-8s %-11s %s %s  %s%s%s", s.kind().label(), s.status().label(),
                    s.totalSteps() == null ? "?" : s.totalSteps().toString(),
                    s.totalSteps() != null && s.totalSteps() == 1 ? "step " : "steps",
                    s.started() == null ? "not started" : TIME.format(s.started()),
                    s.ended() == null ? "" : " \u2013 " + TIME.format(s.ended()),
                    s.message() == null ? "" : "  (" + s.message() + ")"));
        }
        Map<StageKind, CheckpointInfo> latest = new EnumMap<>(StageKind.class);
        for (CheckpointInfo c : d.checkpoints()) {
            CheckpointInfo was = latest.get(c.stage());
            if (was == null || c.step() >= was.step()) {
                latest.put(c.stage(), c);
            }
        }
        List<String> chain = new ArrayList<>();
        for (StageKind k : List.of(StageKind.SEED, StageKind.ZERO, StageKind.BETA, StageKind.PAPO)) {
            if (k == StageKind.BETA && (latest.containsKey(k) || r.stages().contains(k))) {
                chain.add("corpus");
            }
            if (latest.containsKey(k)) {
                chain.add(k.label() + " (step " + latest.get(k).step() + ")");
            } else if (r.stages().contains(k)) {
                chain.add(k.label() + " (none yet)");
            }
        }
        List<String> beside = new ArrayList<>();
        for (StageKind k : List.of(StageKind.SR_BETA, StageKind.SR)) {
            CheckpointInfo c = latest.get(k);
            if (c != null) {
                beside.add(k.label() + " (step " + c.step() + ") from " + parentName(c.parent()));
            } else if (r.stages().contains(k)) {
                beside.add(k.label() + " (none yet)");
            }
        }
        List<String> events = new ArrayList<>();
        for (EventInfo e : d.events()) {
            events.add(TIME.format(e.at()) + "  " + e.kind().label()
                    + (e.stage() == null ? "" : "  " + e.stage().label() + (e.step() == null ? "" : " step " + e.step()))
                    + "  " + e.message());
        }
        return new RunPage(r.name(), summary, config, stages, chain, beside, events);
    }

    /** A parent checkpoint in words: the stage folder's name ({@code runs/NAME/beta} is "beta"). */
    private static String parentName(String parent) {
        if (parent == null) {
            return "a fresh model";
        }
        String p = parent.replace('\\', '/');
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** Renames a run; the page and list follow. */
    public void rename(String from, String to) {
        String target = to == null ? "" : to.trim();
        tasks.run("Renaming run " + from, () -> {
            RunStore.requireValidName(target);
            service.rename(from, target);
            return target;
        }, t -> {
            if (from.equals(selected.get())) {
                selected.set(t);
            }
            refresh();
        }, e -> dialogs.showError("Cannot rename run " + from, TaskRunner.reason(e)
                + "\n\nUse letters, digits, '.', '_' and '-', and a name no other run has."));
    }

    /** Deletes a run's records after asking; its checkpoint folders stay on disk. */
    public void delete(String name) {
        tasks.run("Checking run " + name, () -> service.planDeletion(name), plan -> {
            String message = "Run " + name + " (" + plan.run().status().label() + "): " + plan.stages() + " stages, "
                    + plan.metricRows() + " metric rows and " + plan.checkpoints().size() + " checkpoint records are "
                    + "removed from the run database. Checkpoint folders stay on disk.";
            if (!confirmation.get().ask("Delete run " + name + "?", message)) {
                return;
            }
            tasks.run("Deleting run " + name, () -> service.delete(plan), kept -> {
                if (name.equals(selected.get())) {
                    selected.set(null);
                }
                if (name.equals(selection.runProperty().get())) {
                    selection.runProperty().set(null);
                }
                refresh();
            }, e -> dialogs.showError("Cannot delete run " + name, TaskRunner.reason(e)));
        }, e -> dialogs.showError("Cannot delete run " + name, TaskRunner.reason(e)));
    }

    /** Shows the run's charts on the Training page. */
    public void open(String name) {
        if (name != null && actions != null) {
            actions.open(name);
        }
    }

    /** Draws the run on the Training page's charts. */
    public void overlay(String name) {
        if (name != null && actions != null) {
            actions.overlay(name);
        }
    }

    /** Resumes a stopped, failed or interrupted run. */
    public void resume(String name) {
        if (name == null || actions == null) {
            return;
        }
        RunRow row = rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        if (row != null && (row.status().equals(RunStatus.FINISHED.label()) || row.status().equals(RunStatus.RUNNING.label()))) {
            dialogs.showInformation("Run " + name + " is " + row.status(),
                    "Only a stopped, failed or interrupted run can be resumed.");
            return;
        }
        actions.resume(name);
    }

}
