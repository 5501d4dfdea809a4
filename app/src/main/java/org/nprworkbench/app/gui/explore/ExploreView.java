package org.nprworkbench.app.gui.explore;

import java.io.File;
import java.util.List;

import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.section.SectionPage;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.trainer.store.RolloutRow;
import org.nprworkbench.visualizer.explorer.AnswerExplorer;

import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Explore page: the solve form and the answer navigation above the {@link AnswerExplorer}, the
 * seed-SFT explanation while the built-in example is open, and trace files opened from a dialog or
 * dropped on the page. It binds to an {@link ExploreViewModel} and only draws.
 */
public final class ExploreView {
    private ExploreView() {
    }

    /** The page for {@code vm}. */
    public static SectionPage create(ExploreViewModel vm) {
        AnswerExplorer explorer = new AnswerExplorer();
        explorer.setId("explore-explorer");
        vm.currentProperty().addListener((o, was, now) -> explorer.show(now == null ? null : now.model()));
        if (vm.currentProperty().get() != null) {
            explorer.show(vm.currentProperty().get().model());
        }

        BorderPane body = new BorderPane(explorer);
        body.getStyleClass().add("explore-body");
        body.setTop(new VBox(solveForm(vm), storedForm(vm), navigation(vm), exampleBanner(vm)));

        Button open = new Button("Open trace\u2026");
        open.setId("explore-open-trace");
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open NPR traces");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Traces (*.jsonl, *.json, *.txt)", "*.jsonl", "*.json", "*.txt"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = chooser.showOpenDialog(window(body));
            if (f != null) {
                vm.openTrace(f.toPath());
            }
        });
        Button example = new Button("Example");
        example.setId("explore-show-example");
        example.setOnAction(e -> vm.showExample());
        Button png = new Button("Export graph\u2026");
        png.setId("explore-export-png");
        png.disableProperty().bind(vm.currentProperty().isNull());
        png.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export the graph as PNG");
            chooser.setInitialFileName("graph.png");
            File f = chooser.showSaveDialog(window(body));
            if (f != null) {
                vm.exportGraph(SwingFXUtils.fromFXImage(explorer.graphView().snapshot(null, null), null), f.toPath());
            }
        });
        SectionPage page = new SectionPage(Section.EXPLORE, body, example, open, png);
        page.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        page.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            if (!files.isEmpty()) {
                vm.openTrace(files.get(0).toPath());
            }
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
        return page;
    }

    private static VBox solveForm(ExploreViewModel vm) {
        ComboBox<String> family = new ComboBox<>(vm.taskNames());
        family.setId("explore-task");
        family.setPromptText("Family");
        family.valueProperty().bindBidirectional(vm.taskProperty());

        ComboBox<Problem> problem = new ComboBox<>(vm.problems());
        problem.setId("explore-problem-pick");
        problem.setPromptText("Test problems");
        problem.setPrefWidth(240);
        problem.setCellFactory(l -> problemCell());
        problem.setButtonCell(problemCell());
        problem.setOnAction(e -> {
            if (problem.getValue() != null) {
                vm.pick(problem.getValue());
            }
        });
        vm.pickedProperty().addListener((o, was, now) -> {
            if (now == null) {
                problem.setValue(null);
            }
        });

        TextField text = new TextField();
        text.setId("explore-problem");
        text.setPromptText("Type a problem, or pick a test problem of a family");
        text.textProperty().bindBidirectional(vm.problemTextProperty());
        HBox.setHgrow(text, Priority.ALWAYS);

        Button checkpoint = new Button();
        checkpoint.setId("explore-checkpoint");
        checkpoint.textProperty().bind(Bindings.createStringBinding(() -> vm.checkpointProperty().get() == null
                ? "Choose\u2026" : vm.checkpointProperty().get().getFileName().toString(), vm.checkpointProperty()));
        checkpoint.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Checkpoint to solve with");
            File dir = chooser.showDialog(window(checkpoint));
            if (dir != null) {
                vm.checkpointProperty().set(dir.toPath());
            }
        });
        checkpoint.setTooltip(new javafx.scene.control.Tooltip("The checkpoint to solve with (follows the Models page)"));

        ChoiceBox<String> engine = new ChoiceBox<>();
        engine.setId("explore-engine");
        engine.getItems().setAll("parallel", "sequential");
        engine.setValue(vm.parallelProperty().get() ? "parallel" : "sequential");
        engine.valueProperty().addListener((o, was, now) -> vm.parallelProperty().set("parallel".equals(now)));

        Spinner<Double> temperature = new Spinner<>(0.0, 2.0, vm.temperatureProperty().get(), 0.1);
        temperature.setId("explore-temperature");
        temperature.valueProperty().addListener((o, was, now) -> vm.temperatureProperty().set(now));
        Spinner<Double> topP = new Spinner<>(0.05, 1.0, vm.topPProperty().get(), 0.05);
        topP.setId("explore-top-p");
        topP.valueProperty().addListener((o, was, now) -> vm.topPProperty().set(now));
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) vm.seedProperty().get());
        seed.setId("explore-seed");
        seed.setEditable(true);
        seed.valueProperty().addListener((o, was, now) -> vm.seedProperty().set(now));
        Spinner<Integer> samples = new Spinner<>(1, 64, vm.samplesProperty().get());
        samples.setId("explore-samples");
        samples.valueProperty().addListener((o, was, now) -> vm.samplesProperty().set(now));
        vm.temperatureProperty().addListener((o, was, now) -> temperature.getValueFactory().setValue(now.doubleValue()));
        vm.topPProperty().addListener((o, was, now) -> topP.getValueFactory().setValue(now.doubleValue()));
        vm.seedProperty().addListener((o, was, now) -> seed.getValueFactory().setValue(now.intValue()));
        vm.samplesProperty().addListener((o, was, now) -> samples.getValueFactory().setValue(now.intValue()));
        for (Spinner<?> s : List.of(temperature, topP, seed, samples)) {
            s.setPrefWidth(s == seed ? 90 : 74);
        }

        Button solve = new Button("Solve");
        solve.setId("explore-solve");
        solve.getStyleClass().add("accent");
        solve.disableProperty().bind(vm.busyProperty().or(vm.checkpointProperty().isNull()));
        solve.setOnAction(e -> vm.solve());

        HBox what = new HBox(6, label("Problem"), family, problem, text);
        what.setAlignment(Pos.CENTER_LEFT);
        HBox how = new HBox(6, label("Checkpoint"), checkpoint, label("Engine"), engine, label("Temperature"),
                temperature, label("Top-p"), topP, label("Seed"), seed, label("Samples"), samples, solve);
        how.setAlignment(Pos.CENTER_LEFT);
        for (HBox row : List.of(what, how)) {
            row.getChildren().stream().filter(n -> n instanceof javafx.scene.control.Labeled)
                    .forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
        }
        VBox form = new VBox(6, what, how);
        form.getStyleClass().add("explore-form");
        form.setStyle("-fx-padding: 8 16 6 16;");
        return form;
    }

    /** The run store's samples: run, stage, step, then the sample to open. */
    private static HBox storedForm(ExploreViewModel vm) {
        ComboBox<String> run = new ComboBox<>(vm.storedRuns());
        run.setId("explore-stored-run");
        run.setPromptText("Run");
        run.valueProperty().bindBidirectional(vm.storedRunProperty());
        ChoiceBox<String> stage = new ChoiceBox<>(vm.storedStages());
        stage.setId("explore-stored-stage");
        stage.valueProperty().bindBidirectional(vm.storedStageProperty());
        ComboBox<Long> step = new ComboBox<>(vm.storedSteps());
        step.setId("explore-stored-step");
        step.setPromptText("Step");
        step.valueProperty().bindBidirectional(vm.storedStepProperty());
        ComboBox<RolloutRow> sample = new ComboBox<>(vm.storedRollouts());
        sample.setId("explore-stored-sample");
        sample.setPromptText("Sample");
        sample.setPrefWidth(300);
        sample.setCellFactory(l -> storedCell());
        sample.setButtonCell(storedCell());
        Button openSample = new Button("Open");
        openSample.setId("explore-stored-open");
        openSample.disableProperty().bind(sample.valueProperty().isNull().or(vm.busyProperty()));
        openSample.setOnAction(e -> vm.openStored(sample.getValue()));
        vm.storedRollouts().addListener((javafx.collections.ListChangeListener<RolloutRow>) c -> {
            if (!vm.storedRollouts().isEmpty() && !vm.storedRollouts().contains(sample.getValue())) {
                sample.setValue(vm.storedRollouts().get(0));
            }
        });
        Button bench = new Button("Benchmark file\u2026");
        bench.setId("explore-benchmark");
        bench.setTooltip(new javafx.scene.control.Tooltip("Offer a benchmark file's problems (JSON Lines, JSON or CSV) in the problem picker"));
        bench.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Benchmark file");
            File f = chooser.showOpenDialog(window(bench));
            if (f != null) {
                vm.loadBenchmark(f.toPath());
            }
        });
        HBox row = new HBox(6, label("Recorded"), run, stage, step, sample, openSample, label("or problems from"), bench);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getChildren().forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
        row.setStyle("-fx-padding: 0 16 6 16;");
        return row;
    }

    private static ListCell<RolloutRow> storedCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(RolloutRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.rollout().kind().label() + " \u00b7 problem "
                        + item.rollout().problemId() + " \u00b7 sample " + item.rollout().sample()
                        + (item.rollout().correct() == null ? "" : item.rollout().correct() ? " \u00b7 \u2713" : " \u00b7 \u2717"));
            }
        };
    }

    private static HBox navigation(ExploreViewModel vm) {
        Label source = new Label();
        source.setId("explore-source");
        source.textProperty().bind(Bindings.createStringBinding(() -> {
            ExploredAnswer a = vm.currentProperty().get();
            return a == null ? (vm.busyProperty().get() ? "Working\u2026" : "") : a.title();
        }, vm.currentProperty(), vm.busyProperty()));
        source.getStyleClass().add("explore-source");
        Button previous = new Button("\u25c0");
        previous.setId("explore-previous");
        previous.disableProperty().bind(vm.hasPreviousProperty().not());
        previous.setOnAction(e -> vm.previous());
        Label position = new Label();
        position.setId("explore-position");
        position.textProperty().bind(vm.positionProperty());
        position.setMinWidth(Region.USE_PREF_SIZE);
        Button next = new Button("\u25b6");
        next.setId("explore-next");
        next.disableProperty().bind(vm.hasNextProperty().not());
        next.setOnAction(e -> vm.next());

        Label problem = new Label();
        problem.setId("explore-problem-shown");
        problem.textProperty().bind(Bindings.createStringBinding(() -> {
            ExploredAnswer a = vm.currentProperty().get();
            return a == null || a.problem() == null ? "" : "Problem: " + a.problem().replace('\n', ' ');
        }, vm.currentProperty()));
        problem.setMinWidth(0);
        HBox.setHgrow(problem, Priority.ALWAYS);

        Label broken = new Label();
        broken.setId("explore-break");
        broken.setStyle("-fx-text-fill: #b3261e; -fx-font-weight: bold;");
        broken.setWrapText(true);
        broken.textProperty().bind(Bindings.createStringBinding(() -> {
            if (vm.errorProperty().get() != null) {
                return vm.errorProperty().get();
            }
            ExploredAnswer a = vm.currentProperty().get();
            return a == null || a.breakReason() == null ? "" : a.breakReason();
        }, vm.currentProperty(), vm.errorProperty()));
        broken.visibleProperty().bind(broken.textProperty().isNotEmpty());
        broken.managedProperty().bind(broken.visibleProperty());

        HBox steps = new HBox(4, previous, position, next);
        steps.setAlignment(Pos.CENTER_LEFT);
        steps.visibleProperty().bind(Bindings.size(vm.answers()).greaterThan(1));
        steps.managedProperty().bind(steps.visibleProperty());
        source.setMinWidth(Region.USE_PREF_SIZE);
        source.setStyle("-fx-font-weight: bold;");
        HBox row = new HBox(10, steps, source, problem, broken);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setStyle("-fx-padding: 2 16 8 16;");
        return row;
    }

    private static HBox exampleBanner(ExploreViewModel vm) {
        Label text = new Label("A built-in example: the seed corpus's NPR answer to an arithmetic problem. To explore "
                + "your own model's answers, teach the tiny model the NPR format with seed SFT (about 6 minutes on "
                + "2 cores); its checkpoint appears on the Models page and Solve uses it. Or open a trace file "
                + "(text or JSON Lines), or drop one here.");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Label command = new Label(ExploreViewModel.SEED_COMMAND);
        command.setStyle("-fx-font-family: monospace; -fx-background-color: #eef1f5; -fx-padding: 4 8 4 8;");
        Button copy = new Button("Copy command");
        copy.setId("explore-copy-seed");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(ExploreViewModel.SEED_COMMAND);
            Clipboard.getSystemClipboard().setContent(c);
        });
        Button train = new Button();
        train.setId("explore-start-seed");
        train.getStyleClass().add("accent");
        train.textProperty().bind(Bindings.when(vm.trainingProperty()).then("Training\u2026").otherwise("Start seed SFT"));
        train.disableProperty().bind(vm.trainingProperty());
        train.setVisible(vm.canTrain());
        train.setManaged(vm.canTrain());
        train.setTooltip(new javafx.scene.control.Tooltip("Runs the command above in the background as run demo; "
                + "its curves appear on the Training page, and Explore solves with it when it ends"));
        train.setOnAction(e -> vm.startSeedTraining());
        command.setMinWidth(Region.USE_PREF_SIZE);
        copy.setMinWidth(Region.USE_PREF_SIZE);
        train.setMinWidth(Region.USE_PREF_SIZE);
        HBox banner = new HBox(10, text, command, copy, train);
        banner.setId("explore-example-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setStyle("-fx-padding: 8 16 8 16; -fx-background-color: #fff8e1; -fx-border-color: #f0d48a; "
                + "-fx-border-width: 1 0 1 0;");
        banner.visibleProperty().bind(vm.exampleProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private static Label label(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("explore-form-label");
        return l;
    }

    private static ListCell<Problem> problemCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Problem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.text().replace('\n', ' '));
            }
        };
    }

    private static Window window(javafx.scene.Node node) {
        return node.getScene() == null ? null : node.getScene().getWindow();
    }
}
