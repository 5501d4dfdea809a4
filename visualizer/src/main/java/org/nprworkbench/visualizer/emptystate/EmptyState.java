package org.nprworkbench.visualizer.emptystate;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The centred placeholder a view shows when it has nothing to show yet: a title, a sentence saying
 * what will appear and how to get there, and optional extra nodes (a command to try, a button).
 */
public final class EmptyState extends VBox {

    public EmptyState(String title, String message, Node... extras) {
        super(10);
        getStyleClass().add("empty-state");
        setAlignment(Pos.CENTER);
        setFillWidth(false);
        Label heading = new Label(title);
        heading.getStyleClass().add("empty-state-title");
        Label body = new Label(message);
        body.getStyleClass().add("empty-state-message");
        body.setWrapText(true);
        body.setMaxWidth(560);
        body.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        getChildren().addAll(heading, body);
        getChildren().addAll(extras);
    }
}
