package org.nprworkbench.app.gui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.nprworkbench.app.gui.viewmodel.WorkbenchViewModel;
import org.nprworkbench.visualizer.task.TaskIndicator;

/** The bottom bar: the data home, the JVM and OS, and what the background pool is doing. */
final class StatusBar {
    private StatusBar() {
    }

    static HBox create(WorkbenchViewModel vm) {
        Label homeKey = new Label("Data home");
        homeKey.getStyleClass().add("status-key");
        Label home = new Label(vm.home().root().toString());
        home.setId("status-home");
        Label runtime = new Label(vm.runtime());
        runtime.setId("status-runtime");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        TaskIndicator tasks = new TaskIndicator(vm.tasks());
        tasks.setId("status-tasks");
        tasks.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, homeKey, home, spacer, runtime, new Separator(Orientation.VERTICAL), tasks);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }
}
