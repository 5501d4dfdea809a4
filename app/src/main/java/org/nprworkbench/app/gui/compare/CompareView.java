package org.nprworkbench.app.gui.compare;

import java.awt.image.BufferedImage;
import java.io.File;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.section.SectionPage;
import org.nprworkbench.visualizer.emptystate.EmptyState;
import org.nprworkbench.visualizer.graph.ExecutionGraphView;

/**
 * The Compare page: the checkpoints and problem set above; the metrics table (differences from the
 * first checkpoint green when better, red when worse) beside the filtered per-problem list; below,
 * the selected problem's answers of checkpoints A and B side by side (graph, correctness, text with
 * synchronised scrolling). Binds to a {@link CompareViewModel} and only draws.
 */
public final class CompareView {
    private CompareView() {
    }

    /** The page for {@code vm}. */
    public static SectionPage create(CompareViewModel vm) {
        Side left = new Side("compare-a");
        Side right = new Side("compare-b");
        left.text.vvalueProperty().bindBidirectional(right.text.vvalueProperty());

        SplitPane answers = new SplitPane(left.box, right.box);
        answers.setId("compare-answers");
        SplitPane top = new SplitPane(metricsTable(vm), problemList(vm));
        top.setDividerPositions(0.5);
        SplitPane results = new SplitPane(top, answers);
        results.setOrientation(Orientation.VERTICAL);
        results.setDividerPositions(0.42);
        results.visibleProperty().bind(vm.hasResultProperty());

        EmptyState empty = new EmptyState("Nothing compared yet",
                "Add two or more checkpoints (catalogue names such as demo/seed, or folders), choose the problems, "
                        + "and press Compare: every checkpoint answers the same problems with the same seeds. "
                        + "No checkpoint yet? Teach the tiny model the NPR format with seed SFT: "
                        + "./npr train seed --run demo (about 6 minutes on 2 cores), then compare demo/seed against "
                        + "a checkpoint trained further, or two seeds' runs.");
        empty.setId("compare-empty");
        empty.visibleProperty().bind(vm.hasResultProperty().not());
        StackPane centre = new StackPane(results, empty);

        BorderPane body = new BorderPane(centre);
        body.setTop(form(vm));

        Runnable showSelected = () -> {
            ComparedProblem p = vm.selectedProperty().get();
            List<String> cols = vm.columns();
            int a = vm.aProperty().get();
            int b = vm.bProperty().get();
            left.show(p == null || a >= cols.size() ? null : cols.get(a), p == null ? null : p.answer(a), "A");
            right.show(p == null || b >= cols.size() ? null : cols.get(b), p == null ? null : p.answer(b), "B");
        };
        vm.selectedProperty().addListener((o, was, now) -> showSelected.run());
        vm.aProperty().addListener((o, was, now) -> showSelected.run());
        vm.bProperty().addListener((o, was, now) -> showSelected.run());

        Button quick = new Button("NPR vs SR");
        quick.setId("compare-quickstart");
        quick.setTooltip(new Tooltip("Compare quickstart/npr against quickstart/sr on the problems below"));
        quick.visibleProperty().bind(vm.quickstartProperty());
        quick.managedProperty().bind(quick.visibleProperty());
        quick.disableProperty().bind(vm.busyProperty());
        quick.setOnAction(e -> vm.compareQuickstart());
        Button csv = new Button("Export CSV\u2026");
        csv.setId("compare-export-csv");
        csv.disableProperty().bind(vm.hasResultProperty().not());
        csv.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export the comparison as CSV");
            chooser.setInitialFileName("comparison.csv");
            File f = chooser.showSaveDialog(window(body));
            if (f != null) {
                vm.exportCsv(f.toPath());
            }
        });
        Button png = new Button("Export graphs\u2026");
        png.setId("compare-export-png");
        png.disableProperty().bind(vm.selectedProperty().isNull());
        png.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export the two graphs as PNG (NAME-A.png, NAME-B.png)");
            chooser.setInitialFileName("graphs.png");
            File f = chooser.showSaveDialog(window(body));
            if (f != null) {
                vm.exportGraphs(capture(left.graph), capture(right.graph), f.toPath());
            }
        });
        return new SectionPage(Section.COMPARE, body, quick, csv, png);
    }

    /**
     * A banner for another page (the Overview) offering the one-click comparison of the shipped NPR
     * and SR checkpoints; shown only while the catalogue has both. {@code show} brings the Compare page up.
     */
    public static Node quickstartBanner(CompareViewModel vm, Runnable show) {
        Label text = new Label("The shipped checkpoints are here: compare " + CompareViewModel.QUICKSTART_NPR
                + " (native parallel reasoning) with " + CompareViewModel.QUICKSTART_SR
                + " (the sequential baseline) on the same problems: accuracy, parallel rate, T/C and speed.");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button go = new Button("Compare NPR vs SR");
        go.setId("overview-compare-quickstart");
        go.getStyleClass().add("accent");
        go.setMinWidth(Region.USE_PREF_SIZE);
        go.disableProperty().bind(vm.busyProperty());
        go.setOnAction(e -> {
            show.run();
            vm.compareQuickstart();
        });
        HBox banner = new HBox(12, text, go);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setStyle("-fx-padding: 10 14 10 14; -fx-background-color: #e8f1fd; -fx-background-radius: 6;");
        banner.visibleProperty().bind(vm.quickstartProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /** The graph view as drawn now. */
    public static BufferedImage capture(ExecutionGraphView view) {
        return SwingFXUtils.fromFXImage(view.snapshot(null, null), null);
    }

    private static VBox form(CompareViewModel vm) {
        ComboBox<String> pick = new ComboBox<>(vm.catalogueNames());
        pick.setId("compare-pick");
        pick.setEditable(true);
        pick.setPromptText("Catalogue name or folder");
        pick.setPrefWidth(220);
        Button add = new Button("Add");
        add.setId("compare-add");
        add.setOnAction(e -> {
            vm.add(pick.getEditor().getText() != null && !pick.getEditor().getText().isBlank()
                    ? pick.getEditor().getText() : pick.getValue());
            pick.setValue(null);
            pick.getEditor().clear();
        });
        Button folder = new Button("Folder\u2026");
        folder.setId("compare-folder");
        folder.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Checkpoint folder to compare");
            File dir = chooser.showDialog(window(folder));
            if (dir != null) {
                vm.add(dir.getAbsolutePath());
            }
        });
        FlowPane chips = new FlowPane(6, 4);
        chips.setId("compare-chosen");
        Runnable redraw = () -> {
            chips.getChildren().clear();
            for (int i = 0; i < vm.chosen().size(); i++) {
                String c = vm.chosen().get(i);
                Label name = new Label((i == 0 ? "1 (reference): " : (i + 1) + ": ") + shortName(c));
                name.setTooltip(new Tooltip(c));
                Button remove = new Button("\u00d7");
                remove.getStyleClass().add("chip-remove");
                remove.setOnAction(e -> vm.chosen().remove(c));
                HBox chip = new HBox(4, name, remove);
                chip.setAlignment(Pos.CENTER_LEFT);
                chip.setStyle("-fx-background-color: #e8eef7; -fx-background-radius: 10; -fx-padding: 1 4 1 8;");
                chips.getChildren().add(chip);
            }
        };
        vm.chosen().addListener((javafx.collections.ListChangeListener<String>) c -> redraw.run());
        redraw.run();
        HBox.setHgrow(chips, Priority.ALWAYS);

        ComboBox<String> task = new ComboBox<>(vm.taskNames());
        task.setId("compare-task");
        task.valueProperty().bindBidirectional(vm.taskProperty());
        task.setPrefWidth(130);
        ChoiceBox<String> split = new ChoiceBox<>();
        split.getItems().setAll("train", "val", "test");
        split.valueProperty().bindBidirectional(vm.splitProperty());
        split.setPrefWidth(70);
        Button bench = new Button();
        bench.setId("compare-benchmark");
        bench.textProperty().bind(Bindings.createStringBinding(() -> vm.benchmarkProperty().get() == null
                ? "Benchmark file\u2026" : vm.benchmarkProperty().get().getFileName().toString(), vm.benchmarkProperty()));
        bench.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Benchmark file (JSON Lines, JSON or CSV)");
            File f = chooser.showOpenDialog(window(bench));
            vm.benchmarkProperty().set(f == null ? null : f.toPath());
        });
        bench.setTooltip(new Tooltip("Compare on a benchmark file instead of a task family (cancel the dialog to go back to the family)"));
        task.disableProperty().bind(vm.benchmarkProperty().isNotNull());
        split.disableProperty().bind(vm.benchmarkProperty().isNotNull());

        javafx.scene.control.TextField knobs = new javafx.scene.control.TextField();
        knobs.setId("compare-knobs");
        knobs.setPromptText("knobs, e.g. items=5");
        knobs.setPrefColumnCount(10);
        knobs.textProperty().bindBidirectional(vm.knobsProperty());
        knobs.setTooltip(new Tooltip("Task knobs over the difficulty level's (npr problems list), e.g. items=5,digits=3"));
        knobs.disableProperty().bind(vm.benchmarkProperty().isNotNull());
        Spinner<Integer> n = intSpinner("compare-n", 1, 10_000, vm.nProperty());
        Spinner<Integer> k = intSpinner("compare-k", 1, 64, vm.kProperty());
        Spinner<Integer> tokens = intSpinner("compare-max-tokens", 16, 32_768, vm.maxTokensProperty());
        tokens.setPrefWidth(84);
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) vm.seedProperty().get());
        seed.setId("compare-seed");
        seed.setEditable(true);
        seed.setPrefWidth(80);
        seed.valueProperty().addListener((o, was, now) -> vm.seedProperty().set(now));
        ChoiceBox<String> engine = new ChoiceBox<>();
        engine.setId("compare-engine");
        engine.getItems().setAll("auto", "parallel", "sequential");
        engine.valueProperty().bindBidirectional(vm.engineProperty());
        engine.setTooltip(new Tooltip("auto: parallel for beta and papo checkpoints, else sequential"));
        engine.setPrefWidth(100);

        Button run = new Button("Compare");
        run.setId("compare-run");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(vm.busyProperty().or(Bindings.size(vm.chosen()).lessThan(2)));
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("compare-cancel");
        cancel.disableProperty().bind(vm.busyProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar progress = new ProgressBar();
        progress.setId("compare-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(120);
        Label status = new Label();
        status.setId("compare-status");
        status.textProperty().bind(vm.statusProperty());

        HBox which = new HBox(6, label("Checkpoints"), pick, add, folder, chips);
        which.setAlignment(Pos.CENTER_LEFT);
        FlowPane what = new FlowPane(6, 6, label("Problems"), task, split, knobs, bench, label("n"), n, label("Samples"), k,
                label("Engine"), engine, label("Max tokens"), tokens, label("Seed"), seed, run, cancel, progress, status);
        what.setAlignment(Pos.CENTER_LEFT);
        for (javafx.scene.layout.Pane row : List.of(which, what)) {
            row.getChildren().stream().filter(x -> x instanceof javafx.scene.control.Control && x != chips)
                    .forEach(x -> ((Region) x).setMinWidth(Region.USE_PREF_SIZE));
        }
        chips.setMinWidth(0);
        chips.setPrefWrapLength(600);
        VBox form = new VBox(6, which, what);
        form.setStyle("-fx-padding: 8 16 8 16;");
        return form;
    }

    private static Spinner<Integer> intSpinner(String id, int min, int max, javafx.beans.property.IntegerProperty p) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get());
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(78);
        s.valueProperty().addListener((o, was, now) -> p.set(now));
        p.addListener((o, was, now) -> s.getValueFactory().setValue(now.intValue()));
        return s;
    }

    private static Node metricsTable(CompareViewModel vm) {
        TableView<MetricRow> table = new TableView<>(vm.metrics());
        table.setId("compare-metrics");
        table.setFixedCellSize(25);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        Runnable columns = () -> {
            table.getColumns().clear();
            TableColumn<MetricRow, String> name = new TableColumn<>("Metric");
            name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
            name.setMinWidth(150);
            table.getColumns().add(name);
            for (int i = 0; i < vm.columns().size(); i++) {
                int col = i;
                TableColumn<MetricRow, MetricRow> c = new TableColumn<>(shortName(vm.columns().get(i)));
                c.setMinWidth(90);
                c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue()));
                c.setCellFactory(x -> new TableCell<>() {
                    @Override
                    protected void updateItem(MetricRow row, boolean empty) {
                        super.updateItem(row, empty);
                        getStyleClass().removeAll("metric-better", "metric-worse");
                        if (empty || row == null) {
                            setText(null);
                            setStyle("");
                            return;
                        }
                        setText(row.texts().get(col));
                        int change = row.changes().get(col);
                        setStyle(change > 0 ? "-fx-text-fill: #1b7a3a; -fx-background-color: #e3f4e8; -fx-alignment: center-right;"
                                : change < 0 ? "-fx-text-fill: #b3261e; -fx-background-color: #fbe4e2; -fx-alignment: center-right;"
                                : "-fx-alignment: center-right;");
                        getStyleClass().add(change > 0 ? "metric-better" : change < 0 ? "metric-worse" : "metric-same");
                    }
                });
                table.getColumns().add(c);
            }
        };
        vm.columns().addListener((javafx.collections.ListChangeListener<String>) c -> columns.run());
        columns.run();
        return table;
    }

    private static Node problemList(CompareViewModel vm) {
        ChoiceBox<String> a = new ChoiceBox<>(vm.columns());
        a.setId("compare-a-pick");
        ChoiceBox<String> b = new ChoiceBox<>(vm.columns());
        b.setId("compare-b-pick");
        for (ChoiceBox<String> box : List.of(a, b)) {
            box.setConverter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(String c) {
                    return shortName(c);
                }

                @Override
                public String fromString(String s) {
                    return s;
                }
            });
            box.setMaxWidth(180);
        }
        Runnable sync = () -> {
            if (vm.aProperty().get() < vm.columns().size()) {
                a.getSelectionModel().select(vm.aProperty().get());
            }
            if (vm.bProperty().get() < vm.columns().size()) {
                b.getSelectionModel().select(vm.bProperty().get());
            }
        };
        vm.aProperty().addListener((o, was, now) -> sync.run());
        vm.bProperty().addListener((o, was, now) -> sync.run());
        vm.columns().addListener((javafx.collections.ListChangeListener<String>) c -> sync.run());
        a.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (now.intValue() >= 0) {
                vm.aProperty().set(now.intValue());
            }
        });
        b.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (now.intValue() >= 0) {
                vm.bProperty().set(now.intValue());
            }
        });
        ChoiceBox<ProblemFilter> filter = new ChoiceBox<>();
        filter.setId("compare-filter");
        filter.getItems().setAll(ProblemFilter.values());
        filter.valueProperty().bindBidirectional(vm.filterProperty());

        TableView<ComparedProblem> table = new TableView<>(vm.shownProblems());
        table.setId("compare-problems");
        table.setFixedCellSize(25);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No problem matches the filter"));
        TableColumn<ComparedProblem, String> id = new TableColumn<>("#");
        id.setCellValueFactory(c -> new ReadOnlyStringWrapper((c.getValue().index() + 1)
                + (vm.kProperty().get() > 1 ? "." + c.getValue().sample() : "")));
        id.setMaxWidth(60);
        TableColumn<ComparedProblem, String> text = new TableColumn<>("Problem");
        text.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().problem().text().replace('\n', ' ')));
        text.setPrefWidth(260);
        TableColumn<ComparedProblem, String> ca = new TableColumn<>("A");
        ca.setCellValueFactory(c -> new ReadOnlyStringWrapper(mark(c.getValue().answer(vm.aProperty().get()))));
        ca.setMaxWidth(50);
        TableColumn<ComparedProblem, String> cb = new TableColumn<>("B");
        cb.setCellValueFactory(c -> new ReadOnlyStringWrapper(mark(c.getValue().answer(vm.bProperty().get()))));
        cb.setMaxWidth(50);
        TableColumn<ComparedProblem, String> speed = new TableColumn<>("\u0394 ms");
        speed.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.format(java.util.Locale.ROOT, "%.0f",
                CompareViewModel.speedDifference(c.getValue(), vm.aProperty().get(), vm.bProperty().get()))));
        speed.setMaxWidth(90);
        table.getColumns().setAll(List.of(id, text, ca, cb, speed));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        vm.aProperty().addListener((o, was, now) -> table.refresh());
        vm.bProperty().addListener((o, was, now) -> table.refresh());

        HBox bar = new HBox(6, label("A"), a, label("B"), b, label("Show"), filter);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setStyle("-fx-padding: 4 8 4 8;");
        VBox box = new VBox(bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static String mark(ComparedAnswer answer) {
        return answer.correct() ? "\u2713" : "\u2717";
    }

    /** One side of the answers: the checkpoint and verdict, its graph, its text. */
    private static final class Side {
        final VBox box = new VBox();
        final Label title = new Label();
        final ExecutionGraphView graph = new ExecutionGraphView();
        final Label body = new Label();
        final ScrollPane text = new ScrollPane(body);

        Side(String id) {
            box.setId(id);
            title.setId(id + "-title");
            title.setStyle("-fx-font-weight: bold; -fx-padding: 4 8 4 8;");
            title.setMaxWidth(Double.MAX_VALUE);
            graph.setId(id + "-graph");
            body.setId(id + "-text");
            body.setWrapText(true);
            body.setStyle("-fx-font-family: monospace; -fx-padding: 6;");
            text.setId(id + "-scroll");
            text.setFitToWidth(true);
            SplitPane split = new SplitPane(graph, text);
            split.setOrientation(Orientation.VERTICAL);
            split.setDividerPositions(0.62);
            VBox.setVgrow(split, Priority.ALWAYS);
            box.getChildren().addAll(title, split);
        }

        void show(String checkpoint, ComparedAnswer answer, String side) {
            if (answer == null) {
                title.setText(side);
                title.setStyle("-fx-font-weight: bold; -fx-padding: 4 8 4 8;");
                graph.close();
                body.setText("");
                return;
            }
            String verdict = answer.correct() ? "\u2713 correct" : answer.malformed() != null
                    ? "\u2717 malformed (" + answer.malformed() + ")" : "\u2717 wrong";
            title.setText(side + ": " + shortName(checkpoint) + " \u00b7 " + verdict + " \u00b7 T " + answer.tokens()
                    + ", C " + answer.critical() + String.format(java.util.Locale.ROOT, ", %.0f ms", answer.latencyMs()));
            title.setStyle("-fx-font-weight: bold; -fx-padding: 4 8 4 8; -fx-background-color: "
                    + (answer.correct() ? "#e3f4e8" : "#fbe4e2") + ";");
            graph.show(answer.model().layout());
            body.setText(answer.text());
            text.setVvalue(0);
        }
    }

    /** A catalogue name as it is; a folder by its last name (the tooltip and CSV keep the whole path). */
    private static String shortName(String checkpoint) {
        if (checkpoint == null) {
            return "";
        }
        java.nio.file.Path p = java.nio.file.Path.of(checkpoint);
        return p.isAbsolute() && p.getFileName() != null ? p.getFileName().toString() : checkpoint;
    }

    private static Label label(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("explore-form-label");
        return l;
    }

    private static Window window(Node node) {
        return node.getScene() == null ? null : node.getScene().getWindow();
    }
}
