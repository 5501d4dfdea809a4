package org.nprworkbench.app.gui.runs;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.nprworkbench.app.gui.section.DurationText;
import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.section.SectionPage;
import org.nprworkbench.visualizer.table.ValueColumn;

/**
 * The Runs page: a sortable, filterable table of every run (double-click opens its charts), buttons
 * for the selected run (open, overlay, resume, rename, delete), and the selected run's page below:
 * summary, saved configuration, stages, checkpoint lineage and events.
 */
public final class RunsView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private RunsView() {
    }

    /** The page, bound to {@code vm}. */
    public static SectionPage create(RunsViewModel vm) {
        TextField filter = new TextField();
        filter.setId("runs-filter");
        filter.setPromptText("Filter by name, status, task or stage");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);

        TableView<RunRow> table = new TableView<>();
        table.setId("runs-table");
        SortedList<RunRow> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label("No runs recorded yet. Start one on the Training page (Ctrl+N) or with "
                + "npr train --task digitsum --preset smoke."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                ValueColumn.text("Name", RunRow::name, 140),
                ValueColumn.text("Status", RunRow::status, 80),
                ValueColumn.text("Task", RunRow::task, 80),
                ValueColumn.text("Stages", RunRow::stages, 190),
                ValueColumn.of("Started", RunRow::started, TIME::format, 130),
                ValueColumn.of("Duration", RunRow::duration, d -> DurationText.of(d.toSeconds()), 90),
                ValueColumn.decimal("Best accuracy", RunRow::bestAccuracy, 3, 130),
                ValueColumn.decimal("Parallel rate", RunRow::parallelRate, 3, 130)));
        table.setRowFactory(t -> {
            TableRow<RunRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.open(row.getItem().name());
                }
            });
            return row;
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null) {
                vm.selectedProperty().set(is.name());
            }
        });
        Runnable showSelected = () -> {
            String name = vm.selectedProperty().get();
            RunRow row = sorted.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
            if (row != null && table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
        };
        vm.selectedProperty().addListener((o, was, is) -> showSelected.run());
        sorted.addListener((javafx.collections.ListChangeListener<RunRow>) c -> showSelected.run());

        Button open = SectionPage.action("Open", "runs-open", () -> vm.open(vm.selectedProperty().get()), "Show its charts on the Training page (or double-click)");
        Button overlay = SectionPage.action("Overlay", "runs-overlay", () -> vm.overlay(vm.selectedProperty().get()), "Draw it on the Training page's charts beside the followed run");
        Button resume = SectionPage.action("Resume", "runs-resume", () -> vm.resume(vm.selectedProperty().get()), "Continue a stopped, failed or interrupted run");
        Button rename = SectionPage.action("Rename\u2026", "runs-rename", () -> rename(vm), "Give the run another name");
        Button delete = SectionPage.action("Delete\u2026", "runs-delete", () -> vm.delete(vm.selectedProperty().get()), "Delete its records (asks first; checkpoint folders stay)");
        for (Button b : List.of(open, overlay, resume, rename, delete)) {
            b.disableProperty().bind(vm.selectedProperty().isNull());
        }
        Button refresh = SectionPage.action("Refresh", "runs-refresh", vm::refresh, "Read the run store again (F5)");
        HBox bar = new HBox(8, filter, open, overlay, resume, rename, delete, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);

        VBox top = new VBox(8, bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        top.setPadding(new Insets(10, 12, 6, 12));

        VBox detail = new VBox(10);
        detail.setId("run-page");
        detail.getStyleClass().add("run-page");
        detail.setPadding(new Insets(10, 12, 12, 12));
        ScrollPane scroll = new ScrollPane(detail);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        vm.pageProperty().addListener((o, was, is) -> fill(detail, is));
        fill(detail, null);

        SplitPane split = new SplitPane(top, scroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);

        vm.confirmationProperty().set((header, message) -> {
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.OK, ButtonType.CANCEL);
            alert.setHeaderText(header);
            alert.setTitle("NPR Workbench");
            if (table.getScene() != null) {
                alert.initOwner(table.getScene().getWindow());
            }
            return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        });
        return new SectionPage(Section.RUNS, split);
    }

    private static void rename(RunsViewModel vm) {
        String from = vm.selectedProperty().get();
        TextInputDialog ask = new TextInputDialog(from);
        ask.setTitle("NPR Workbench");
        ask.setHeaderText("Rename run " + from);
        ask.setContentText("New name:");
        Optional<String> to = ask.showAndWait();
        to.filter(t -> !t.isBlank() && !t.equals(from)).ifPresent(t -> vm.rename(from, t));
    }

    private static void fill(VBox detail, RunPage p) {
        detail.getChildren().clear();
        if (p == null) {
            Label hint = new Label("Select a run to see its configuration, stages, checkpoints and events.");
            hint.getStyleClass().add("muted");
            detail.getChildren().add(hint);
            return;
        }
        Label title = new Label("Run " + p.name());
        title.getStyleClass().add("card-title");
        Label summary = new Label(p.summary());
        summary.setId("run-page-summary");
        summary.getStyleClass().add("muted");

        FlowPane chain = new FlowPane(6, 6);
        chain.setId("run-page-lineage");
        for (int i = 0; i < p.chain().size(); i++) {
            if (i > 0) {
                chain.getChildren().add(new Label("\u2192"));
            }
            Label node = new Label(p.chain().get(i));
            node.getStyleClass().add("lineage-node");
            chain.getChildren().add(node);
        }
        VBox beside = new VBox(4);
        for (String b : p.beside()) {
            Label node = new Label(b);
            node.getStyleClass().addAll("lineage-node", "lineage-baseline");
            beside.getChildren().add(node);
        }

        TableView<String[]> config = new TableView<>();
        config.setId("run-page-config");
        config.getItems().setAll(p.config());
        config.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<String[], String> key = new TableColumn<>("Setting");
        key.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()[0]));
        TableColumn<String[], String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()[1]));
        config.getColumns().addAll(List.of(key, value));
        config.setPrefHeight(260);
        config.setPrefWidth(420);

        VBox stages = lines("run-page-stages", p.stages(), "No stages recorded.");
        VBox events = lines("run-page-events", p.events(), "No events.");
        VBox right = new VBox(8, heading("Stages"), stages, heading("Checkpoint lineage"), chain,
                heading("Baselines"), beside.getChildren().isEmpty() ? muted("No baseline stages.") : beside,
                heading("Events"), events);
        HBox.setHgrow(right, Priority.ALWAYS);
        VBox left = new VBox(8, heading("Configuration as saved"), config);
        HBox columns = new HBox(18, left, right);
        detail.getChildren().addAll(title, summary, columns);
    }

    private static VBox lines(String id, List<String> lines, String none) {
        VBox box = new VBox(2);
        box.setId(id);
        if (lines.isEmpty()) {
            box.getChildren().add(muted(none));
        }
        for (String l : lines) {
            Label label = new Label(l);
            label.getStyleClass().add("mono");
            label.setWrapText(true);
            box.getChildren().add(label);
        }
        return box;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("fact-key");
        return l;
    }

}
