package org.nprworkbench.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.checkpoint.CheckpointSummary;
import org.nprworkbench.app.gui.viewmodel.Section;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The workbench window under headless Monocle: sections, the Models page, errors and screenshots. */
class WorkbenchWindowTest {
    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private WorkbenchWindow window;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
    }

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    @Test
    void opensWithTitleSectionsAndStatusBar() throws Exception {
        open();
        assertEquals("NPR Workbench", window.stage().getTitle());
        assertTrue(window.stage().isShowing());
        ListView<Section> nav = find("#navigation");
        assertEquals(List.of("Overview", "Models", "Training", "Runs", "Explore", "Compare", "Problems"),
                nav.getItems().stream().map(Section::title).toList());
        assertTrue(find("#page-overview").isVisible());
        assertEquals(dir.toString(), this.<Label>find("#status-home").getText());
        assertTrue(this.<Label>find("#status-runtime").getText().startsWith("Java 17"));
        settle();
        assertTrue(texts().contains("Ready"), "the task indicator says Ready once idle");
        String device = this.<Label>find("#overview-device").getText();
        assertFalse(device.startsWith("Detecting"), device);
    }

    @Test
    void navigationShowsEachSectionsPage() throws Exception {
        open();
        robot.clickOn("#nav-training");
        assertEquals(Section.TRAINING, fx(() -> window.viewModel().sectionProperty().get()));
        assertTrue(texts().contains("No training is running"));
        for (Section s : List.of(Section.RUNS, Section.EXPLORE, Section.COMPARE, Section.PROBLEMS)) {
            robot.clickOn("#nav-" + s.name().toLowerCase());
            assertTrue(texts().contains(s.emptyTitle()), s + " shows its placeholder");
        }
        fx(() -> window.viewModel().sectionProperty().set(Section.OVERVIEW));
        assertEquals(Section.OVERVIEW, fx(() -> this.<ListView<Section>>find("#navigation")
                .getSelectionModel().getSelectedItem()));
    }

    @Test
    void modelsListsCheckpointFoldersWithTheirConfig() throws Exception {
        writeCheckpoint(dir.resolve("checkpoints/tiny"), "{\"model_type\": \"qwen3\", \"hidden_size\": 128,"
                + " \"num_hidden_layers\": 4, \"vocab_size\": 300}", "{\"stage\": \"npr-beta\"}");
        writeCheckpoint(dir.resolve("checkpoints/run-7/step-100"), "{\"hidden_size\": 256}", null);
        Files.write(dir.resolve("checkpoints/tiny/model.safetensors"), new byte[2500]);
        open();
        robot.clickOn("#nav-models");
        settle();
        TableView<CheckpointSummary> table = find("#models-table");
        assertTrue(table.isVisible());
        assertFalse(find("#models-empty").isVisible());
        assertEquals(List.of("run-7/step-100", "tiny"), table.getItems().stream().map(CheckpointSummary::name).toList());
        List<String> shown = texts();
        for (String cell : List.of("tiny", "npr-beta", "qwen3", "128", "4", "300", "2.5 KB", "run-7/step-100", "256")) {
            assertTrue(shown.contains(cell), "the table shows " + cell + " in " + shown);
        }
        assertTrue(dialogs().isEmpty());
    }

    @Test
    void modelsShowsAnEmptyStateWithTheInitCommand() throws Exception {
        open();
        robot.clickOn("#nav-models");
        settle();
        assertFalse(find("#models-table").isVisible());
        assertTrue(find("#models-empty").isVisible());
        assertTrue(texts().contains("No checkpoints yet"));
        String init = "npr model init --size tiny --out " + dir.resolve("checkpoints/tiny");
        assertTrue(texts().contains(init), "shows " + init);
    }

    @Test
    void unreadableConfigIsListedAndReportedInAnAlertNamingTheFile() throws Exception {
        Path broken = dir.resolve("checkpoints/broken");
        writeCheckpoint(broken, "{\"hidden_size\": 12", null);
        open();
        settle();
        List<String> messages = dialogs();
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains(broken.resolve("config.json").toString()), messages.get(0));
        assertTrue(messages.get(0).contains("not valid JSON"), messages.get(0));
        CheckpointSummary row = fx(() -> window.viewModel().models().checkpoints().get(0));
        assertEquals("broken", row.name());
        assertFalse(row.readable());
        fx(() -> window.viewModel().models().refresh());
        settle();
        assertEquals(1, dialogs().size(), "the same problem is reported once");
    }

    @Test
    void openingAFolderAddsItAndAFolderWithoutConfigIsReported() throws Exception {
        Path outside = dir.resolve("elsewhere/qwen3-0.6b");
        writeCheckpoint(outside, "{\"model_type\": \"qwen3\", \"hidden_size\": 1024, \"num_hidden_layers\": 28}", null);
        Path notCheckpoint = Files.createDirectories(dir.resolve("elsewhere/photos"));
        open();
        settle();
        fx(() -> window.viewModel().models().open(outside));
        settle();
        List<CheckpointSummary> listed = fx(() -> List.copyOf(window.viewModel().models().checkpoints()));
        assertEquals(1, listed.size());
        assertEquals("qwen3-0.6b", listed.get(0).name());
        assertEquals(28, listed.get(0).layers());
        fx(() -> window.viewModel().models().refresh());
        settle();
        assertEquals(1, fx(() -> window.viewModel().models().checkpoints().size()), "kept after a rescan");

        fx(() -> window.viewModel().models().open(notCheckpoint));
        settle();
        List<String> messages = dialogs();
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).contains(notCheckpoint + ": not a checkpoint folder"), messages.get(0));
    }

    @Test
    void helpAboutAndFileQuitWorkFromTheMenus() throws Exception {
        open();
        robot.clickOn("Help").clickOn("About NPR Workbench");
        List<String> shown = dialogs();
        assertEquals(1, shown.size());
        assertTrue(shown.get(0).startsWith("NPR Workbench"), shown.get(0));
        assertTrue(shown.get(0).contains("Data home: " + dir), shown.get(0));
        fx(() -> Window.getWindows().stream().filter(w -> w != window.stage()).toList().forEach(Window::hide));
        robot.clickOn("File").clickOn("Quit");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.stage().isShowing());
    }

    @Test
    void screenshotWritesAPngOfTheWindowAfterTheModelsScan() throws Exception {
        writeCheckpoint(dir.resolve("checkpoints/tiny"), "{\"hidden_size\": 64}", null);
        Path png = dir.resolve("shot.png");
        open();
        CompletableFuture<Void> done = fx(() -> Workbench.script(window, new WorkbenchOptions(png, Duration.ofMillis(50))));
        done.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertEquals(1, fx(() -> window.viewModel().models().checkpoints().size()), "the scan finished first");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((int) WorkbenchWindow.WIDTH, image.getWidth());
        assertEquals((int) WorkbenchWindow.HEIGHT, image.getHeight());
        assertTrue(Files.size(png) > 10_000, "a rendered window, not a blank image: " + Files.size(png) + " bytes");
    }

    @Test
    void screenshotIntoAMissingFolderFailsNamingTheFile() throws Exception {
        Path png = dir.resolve("no/such/folder/shot.png");
        open();
        CompletableFuture<Void> done = fx(() -> Workbench.script(window, new WorkbenchOptions(png, null)));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> done.get(TIMEOUT_S, TimeUnit.SECONDS));
        BadInputException bad = assertInstanceOf(BadInputException.class, e.getCause());
        assertTrue(bad.getMessage().startsWith(png + ": cannot write the screenshot"), bad.getMessage());
    }

    private void open() throws Exception {
        DataHome home = new DataHome(dir).ensure();
        window = fx(() -> WorkbenchWindow.open(new Stage(), home));
    }

    private void settle() throws Exception {
        fx(() -> window.whenSettled()).get(TIMEOUT_S, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T extends Node> T find(String query) throws Exception {
        return fx(() -> robot.from(window.scene().getRoot()).lookup(query).<T>query());
    }

    /** The text of every visible label in the window, after the current layout. */
    private List<String> texts() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> robot.from(window.scene().getRoot()).lookup((Node n) -> n instanceof javafx.scene.control.Labeled
                        && n.isVisible() && visibleParents(n))
                .<javafx.scene.control.Labeled>queryAll().stream().map(javafx.scene.control.Labeled::getText).toList());
    }

    private static boolean visibleParents(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    /** The messages of the alerts the window has shown. */
    private List<String> dialogs() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> Window.getWindows().stream().filter(w -> w != window.stage() && w.isShowing())
                .map(w -> w.getScene().getRoot()).filter(DialogPane.class::isInstance)
                .map(r -> ((DialogPane) r).getHeaderText() + "\n" + ((Label) ((DialogPane) r).getContent()).getText())
                .toList());
    }

    private static void writeCheckpoint(Path folder, String config, String provenance) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("config.json"), config);
        if (provenance != null) {
            Files.writeString(folder.resolve("npr.json"), provenance);
        }
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void fx(Runnable run) throws Exception {
        WaitForAsyncUtils.asyncFx(run).get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
