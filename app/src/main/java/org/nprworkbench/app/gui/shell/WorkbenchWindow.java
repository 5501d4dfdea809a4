package org.nprworkbench.app.gui.shell;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.nprworkbench.app.service.TrainingLauncher;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.visualizer.dialog.WindowDialogService;
import org.nprworkbench.visualizer.snapshot.PngSnapshot;
import org.nprworkbench.visualizer.task.BackgroundTasks;
import org.nprworkbench.visualizer.theme.Theme;

/**
 * One open workbench window: it wires the background pool, the view model and the view onto a stage,
 * and offers what scripted runs and tests need (waiting until it has settled, writing a screenshot).
 * All methods run on the JavaFX thread.
 */
public final class WorkbenchWindow {
    /** The default window size; smaller screens get their visual bounds instead. */
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
    static final String TITLE = "NPR Workbench";

    private final Stage stage;
    private final Scene scene;
    private final BackgroundTasks tasks;
    private final BackgroundTasks polls;
    private final WorkbenchView view;
    private final WorkbenchViewModel viewModel;
    private final CompletableFuture<Void> firstLayout = new CompletableFuture<>();

    private WorkbenchWindow(Stage stage, DataHome home) {
        this.stage = stage;
        int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        tasks = new BackgroundTasks("npr-background", threads);
        // the Training page's once-a-second store reads: a pool of their own, not shown as work in the status bar
        polls = new BackgroundTasks("npr-poll", 1);
        viewModel = new WorkbenchViewModel(home, tasks, polls, new WindowDialogService(() -> stage, TITLE),
                new TrainingLauncher(home), Platform::runLater);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        view = new WorkbenchView(viewModel, tasks);
        scene = new Scene(view,
                Math.min(WIDTH, screen.getWidth()), Math.min(HEIGHT, screen.getHeight()));
        Theme.apply(scene);
        scene.getStylesheets().add(WorkbenchWindow.class.getResource("workbench.css").toExternalForm());
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                firstLayout.complete(null);
            }
        });
        stage.setTitle(TITLE);
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!leaveOrStopRuns()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> {
            tasks.close();
            polls.close();
            viewModel.training().close();
        });
    }

    /**
     * Asks, when this window's runs are still training, whether to leave them going or stop them;
     * returns false when the user cancels closing.
     */
    private boolean leaveOrStopRuns() {
        TrainingLauncher launcher = viewModel.training().launcher();
        List<TrainingLauncher.Child> running = launcher.running();
        if (running.isEmpty()) {
            return true;
        }
        ButtonType leave = new ButtonType("Leave running", ButtonBar.ButtonData.YES);
        ButtonType stop = new ButtonType("Stop them", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", leave, stop, ButtonType.CANCEL);
        ask.initOwner(stage);
        ask.setTitle(TITLE);
        ask.setHeaderText(running.size() == 1 ? "Run " + running.get(0).run() + " is still training"
                : running.size() + " runs are still training");
        ask.setContentText("Leave them running: they go on in their own processes and the Training page follows them "
                + "when you open the workbench again. Stop them: each can be resumed later.");
        ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == stop) {
            Thread t = new Thread(launcher::stopAll, "npr-stop-runs");
            t.start();
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return answer != ButtonType.CANCEL;
    }

    /** Builds the window on {@code stage}, shows it and starts the first background work. */
    public static WorkbenchWindow open(Stage stage, DataHome home) {
        WorkbenchWindow window = new WorkbenchWindow(stage, home);
        window.viewModel.start();
        stage.show();
        return window;
    }

    /** Completes once the first layout is done and no background work is running. */
    public CompletableFuture<Void> whenSettled() {
        return firstLayout.thenCompose(v -> tasks.whenIdle());
    }

    /**
     * Renders the scene now and writes it as PNG on the background pool. The future fails with a
     * {@link BadInputException} naming the file when it cannot be written.
     */
    public CompletableFuture<Path> writeScreenshot(Path file) {
        view.prepareSnapshot();
        BufferedImage image = PngSnapshot.capture(scene);
        return tasks.run("Writing " + file.getFileName(), () -> {
            try {
                PngSnapshot.write(image, file);
                return file;
            } catch (IOException e) {
                throw BadInputException.inFile(file, "cannot write the screenshot (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + "); check that the folder exists and is writable");
            }
        }, p -> { }, e -> { });
    }

    public WorkbenchViewModel viewModel() {
        return viewModel;
    }

    public Stage stage() {
        return stage;
    }

    public Scene scene() {
        return scene;
    }
}
