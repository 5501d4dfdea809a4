package org.nprworkbench.visualizer.dialog;

import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** A {@link DialogService} that shows non-blocking JavaFX {@link Alert}s owned by a window. */
public final class AlertDialogService implements DialogService {
    private final Supplier<Window> owner;
    private final String appTitle;

    /** @param owner the window the dialogs belong to (may supply null before it is shown) */
    public AlertDialogService(Supplier<Window> owner, String appTitle) {
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
