package org.nprworkbench.app.gui.view;

import java.util.Locale;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

import org.nprworkbench.app.gui.checkpoint.CheckpointSummary;
import org.nprworkbench.app.gui.viewmodel.ModelsViewModel;
import org.nprworkbench.app.gui.viewmodel.Section;
import org.nprworkbench.visualizer.emptystate.EmptyState;
import org.nprworkbench.visualizer.snippet.CommandSnippet;

/** The Models page: a table of checkpoint folders, or an empty state that says how to create one. */
final class ModelsView {
    private ModelsView() {
    }

    static Page create(ModelsViewModel vm, Runnable openFolder) {
        TableView<CheckpointSummary> table = new TableView<>(vm.checkpoints());
        table.setId("models-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Checkpoint", 160, CheckpointSummary::name));
        table.getColumns().add(column("Stage", 100, c -> c.stage() == null ? "\u2014" : c.stage()));
        table.getColumns().add(column("Architecture", 125, c -> orDash(c.modelType())));
        table.getColumns().add(column("Hidden size", 115, c -> orDash(c.hiddenSize())));
        table.getColumns().add(column("Layers", 80, c -> orDash(c.layers())));
        table.getColumns().add(column("Vocabulary", 115, c -> orDash(c.vocabSize())));
        table.getColumns().add(column("Weights", 95, c -> size(c.weightBytes())));
        table.getColumns().add(column("Folder", 200, c -> c.readable() ? c.folder().toString()
                : "\u26a0 " + c.problem().replace(c.folder() + c.folder().getFileSystem().getSeparator(), "")));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CheckpointSummary item, boolean empty) {
                super.updateItem(item, empty);
                boolean broken = !empty && item != null && !item.readable();
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("broken"), broken);
                setTooltip(broken ? new Tooltip(item.problem()) : null);
            }
        });
        table.visibleProperty().bind(vm.emptyProperty().not());

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

        StackPane body = new StackPane(table, empty, scanning);
        body.getStyleClass().add("models-body");
        return new Page(Section.MODELS, body, refresh, open);
    }

    private static TableColumn<CheckpointSummary, String> column(String title, double width,
                                                                 Function<CheckpointSummary, String> value) {
        TableColumn<CheckpointSummary, String> col = new TableColumn<>(title);
        col.setPrefWidth(width);
        col.setMinWidth(width);
        col.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return col;
    }

    private static String orDash(Object value) {
        return value == null ? "\u2014" : value.toString();
    }

    static String size(long bytes) {
        if (bytes == 0) {
            return "\u2014";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
