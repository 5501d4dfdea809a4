package org.nprworkbench.visualizer.dialog;

/**
 * How view models talk to the user without knowing about windows: they report errors and notices
 * through this service, the view supplies an implementation ({@link AlertDialogService}) and tests
 * can observe what was shown. Call on the JavaFX thread; no method blocks.
 */
public interface DialogService {

    /** Shows an error: {@code header} says what failed, {@code message} names the file and what to do. */
    void showError(String header, String message);

    /** Shows an informational message. */
    void showInformation(String header, String message);
}
