package org.nprworkbench.app.gui.training;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;
import javafx.util.Duration;

import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.section.SectionPage;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.visualizer.dashboard.MetricsDashboard;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.snippet.CommandSnippet;
import org.nprworkbench.visualizer.table.ValueColumn;
import org.nprworkbench.visualizer.task.TaskRunner;

/**
 * The Training page: the New-run form on the left; on the right the followed run (status, progress
 * bars with ETA, device, timing split, reproducing command, overlays), the live metrics dashboard and
 * the latest rollouts with the selected response, its tags highlighted. Reads the store once a second
 * through {@link TrainingViewModel#poll()}.
 */
public final class TrainingView {
    /** The New-run form's width when it opens, in pixels. */
    private static final double FORM_WIDTH = 400;

    /** How often the page reads the run store. */
    public static final Duration POLL_INTERVAL = Duration.seconds(1);
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z]+>");

    private final TrainingViewModel vm;
    private final MetricsDashboard dashboard;
    private final SectionPage page;

    private TrainingView(TrainingViewModel vm, TaskRunner tasks, DialogService dialogs) {
        this.vm = vm;
        this.dashboard = new MetricsDashboard(vm.dashboard(), tasks, dialogs);

        Button newRun = SectionPage.action("New run", "training-new", vm::newRun, "Fresh form: the preset's defaults and a new name (Ctrl+N)");
        javafx.scene.control.ToggleButton showForm = new javafx.scene.control.ToggleButton("Form");
        showForm.setId("training-show-form");
        showForm.setTooltip(new Tooltip("Show or hide the New-run form"));
        showForm.selectedProperty().bindBidirectional(vm.formShownProperty());
        Button start = SectionPage.action("Start", "training-start", vm::start, "Start the form's run in its own process (Ctrl+Enter)");
        start.getStyleClass().add("accent");
        Button stop = SectionPage.action("Stop", "training-stop", vm::stop, "Stop the followed run; it can be resumed");
        stop.disableProperty().bind(vm.canStopProperty().not());
        Button resume = SectionPage.action("Resume", "training-resume", vm::resume, "Continue the followed run from its last checkpoint");
        resume.disableProperty().bind(vm.canResumeProperty().not());

        SplitPane rightSplit = new SplitPane(dashboard, rolloutsPane());
        rightSplit.setOrientation(Orientation.VERTICAL);
        rightSplit.setDividerPositions(0.62);
        VBox right = new VBox(runPane(), rightSplit);
        VBox.setVgrow(rightSplit, Priority.ALWAYS);
        right.getStyleClass().add("training-right");

        ScrollPane form = new ScrollPane(formPane());
        form.setFitToWidth(true);
        form.getStyleClass().add("page-scroll");
        form.setMinWidth(360);
        form.setPrefWidth(FORM_WIDTH);
        SplitPane split = new SplitPane(right);
        SplitPane.setResizableWithParent(form, false);
        split.setId("training-split");
        Runnable placeForm = () -> {
            if (vm.formShownProperty().get() && !split.getItems().contains(form)) {
                split.getItems().add(0, form);
                split.setDividerPositions(split.getWidth() > FORM_WIDTH * 2 ? FORM_WIDTH / split.getWidth() : 0.36);
            } else if (!vm.formShownProperty().get()) {
                split.getItems().remove(form);
            }
        };
        vm.formShownProperty().addListener((o, was, is) -> placeForm.run());
        placeForm.run();
        page = new SectionPage(Section.TRAINING, split, showForm, newRun, start, stop, resume);

        Timeline timer = new Timeline();
        timer.getKeyFrames().add(new KeyFrame(POLL_INTERVAL, e -> {
            javafx.stage.Window w = page.getScene() == null ? null : page.getScene().getWindow();
            if (w != null && !w.isShowing()) {
                timer.stop(); // the window has closed
            } else {
                vm.poll();
            }
        }));
        timer.setCycleCount(Timeline.INDEFINITE);
        page.sceneProperty().addListener((o, was, is) -> {
            if (is == null) {
                timer.stop();
            } else {
                timer.play();
            }
        });
    }

    /** The page for {@code vm}; chart exports run on {@code tasks} and report errors to {@code dialogs}. */
    public static TrainingView create(TrainingViewModel vm, TaskRunner tasks, DialogService dialogs) {
        return new TrainingView(vm, tasks, dialogs);
    }

    /** The page node. */
    public SectionPage page() {
        return page;
    }

    /** The live dashboard. */
    public MetricsDashboard dashboard() {
        return dashboard;
    }

    // ------------------------------------------------------------------------------------------

    private Node formPane() {
        Label heading = heading("New run");
        ComboBox<String> task = new ComboBox<>(vm.taskNames());
        task.setId("training-task");
        task.valueProperty().bindBidirectional(vm.taskProperty());
        task.setMaxWidth(Double.MAX_VALUE);
        ChoiceBox<String> preset = new ChoiceBox<>();
        preset.getItems().setAll(vm.presets());
        preset.setId("training-preset");
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        preset.setMaxWidth(Double.MAX_VALUE);
        TextField file = new TextField();
        file.setId("training-benchmark");
        file.setEditable(false);
        file.setPromptText("no file chosen");
        file.textProperty().bind(Bindings.createStringBinding(() -> vm.benchmarkProperty().get() == null ? ""
                : vm.benchmarkProperty().get().toString(), vm.benchmarkProperty()));
        file.setTooltip(new Tooltip("The benchmark file to train on (JSON Lines or a JSON array, as npr eval --benchmark "
                + "reads it): its problems are split by the seed into train, validation and test problems"));
        Button choose = new Button("Choose\u2026");
        choose.setId("training-benchmark-choose");
        choose.setOnAction(e -> chooseBenchmark(choose));
        HBox fileRow = new HBox(6, file, choose);
        HBox.setHgrow(file, Priority.ALWAYS);
        Label fileKey = key("File");
        for (Node n : new Node[] {fileKey, fileRow}) {
            n.visibleProperty().bind(vm.benchmarkChosenProperty());
            n.managedProperty().bind(vm.benchmarkChosenProperty());
        }
        TextField name = new TextField();
        name.setId("training-run-name");
        name.textProperty().bindBidirectional(vm.runNameProperty());

        FlowPane stages = new FlowPane(10, 6);
        stages.setPrefWrapLength(260);
        stages.setId("training-stages");
        for (StageKind k : StageKind.values()) {
            CheckBox box = new CheckBox(k.label());
            box.setId("training-stage-" + k.label());
            box.selectedProperty().bindBidirectional(vm.stageProperty(k));
            stages.getChildren().add(box);
        }

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, key("Task"), task);
        grid.addRow(1, fileKey, fileRow);
        grid.addRow(2, key("Preset"), preset);
        grid.addRow(3, key("Run name"), name);
        GridPane.setHgrow(task, Priority.ALWAYS);
        GridPane.setHgrow(name, Priority.ALWAYS);

        Label error = new Label();
        error.setId("training-form-error");
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.formErrorProperty());
        error.visibleProperty().bind(vm.formErrorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        Node command = commandBox("training-form-command", vm.formCommandProperty());

        VBox box = new VBox(10, heading, grid, key("Stages (in pipeline order)"), stages,
                note("Hyper-parameters (changed values in bold; edit a value, Enter to keep it)"), paramTable(), error,
                key("Command line"), command);
        box.getStyleClass().add("training-form");
        box.setPadding(new Insets(12));
        return box;
    }

    /** Asks for the benchmark file to train on, starting where the chosen one is. */
    private void chooseBenchmark(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Benchmark file to train on");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Benchmark files (*.jsonl, *.json)",
                "*.jsonl", "*.json"), new FileChooser.ExtensionFilter("All files", "*"));
        java.nio.file.Path was = vm.benchmarkProperty().get();
        if (was != null && was.toAbsolutePath().getParent() != null
                && java.nio.file.Files.isDirectory(was.toAbsolutePath().getParent())) {
            chooser.setInitialDirectory(was.toAbsolutePath().getParent().toFile());
        }
        java.io.File f = chooser.showOpenDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        if (f != null) {
            vm.benchmarkProperty().set(f.toPath().toAbsolutePath());
        }
    }

    private TableView<ParamRow> paramTable() {
        TableView<ParamRow> table = new TableView<>(vm.params());
        table.setId("training-params");
        table.setEditable(true);
        table.setPrefHeight(330);
        table.setPrefWidth(FORM_WIDTH - 40); // the columns share the form's width rather than widen it
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ParamRow, String> key = new TableColumn<>("Parameter");
        key.setCellValueFactory(c -> Bindings.createStringBinding(() -> c.getValue().key()));
        key.setEditable(false);
        TableColumn<ParamRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> c.getValue().valueProperty());
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setEditable(true);
        TableColumn<ParamRow, String> def = new TableColumn<>("Preset");
        def.setCellValueFactory(c -> c.getValue().defaultValueProperty());
        def.setEditable(false);
        table.getColumns().addAll(java.util.List.of(key, value, def));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ParamRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("param-changed", "param-invalid");
                setTooltip(null);
                if (!empty && row != null) {
                    if (row.errorProperty().get() != null) {
                        getStyleClass().add("param-invalid");
                        setTooltip(new Tooltip(row.errorProperty().get()));
                    } else {
                        if (row.changedProperty().get()) {
                            getStyleClass().add("param-changed");
                        }
                        setTooltip(new Tooltip(row.help()));
                    }
                }
            }
        });
        for (ParamRow row : vm.params()) {
            row.valueProperty().addListener((o, was, is) -> table.refresh());
        }
        return table;
    }

    private Node runPane() {
        ComboBox<String> follow = new ComboBox<>(vm.storeRuns());
        follow.setId("training-follow");
        follow.setPromptText("Follow a run");
        follow.setPrefWidth(220);
        follow.valueProperty().addListener((o, was, is) -> {
            if (is != null) {
                vm.watch(is);
            }
        });
        vm.watchedProperty().addListener((o, was, is) -> follow.setValue(is));
        ComboBox<String> overlay = new ComboBox<>(vm.storeRuns());
        overlay.setId("training-overlay-choice");
        overlay.setPromptText("Overlay a run");
        overlay.setPrefWidth(200);
        Button add = SectionPage.action("Overlay", "training-overlay", () -> vm.overlay(overlay.getValue()),
                "Draw this run on the charts beside the followed one");
        Label overlays = new Label();
        overlays.setId("training-overlays");
        overlays.getStyleClass().add("muted");
        overlays.textProperty().bind(Bindings.createStringBinding(() -> vm.overlays().isEmpty() ? ""
                : "Overlaid: " + String.join(", ", vm.overlays()), vm.overlays()));
        Button clear = SectionPage.action("Clear overlays", "training-clear-overlays",
                () -> java.util.List.copyOf(vm.overlays()).forEach(vm::removeOverlay), "Take every overlaid run off the charts");
        clear.visibleProperty().bind(Bindings.isNotEmpty(vm.overlays()));
        HBox choose = new HBox(8, key("Run"), follow, key("Compare"), overlay, add, overlays, clear);
        choose.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("training-status");
        status.getStyleClass().add("training-status");
        status.textProperty().bind(vm.statusTextProperty());
        ProgressBar whole = new ProgressBar();
        whole.setId("training-progress");
        whole.setPrefWidth(260);
        whole.progressProperty().bind(vm.progressProperty());
        Label wholeText = new Label();
        wholeText.setId("training-progress-text");
        wholeText.textProperty().bind(vm.progressTextProperty());
        HBox summary = new HBox(10, status, whole, wholeText);
        summary.setAlignment(Pos.CENTER_LEFT);

        FlowPane stageBars = new FlowPane(14, 4);
        stageBars.setId("training-stage-progress");
        vm.stageProgress().addListener((ListChangeListener<StageProgress>) c -> {
            stageBars.getChildren().clear();
            for (StageProgress s : vm.stageProgress()) {
                ProgressBar bar = new ProgressBar(s.fraction());
                bar.setPrefWidth(90);
                bar.getStyleClass().add("stage-" + s.status());
                Label l = new Label(s.stage() + " " + s.step() + "/" + (s.total() == null ? "?" : s.total())
                        + (s.eta().isEmpty() ? "" : " \u00b7 " + s.eta()));
                l.getStyleClass().add("stage-progress-label");
                HBox cell = new HBox(4, bar, l);
                cell.setAlignment(Pos.CENTER_LEFT);
                Tooltip.install(cell, new Tooltip("stage " + s.stage() + ": " + s.status()));
                stageBars.getChildren().add(cell);
            }
        });

        Label device = new Label();
        device.setId("training-device");
        device.textProperty().bind(Bindings.concat("Device: ", vm.deviceProperty()));
        Label timing = new Label();
        timing.setId("training-timing");
        timing.textProperty().bind(Bindings.concat("Latest step: ", vm.timingProperty()));
        HBox facts = new HBox(18, device, timing);
        facts.getStyleClass().add("muted");

        Node command = commandBox("training-run-command", vm.runCommandProperty());
        command.visibleProperty().bind(vm.runCommandProperty().isNotEmpty());
        command.managedProperty().bind(command.visibleProperty());

        VBox box = new VBox(6, choose, summary, stageBars, facts, command);
        box.getStyleClass().add("training-run");
        box.setPadding(new Insets(8, 12, 8, 12));
        return box;
    }

    private Node rolloutsPane() {
        TextField filter = new TextField();
        filter.setId("rollouts-filter");
        filter.setPromptText("Filter by stage, step, problem or text");
        filter.textProperty().bindBidirectional(vm.rolloutFilterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        HBox top = new HBox(8, heading("Latest rollouts"), filter);
        top.setAlignment(Pos.CENTER_LEFT);

        TableView<RolloutItem> table = new TableView<>(vm.rollouts());
        table.setId("rollouts-table");
        table.setPlaceholder(new Label("No rollouts recorded yet: RL stages record a few per step."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(java.util.List.of(
                ValueColumn.text("Stage", RolloutItem::stage, 62),
                ValueColumn.of("Step", RolloutItem::step, String::valueOf, 56),
                ValueColumn.text("Kind", RolloutItem::kind, 70),
                ValueColumn.text("Problem", i -> i.problem() + " #" + i.sample(), 110),
                ValueColumn.decimal("Reward", RolloutItem::reward, 2, 74),
                ValueColumn.of("Correct", RolloutItem::correct, c -> c ? "yes" : "no", 74),
                ValueColumn.decimal("Format", RolloutItem::formatScore, 2, 70),
                ValueColumn.of("Branches", RolloutItem::branches, String::valueOf, 86),
                ValueColumn.of("T", RolloutItem::tokens, String::valueOf, 48),
                ValueColumn.of("C", RolloutItem::criticalPath, String::valueOf, 48),
                ValueColumn.decimal("T/C", RolloutItem::tOverC, 2, 56)));
        table.getColumns().forEach(c -> c.setSortable(false)); // newest first, a prompt's samples together
        table.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> vm.selectedRolloutProperty().set(is));
        vm.selectedRolloutProperty().addListener((o, was, is) -> {
            if (table.getSelectionModel().getSelectedItem() != is) {
                table.getSelectionModel().select(is);
            }
        });
        VBox left = new VBox(6, top, table);
        VBox.setVgrow(table, Priority.ALWAYS);

        TextFlow response = new TextFlow();
        response.setId("rollout-response");
        response.getStyleClass().add("rollout-response");
        response.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(response);
        scroll.setFitToWidth(true);
        vm.selectedRolloutProperty().addListener((o, was, is) -> highlight(response, is));
        highlight(response, null);
        SplitPane split = new SplitPane(left, scroll);
        split.setDividerPositions(0.78); // the table needs about 780 px for every column title
        split.setId("rollouts-pane");
        split.setPadding(new Insets(6, 12, 8, 12));
        return split;
    }

    /** Writes a response into {@code flow} with its NPR tags in their own style. */
    static void highlight(TextFlow flow, RolloutItem item) {
        flow.getChildren().clear();
        if (item == null) {
            Text hint = new Text("Select a rollout to read its response here.");
            hint.getStyleClass().add("response-hint");
            flow.getChildren().add(hint);
            return;
        }
        String text = item.response() == null ? "" : item.response();
        Matcher m = TAG.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                flow.getChildren().add(styled(text.substring(at, m.start()), "response-text"));
            }
            String tag = m.group();
            Text t = styled(tag, "response-tag");
            t.getStyleClass().add("tag-" + tag.replaceAll("[</>]", "").toLowerCase(Locale.ROOT));
            flow.getChildren().add(t);
            at = m.end();
        }
        if (at < text.length()) {
            flow.getChildren().add(styled(text.substring(at), "response-text"));
        }
    }

    private static Text styled(String s, String style) {
        Text t = new Text(s);
        t.getStyleClass().add(style);
        return t;
    }



    /** A copyable command that follows {@code text} (a snippet is rebuilt when it changes). */
    private static Node commandBox(String id, javafx.beans.value.ObservableStringValue text) {
        javafx.scene.layout.StackPane box = new javafx.scene.layout.StackPane();
        box.setId(id);
        Runnable show = () -> box.getChildren().setAll(new CommandSnippet(text.get() == null ? "" : text.get()));
        text.addListener((o, was, is) -> show.run());
        show.run();
        return box;
    }


    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("card-title");
        return l;
    }

    /** A form label that wraps to the form's width instead of widening it. */
    private static Label note(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("fact-key");
        l.setWrapText(true);
        l.setMinWidth(0);
        return l;
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("fact-key");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
