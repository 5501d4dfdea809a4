package org.nprworkbench.visualizer.snippet;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** A shell command shown in a monospaced box with a button that copies it to the clipboard. */
public final class CommandSnippet extends HBox {
    private final String command;

    public CommandSnippet(String command) {
        super(8);
        this.command = command;
        getStyleClass().add("command-snippet");
        setAlignment(Pos.CENTER_LEFT);
        Label text = new Label(command);
        text.getStyleClass().add("command-text");
        text.setMaxWidth(Double.MAX_VALUE);
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.setTooltip(new Tooltip(command));
        HBox.setHgrow(text, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.getStyleClass().add("command-copy");
        copy.setFocusTraversable(false);
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(command);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        getChildren().addAll(text, copy);
    }

    /** The command text. */
    public String command() {
        return command;
    }
}
