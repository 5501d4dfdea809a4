package org.nprworkbench.visualizer.dialog;

import java.util.function.Supplier;

import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;

/**
 * A {@link DialogService} for one window: errors and information as non-blocking JavaFX
 * {@link Alert}s owned by the window, notifications and warnings as ControlsFX {@link Notifications}
 * in the window's lower right corner that fade after a few seconds (warnings stay longer).
 */
public final class WindowDialogService implements DialogService {
    /** How long a notification stays. */
    static final Duration NOTICE = Duration.seconds(6);
    /** How long a warning stays. */
    static final Duration WARNING = Duration.seconds(15);
    /** The longest line of a notification's text, in characters. */
    static final int LINE = 64;

    private final Supplier<Window> owner;
    private final String appTitle;

    /** @param owner the window the dialogs belong to (may supply null before it is shown) */
    public WindowDialogService(Supplier<Window> owner, String appTitle) {
        this.owner = owner;
        this.appTitle = appTitle;
    }

    @Override
    public void showError(String header, String message) {
        show(Alert.AlertType.ERROR, header, message);
    }

    @Override
    public void showInformation(String header, String message) {
        show(Alert.AlertType.INFORMATION, header, message);
    }

    @Override
    public void showNotice(String header, String message) {
        notification(header, message, NOTICE).showInformation();
    }

    @Override
    public void showWarning(String header, String message) {
        notification(header, message, WARNING).showWarning();
    }

    private Notifications notification(String header, String message, Duration stay) {
        Notifications n = Notifications.create().title(header).text(wrapped(message, LINE))
                .position(Pos.BOTTOM_RIGHT).hideAfter(stay);
        Window window = owner.get();
        if (window != null && window.isShowing()) {
            n.owner(window);
            if (window.getScene() != null && window.getScene().getRoot().getStyleClass().contains("dark")) {
                n.darkStyle();
            }
        }
        return n;
    }

    /**
     * {@code text} broken at spaces into lines of at most {@code width} characters (a longer word stays
     * whole), keeping its own line breaks: a notification's label does not wrap by itself and would
     * otherwise stretch across the screen.
     */
    static String wrapped(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            int line = 0;
            for (String word : paragraph.split(" ")) {
                if (line > 0 && line + 1 + word.length() > width) {
                    out.append('\n');
                    line = 0;
                } else if (line > 0) {
                    out.append(' ');
                    line++;
                }
                out.append(word);
                line += word.length();
            }
        }
        return out.toString();
    }

    private void show(Alert.AlertType type, String header, String message) {
        Alert alert = new Alert(type);
        Window window = owner.get();
        if (window != null) {
            alert.initOwner(window);
            if (window.getScene() != null) {
                alert.getDialogPane().getStylesheets().addAll(window.getScene().getStylesheets());
            }
        }
        alert.setTitle(appTitle);
        alert.setHeaderText(header);
        Label body = new Label(message);
        body.setWrapText(true);
        body.setPrefWidth(520);
        body.setMinHeight(Region.USE_PREF_SIZE);
        body.getStyleClass().add("dialog-message");
        alert.getDialogPane().setContent(body);
        alert.setResizable(true);
        alert.show();
    }
}
