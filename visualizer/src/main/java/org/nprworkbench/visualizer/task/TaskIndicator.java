package org.nprworkbench.visualizer.task;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;

/**
 * A status-bar node that shows what {@link BackgroundTasks} is doing: a spinner and the task's label
 * while work runs, and "Ready" when the pool is idle.
 */
public final class TaskIndicator extends HBox {

    public TaskIndicator(BackgroundTasks tasks) {
        super(6);
        getStyleClass().add("task-indicator");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("task-spinner");
        spinner.setPrefSize(14, 14);
        spinner.setMaxSize(14, 14);
        spinner.visibleProperty().bind(tasks.runningProperty().greaterThan(0));
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label text = new Label();
        text.getStyleClass().add("task-message");
        text.textProperty().bind(Bindings.when(tasks.runningProperty().greaterThan(0))
                .then(Bindings.concat(tasks.messageProperty(), "\u2026"))
                .otherwise("Ready"));
        getChildren().addAll(spinner, text);
        setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
    }
}
