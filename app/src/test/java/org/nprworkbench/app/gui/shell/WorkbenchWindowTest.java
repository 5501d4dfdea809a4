package org.nprworkbench.app.gui.shell;

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
import org.nprworkbench.app.gui.fixture.CheckpointFolders;
import org.nprworkbench.app.gui.models.CheckpointRow;
import org.nprworkbench.app.gui.section.Section;
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
        assertTrue(find("#training-start").isVisible(), "the Training page shows its New-run actions");
        robot.clickOn("#nav-runs");
        assertTrue(find("#runs-table").isVisible(), "the Runs page shows the run browser");
        for (Section s : List.of(Section.PROBLEMS)) {
            robot.clickOn("#nav-" + s.name().toLowerCase());
            assertTrue(texts().contains(s.emptyTitle()), s + " shows its placeholder");
        }
        fx(() -> window.viewModel().sectionProperty().set(Section.OVERVIEW));
        assertEquals(Section.OVERVIEW, fx(() -> this.<ListView<Section>>find("#navigation")
                .getSelectionModel().getSelectedItem()));
    }

    @Test
    void modelsListsCheckpointFoldersWithTheirConfig() throws Exception {
        Path tiny = CheckpointFolders.micro(dir.resolve("checkpoints/tiny"));
        Files.writeString(tiny.resolve("npr.json"), "{\"stage\": \"npr-beta\"}");
        CheckpointFolders.micro(dir.resolve("checkpoints/run-7/step-100"));
        open();
        robot.clickOn("#nav-models");
        settle();
        TableView<CheckpointRow> table = find("#models-table");
        assertTrue(fx(() -> visibleParents(table)));
        assertFalse(find("#models-empty").isVisible());
        assertEquals(List.of("run-7/step-100", "tiny"), table.getItems().stream().map(CheckpointRow::name).toList());
        String weights = CheckpointRow.of(table.getItems().get(1).checkpoint()).weights();
        List<String> shown = texts();
        for (String cell : List.of("tiny", "npr-beta", "init", "qwen3", "64", "2", "128", weights, "run-7/step-100", "Ready")) {
            assertTrue(shown.contains(cell), "the table shows " + cell + " in " + shown);
        }
        assertTrue(shown.contains("No checkpoint selected"), "the details wait for a selection: " + shown);
        assertTrue(dialogs().isEmpty());

        robot.clickOn("tiny");
        assertEquals(tiny, fx(() -> window.viewModel().selection().checkpointProperty().get().folder()));
        assertEquals(tiny.toString(), this.<Label>find("#models-detail-folder").getText());
        assertEquals("Ready", this.<Label>find("#models-detail-status").getText());
        assertFalse(find("#models-detail-problem").isVisible());
        assertEquals("Checkpoint tiny", this.<Label>find("#status-selection").getText());
    }

    @Test
    void aTruncatedCheckpointIsShownBrokenWithTheReason() throws Exception {
        CheckpointFolders.micro(dir.resolve("checkpoints/good"));
        Path cut = CheckpointFolders.truncated(dir.resolve("checkpoints/truncated"));
        open();
        settle();
        List<String> messages = dialogs();
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains(cut.resolve("model.safetensors") + ": "), messages.get(0));
        fx(() -> Window.getWindows().stream().filter(w -> w != window.stage()).toList().forEach(Window::hide));
        robot.clickOn("#nav-models");
        settle();

        CheckpointRow row = fx(() -> window.viewModel().models().rows().get(1));
        assertEquals("truncated", row.name());
        assertTrue(row.status().startsWith("Broken: model.safetensors: "), row.status());
        assertTrue(texts().contains(row.status()), "the status column shows " + row.status());
        assertTrue(texts().contains("Ready"), "the good one is ready");

        robot.clickOn("truncated");
        assertEquals("Broken", this.<Label>find("#models-detail-status").getText());
        Label problem = find("#models-detail-problem");
        assertTrue(problem.isVisible());
        assertEquals(row.problem(), problem.getText());
        assertTrue(problem.getText().contains("truncated or corrupt"), problem.getText());
        assertEquals("Checkpoint truncated (broken)", this.<Label>find("#status-selection").getText());
        Node details = find("#models-details");
        assertTrue(fx(() -> details.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("broken"))), "the details card is marked broken");
    }

    @Test
    void modelsShowsAnEmptyStateWithTheInitCommand() throws Exception {
        open();
        robot.clickOn("#nav-models");
        settle();
        Node table = find("#models-table");
        assertFalse(fx(() -> visibleParents(table)), "no table while there is nothing to list");
        assertTrue(find("#models-empty").isVisible());
        assertTrue(texts().contains("No checkpoints yet"));
        String init = "npr model init --size tiny --out " + dir.resolve("checkpoints/tiny");
        assertTrue(texts().contains(init), "shows " + init);
    }

    @Test
    void unreadableConfigIsListedAndReportedInAnAlertNamingTheFile() throws Exception {
        Path broken = dir.resolve("checkpoints/broken");
        writeConfig(broken, "{\"hidden_size\": 12");
        open();
        settle();
        List<String> messages = dialogs();
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains(broken.resolve("config.json").toString()), messages.get(0));
        assertTrue(messages.get(0).contains("not valid JSON"), messages.get(0));
        CheckpointSummary row = fx(() -> window.viewModel().models().rows().get(0).checkpoint());
        assertEquals("broken", row.name());
        assertTrue(row.broken());
        fx(() -> window.viewModel().models().refresh());
        settle();
        assertEquals(1, dialogs().size(), "the same problem is reported once");
    }

    @Test
    void openingAFolderAddsItAndAFolderWithoutConfigIsReported() throws Exception {
        Path outside = dir.resolve("elsewhere/qwen3-0.6b");
        CheckpointFolders.micro(outside);
        Path notCheckpoint = Files.createDirectories(dir.resolve("elsewhere/photos"));
        open();
        settle();
        fx(() -> window.viewModel().models().open(outside));
        settle();
        List<CheckpointRow> listed = fx(() -> List.copyOf(window.viewModel().models().rows()));
        assertEquals(1, listed.size());
        assertEquals("qwen3-0.6b", listed.get(0).name());
        assertEquals("2", listed.get(0).layers());
        assertEquals("Ready", listed.get(0).status());
        fx(() -> window.viewModel().models().refresh());
        settle();
        assertEquals(1, fx(() -> window.viewModel().models().rows().size()), "kept after a rescan");

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
    void screenshotWritesAPngOfTheViewAskedForAfterTheModelsScan() throws Exception {
        CheckpointFolders.micro(dir.resolve("checkpoints/tiny"));
        Path png = dir.resolve("shot.png");
        open();
        CompletableFuture<Void> done = fx(() -> Workbench.script(window,
                new WorkbenchOptions(png, Duration.ofMillis(50), Section.MODELS)));
        done.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertEquals(1, fx(() -> window.viewModel().models().rows().size()), "the scan finished first");
        assertTrue(find("#page-models").isVisible(), "the Models page is shown");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((int) WorkbenchWindow.WIDTH, image.getWidth());
        assertEquals((int) WorkbenchWindow.HEIGHT, image.getHeight());
        assertTrue(Files.size(png) > 10_000, "a rendered window, not a blank image: " + Files.size(png) + " bytes");
    }

    @Test
    void screenshotIntoAMissingFolderFailsNamingTheFile() throws Exception {
        Path png = dir.resolve("no/such/folder/shot.png");
        open();
        CompletableFuture<Void> done = fx(() -> Workbench.script(window, new WorkbenchOptions(png, null, null)));
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

    private static void writeConfig(Path folder, String config) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("config.json"), config);
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void fx(Runnable run) throws Exception {
        WaitForAsyncUtils.asyncFx(run).get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
