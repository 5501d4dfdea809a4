package org.nprworkbench.app.gui.shell;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.nprworkbench.visualizer.task.BackgroundTasks;
import org.nprworkbench.visualizer.task.TaskIndicator;

/** The bottom bar: the data home, the selected run and checkpoint, the JVM and OS, and what the background pool is doing. */
final class StatusBar {
    private StatusBar() {
    }

    static HBox create(WorkbenchViewModel vm, BackgroundTasks pool) {
        Label homeKey = new Label("Data home");
        homeKey.getStyleClass().add("status-key");
        Label home = new Label(vm.home().root().toString());
        home.setId("status-home");
        Label selection = new Label();
        selection.setId("status-selection");
        selection.textProperty().bind(vm.selectionSummary());
        Label runtime = new Label(vm.runtime());
        runtime.setId("status-runtime");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        TaskIndicator tasks = new TaskIndicator(pool);
        tasks.setId("status-tasks");
        tasks.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, homeKey, home, new Separator(Orientation.VERTICAL), selection, spacer, runtime, new Separator(Orientation.VERTICAL), tasks);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }
}
