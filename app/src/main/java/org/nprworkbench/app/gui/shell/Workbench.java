package org.nprworkbench.app.gui.shell;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import org.nprworkbench.app.gui.compare.CompareViewModel;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;

/**
 * Opens the workbench window from the command line. JavaFX runs on the class path, so the
 * {@link Application} is a nested class started through {@link Application#launch}; the window
 * itself is a {@link WorkbenchWindow}.
 */
public final class Workbench {
    /** JavaFX's own logger: quiet while it starts, since it warns that it runs from the class path. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");
    private static volatile DataHome pendingHome;
    private static volatile WorkbenchOptions pendingOptions;
    private static volatile Throwable failure;

    private Workbench() {
    }

    /** Opens the window and blocks until it is closed. */
    public static void launch(DataHome home) {
        launch(home, WorkbenchOptions.INTERACTIVE);
    }

    /**
     * Opens the window and blocks until it is closed, or, for scripted options, until the script has
     * run. Can be called once per JVM (a JavaFX rule).
     */
    public static void launch(DataHome home, WorkbenchOptions options) {
        pendingHome = home;
        pendingOptions = options;
        JAVAFX_LOG.setLevel(Level.SEVERE);
        try {
            Application.launch(App.class);
        } catch (UnsupportedOperationException e) {
            throw cannotOpen(e.getMessage());
        }
        Throwable t = failure;
        if (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t != null) {
            throw new IllegalStateException("the workbench script failed", t);
        }
    }

    /**
     * Why the window could not open, from JavaFX's reason, and what to do: the window needs GTK 3
     * and a display ("Unable to load glass GTK library" when GTK 3 is missing, "Unable to open
     * DISPLAY" when there is no display; a virtual display does not help without GTK 3).
     */
    static BadInputException cannotOpen(String reason) {
        String why = reason == null ? "unknown reason" : reason.replaceAll("\\.+$", "");
        String gtk = "GTK 3 (Debian/Ubuntu: sudo apt-get install libgtk-3-0)";
        String what;
        if (why.contains("GTK")) {
            what = "the window needs " + gtk + ", and a display";
        } else if (why.contains("DISPLAY")) {
            what = "there is no display: run it in a desktop session, or under a virtual display with "
                    + "GTK 3 installed (sudo apt-get install xvfb libgtk-3-0; xvfb-run -a ./npr workbench)";
        } else {
            what = "the window needs a display and " + gtk;
        }
        return new BadInputException("cannot open the workbench window (" + why + "): " + what
                + ". The command-line verbs need neither: ./npr --help");
    }

    /**
     * Runs the scripted part of {@code options} on an open window: shows the view asked for, waits
     * until the window has settled and for {@code exitAfter}, then writes the screenshot if one is
     * asked for. Completes when the window may close. Call on the JavaFX thread.
     */
    static CompletableFuture<Void> script(WorkbenchWindow window, WorkbenchOptions options) {
        show(window, options);
        return window.whenSettled().thenCompose(v -> {
            CompletableFuture<Void> waited = new CompletableFuture<>();
            if (options.exitAfter() == null || options.exitAfter().isZero()) {
                waited.complete(null);
            } else {
                PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(options.exitAfter().toMillis()));
                pause.setOnFinished(e -> waited.complete(null));
                pause.play();
            }
            return waited;
        }).thenCompose(v -> options.screenshot() == null ? CompletableFuture.completedFuture(null)
                : window.writeScreenshot(options.screenshot()).thenApply(p -> null));
    }

    private static void show(WorkbenchWindow window, WorkbenchOptions options) {
        if (options.checkpoint() != null) {
            window.viewModel().explore().checkpointProperty().set(options.checkpoint());
        }
        if (options.trace() != null) {
            window.viewModel().explore().openTrace(options.trace());
        }
        if (options.run() != null) {
            window.viewModel().training().watch(options.run());
            window.viewModel().runs().selectedProperty().set(options.run());
        }
        if (options.view() != null) {
            window.viewModel().sectionProperty().set(options.view());
        }
        if (options.compare().equals(List.of(CompareViewModel.QUICKSTART_NPR, CompareViewModel.QUICKSTART_SR))) {
            window.viewModel().compare().compareQuickstart(); // on the problems they were trained for
        } else if (!options.compare().isEmpty()) {
            window.viewModel().compare().chosen().setAll(options.compare());
            window.viewModel().compare().run();
        }
    }

    /** The JavaFX application; public only because {@link Application#launch} instantiates it. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            JAVAFX_LOG.setLevel(null);
            WorkbenchWindow window = WorkbenchWindow.open(stage, pendingHome);
            WorkbenchOptions options = pendingOptions;
            if (!options.scripted()) {
                show(window, options);
            } else {
                script(window, options).whenComplete((v, e) -> {
                    failure = e;
                    Platform.exit();
                });
            }
        }
    }
}
