package org.nprworkbench.app.gui.models;

import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.section.SectionPage;
import org.nprworkbench.visualizer.emptystate.EmptyState;
import org.nprworkbench.visualizer.snippet.CommandSnippet;

/**
 * The Models page: a table of checkpoint folders (the checkpoints folder's and the catalogue's) with
 * their status, a field that opens one by catalogue name or folder, the selected one's folder and
 * problem in full below it, or an empty state that says how to create a first checkpoint.
 */
public final class ModelsView {
    private static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");
    private static final PseudoClass READY = PseudoClass.getPseudoClass("ready");

    private ModelsView() {
    }

    /** The page, bound to {@code vm}; {@code openFolder} asks the user for a folder to open. */
    public static SectionPage create(ModelsViewModel vm, Runnable openFolder) {
        TableView<CheckpointRow> table = table(vm);
        VBox details = details(vm);
        BorderPane listing = new BorderPane(table);
        listing.setBottom(details);
        BorderPane.setMargin(details, new Insets(14, 0, 0, 0));
        listing.visibleProperty().bind(vm.emptyProperty().not());

        Button openButton = new Button("Open checkpoint folder\u2026");
        openButton.setOnAction(e -> openFolder.run());
        openButton.getStyleClass().add("accent-button");
        EmptyState empty = new EmptyState("No checkpoints yet",
                "Checkpoints are Hugging Face model folders (config.json, model.safetensors, tokenizer.json). "
                        + "The workbench lists those it finds in " + vm.checkpointsFolder()
                        + ". Create a small, randomly initialised one to start with:",
                new CommandSnippet(vm.initCommand()), openButton);
        empty.setId("models-empty");
        empty.visibleProperty().bind(vm.emptyProperty().and(vm.scanningProperty().not()));

        Label scanning = new Label("Scanning " + vm.checkpointsFolder() + "\u2026");
        scanning.getStyleClass().add("page-subtitle");
        scanning.visibleProperty().bind(vm.emptyProperty().and(vm.scanningProperty()));

        Button refresh = new Button("Refresh");
        refresh.setId("models-refresh");
        refresh.disableProperty().bind(vm.scanningProperty());
        refresh.setOnAction(e -> vm.refresh());
        Button open = new Button("Open folder\u2026");
        open.setOnAction(e -> openFolder.run());
        TextField byName = new TextField();
        byName.setId("models-open-name");
        byName.setPromptText("Open by name: RUN/STAGE, RUN/STAGE@STEP, a registered name or a folder");
        byName.setPrefColumnCount(28);
        byName.setTooltip(new Tooltip("A name from `npr checkpoints`, or a checkpoint folder; press Enter"));
        byName.setOnAction(e -> {
            if (!byName.getText().isBlank()) {
                vm.open(byName.getText().strip());
            }
        });

        StackPane body = new StackPane(listing, empty, scanning);
        body.getStyleClass().add("models-body");
        return new SectionPage(Section.MODELS, body, byName, refresh, open);
    }

    private static TableView<CheckpointRow> table(ModelsViewModel vm) {
        TableView<CheckpointRow> table = new TableView<>(vm.rows());
        table.setId("models-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Checkpoint", 150, CheckpointRow::name));
        table.getColumns().add(column("Stage", 85, CheckpointRow::stage));
        table.getColumns().add(column("Architecture", 100, CheckpointRow::architecture));
        table.getColumns().add(column("Hidden size", 95, CheckpointRow::hiddenSize));
        table.getColumns().add(column("Layers", 62, CheckpointRow::layers));
        table.getColumns().add(column("Vocabulary", 92, CheckpointRow::vocabulary));
        table.getColumns().add(column("Weights", 82, CheckpointRow::weights));
        TableColumn<CheckpointRow, String> status = column("Status", 200, CheckpointRow::status);
        status.setCellFactory(c -> new StatusCell());
        table.getColumns().add(status);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CheckpointRow item, boolean empty) {
                super.updateItem(item, empty);
                boolean broken = !empty && item != null && item.broken();
                pseudoClassStateChanged(BROKEN, broken);
                setTooltip(broken ? new Tooltip(item.problem()) : null);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> vm.select(now));
        vm.selectedProperty().addListener((obs, was, now) -> {
            if (table.getSelectionModel().getSelectedItem() != now) {
                if (now == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(now);
                }
            }
        });
        return table;
    }

    /** The selected checkpoint's name, status, folder and, for a broken one, the whole problem. */
    private static VBox details(ModelsViewModel vm) {
        Label name = new Label();
        name.getStyleClass().add("card-title");
        name.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? "No checkpoint selected" : vm.selectedProperty().get().name(), vm.selectedProperty()));
        Label badge = new Label();
        badge.setId("models-detail-status");
        badge.getStyleClass().add("status-badge");
        badge.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null ? ""
                : vm.selectedProperty().get().broken() ? "Broken" : "Ready", vm.selectedProperty()));
        badge.visibleProperty().bind(vm.selectedProperty().isNotNull());
        HBox heading = new HBox(10, name, badge);
        heading.setAlignment(Pos.CENTER_LEFT);

        Label hint = new Label();
        hint.setId("models-detail-hint");
        hint.textProperty().bind(vm.hintProperty());
        hint.getStyleClass().add("card-note");
        hint.visibleProperty().bind(vm.selectedProperty().isNull());
        hint.managedProperty().bind(hint.visibleProperty());

        GridPane facts = new GridPane();
        facts.setHgap(14);
        facts.setVgap(6);
        Label folder = fact(facts, 0, "Folder");
        folder.setId("models-detail-folder");
        folder.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null ? ""
                : vm.selectedProperty().get().checkpoint().folder().toString(), vm.selectedProperty()));
        Label problem = fact(facts, 1, "Problem");
        problem.setId("models-detail-problem");
        problem.getStyleClass().add("detail-problem");
        problem.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                || !vm.selectedProperty().get().broken() ? "" : vm.selectedProperty().get().problem(),
                vm.selectedProperty()));
        for (Node n : facts.getChildren()) {
            if (Integer.valueOf(1).equals(GridPane.getRowIndex(n))) {
                n.visibleProperty().bind(problem.textProperty().isNotEmpty());
                n.managedProperty().bind(n.visibleProperty());
            }
        }
        facts.visibleProperty().bind(vm.selectedProperty().isNotNull());
        facts.managedProperty().bind(facts.visibleProperty());

        VBox card = new VBox(8, heading, hint, facts);
        card.setId("models-details");
        card.getStyleClass().addAll("card", "models-details");
        vm.selectedProperty().addListener((obs, was, now) -> {
            card.pseudoClassStateChanged(BROKEN, now != null && now.broken());
            card.pseudoClassStateChanged(READY, now != null && !now.broken());
        });
        return card;
    }

    private static Label fact(GridPane grid, int row, String key) {
        Label k = new Label(key);
        k.getStyleClass().add("fact-key");
        k.setMinWidth(Region.USE_PREF_SIZE);
        GridPane.setValignment(k, VPos.TOP);
        Label v = new Label();
        v.getStyleClass().add("fact-value");
        v.setWrapText(true);
        v.setMinHeight(Region.USE_PREF_SIZE);
        GridPane.setHgrow(v, Priority.ALWAYS);
        grid.addRow(row, k, v);
        return v;
    }

    private static TableColumn<CheckpointRow, String> column(String title, double width,
                                                             Function<CheckpointRow, String> value) {
        TableColumn<CheckpointRow, String> col = new TableColumn<>(title);
        col.setPrefWidth(width);
        col.setMinWidth(width);
        col.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return col;
    }

    /** The status cell: a coloured dot, then "Ready" or "Broken: reason". */
    private static final class StatusCell extends TableCell<CheckpointRow, String> {
        StatusCell() {
            getStyleClass().add("status-cell");
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            CheckpointRow row = empty ? null : getTableRow().getItem();
            if (item == null || row == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(item);
            Region dot = new Region();
            dot.getStyleClass().addAll("status-dot", row.broken() ? "status-dot-broken" : "status-dot-ready");
            setGraphic(dot);
        }
    }
}
