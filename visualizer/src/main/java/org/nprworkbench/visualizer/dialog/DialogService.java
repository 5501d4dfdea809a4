package org.nprworkbench.visualizer.dialog;

/**
 * How view models talk to the user without knowing about windows: they report errors and news
 * through this service, the view supplies an implementation ({@link WindowDialogService}) and tests
 * can observe what was shown. Errors that stop what the user asked for come as dialogs; news that
 * needs no answer (a run finished, a store could not be read for a moment) as notifications that fade
 * by themselves. Call on the JavaFX thread; no method blocks.
 */
public interface DialogService {

    /** Shows an error: {@code header} says what failed, {@code message} names the file and what to do. */
    void showError(String header, String message);

    /** Shows an informational message. */
    void showInformation(String header, String message);

    /** Shows a notification that fades by itself: news that needs no answer. Without notifications: information. */
    default void showNotice(String header, String message) {
        showInformation(header, message);
    }

    /**
     * Shows a warning notification: a problem the window carries on through, with what to do about it.
     * Without notifications: an error.
     */
    default void showWarning(String header, String message) {
        showError(header, message);
    }
}
