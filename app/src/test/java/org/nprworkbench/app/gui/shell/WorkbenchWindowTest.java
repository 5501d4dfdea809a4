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

import javax.imageio.ImageIO;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.checkpoint.CheckpointSummary;
import org.nprworkbench.app.gui.fixture.CheckpointFolders;
import org.nprworkbench.app.gui.fixture.WindowFixture;
import org.nprworkbench.app.gui.models.CheckpointRow;
import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.training.TrainingViewModel;
import org.nprworkbench.input.BadInputException;
import org.testfx.util.WaitForAsyncUtils;

/** The workbench window under headless Monocle: sections, the Models page, errors and screenshots. */
class WorkbenchWindowTest {
    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dir;

    @RegisterExtension
    final WindowFixture ui = new WindowFixture(TIMEOUT_S);

    @Test
    void opensWithTitleSectionsAndStatusBar() throws Exception {
        ui.open(dir);
        assertEquals("NPR Workbench", ui.window().stage().getTitle());
        assertTrue(ui.window().stage().isShowing());
        ListView<Section> nav = ui.find("#navigation");
        assertEquals(List.of("Overview", "Models", "Training", "Runs", "Explore", "Compare", "Problems"),
                nav.getItems().stream().map(Section::title).toList());
        assertTrue(ui.find("#page-overview").isVisible());
        assertEquals(dir.toString(), ui.<Label>find("#status-home").getText());
        assertTrue(ui.<Label>find("#status-runtime").getText().startsWith("Java 17"));
        ui.settle();
        assertTrue(ui.texts().contains("Ready"), "the task indicator says Ready once idle");
        String device = ui.<Label>find("#overview-device").getText();
        assertFalse(device.startsWith("Detecting"), device);
    }

    @Test
    void navigationShowsEachSectionsPage() throws Exception {
        ui.open(dir);
        ui.robot().clickOn("#nav-training");
        assertEquals(Section.TRAINING, ui.fx(() -> ui.window().viewModel().sectionProperty().get()));
        assertTrue(ui.find("#training-start").isVisible(), "the Training page shows its New-run actions");
        ui.robot().clickOn("#nav-runs");
        assertTrue(ui.find("#runs-table").isVisible(), "the Runs page shows the run browser");
        for (Section s : List.of(Section.PROBLEMS)) {
            ui.robot().clickOn("#nav-" + s.name().toLowerCase());
            assertTrue(ui.texts().contains(s.emptyTitle()), s + " shows its placeholder");
        }
        ui.fx(() -> ui.window().viewModel().sectionProperty().set(Section.OVERVIEW));
        assertEquals(Section.OVERVIEW, ui.fx(() -> ui.<ListView<Section>>find("#navigation")
                .getSelectionModel().getSelectedItem()));
    }

    @Test
    void modelsListsCheckpointFoldersWithTheirConfig() throws Exception {
        Path tiny = CheckpointFolders.micro(dir.resolve("checkpoints/tiny"));
        Files.writeString(tiny.resolve("npr.json"), "{\"stage\": \"npr-beta\"}");
        CheckpointFolders.micro(dir.resolve("checkpoints/run-7/step-100"));
        ui.open(dir);
        ui.robot().clickOn("#nav-models");
        ui.settle();
        TableView<CheckpointRow> table = ui.find("#models-table");
        assertTrue(ui.fx(() -> WindowFixture.shown(table)));
        assertFalse(ui.find("#models-empty").isVisible());
        assertEquals(List.of("run-7/step-100", "tiny"), table.getItems().stream().map(CheckpointRow::name).toList());
        String weights = CheckpointRow.of(table.getItems().get(1).checkpoint()).weights();
        List<String> shown = ui.texts();
        for (String cell : List.of("tiny", "npr-beta", "init", "qwen3", "64", "2", "128", weights, "run-7/step-100", "Ready")) {
            assertTrue(shown.contains(cell), "the table shows " + cell + " in " + shown);
        }
        assertTrue(shown.contains("No checkpoint selected"), "the details wait for a selection: " + shown);
        assertTrue(ui.dialogs().isEmpty());

        ui.robot().clickOn("tiny");
        assertEquals(tiny, ui.fx(() -> ui.window().viewModel().selection().checkpointProperty().get().folder()));
        assertEquals(tiny.toString(), ui.<Label>find("#models-detail-folder").getText());
        assertEquals("Ready", ui.<Label>find("#models-detail-status").getText());
        assertFalse(ui.find("#models-detail-problem").isVisible());
        assertEquals("Checkpoint tiny", ui.<Label>find("#status-selection").getText());
    }

    @Test
    void aTruncatedCheckpointIsShownBrokenWithTheReason() throws Exception {
        CheckpointFolders.micro(dir.resolve("checkpoints/good"));
        Path cut = CheckpointFolders.truncated(dir.resolve("checkpoints/truncated"));
        ui.open(dir);
        ui.settle();
        List<String> messages = ui.dialogs();
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains(cut.resolve("model.safetensors") + ": "), messages.get(0));
        ui.fx(() -> Window.getWindows().stream().filter(w -> w != ui.window().stage()).toList().forEach(Window::hide));
        ui.robot().clickOn("#nav-models");
        ui.settle();

        CheckpointRow row = ui.fx(() -> ui.window().viewModel().models().rows().get(1));
        assertEquals("truncated", row.name());
        assertTrue(row.status().startsWith("Broken: model.safetensors: "), row.status());
        assertTrue(ui.texts().contains(row.status()), "the status column shows " + row.status());
        assertTrue(ui.texts().contains("Ready"), "the good one is ready");

        ui.robot().clickOn("truncated");
        assertEquals("Broken", ui.<Label>find("#models-detail-status").getText());
        Label problem = ui.find("#models-detail-problem");
        assertTrue(problem.isVisible());
        assertEquals(row.problem(), problem.getText());
        assertTrue(problem.getText().contains("truncated or corrupt"), problem.getText());
        assertEquals("Checkpoint truncated (broken)", ui.<Label>find("#status-selection").getText());
        Node details = ui.find("#models-details");
        assertTrue(ui.fx(() -> details.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("broken"))), "the details card is marked broken");
    }

    @Test
    void modelsShowsAnEmptyStateWithTheInitCommand() throws Exception {
        ui.open(dir);
        ui.robot().clickOn("#nav-models");
        ui.settle();
        Node table = ui.find("#models-table");
        assertFalse(ui.fx(() -> WindowFixture.shown(table)), "no table while there is nothing to list");
        assertTrue(ui.find("#models-empty").isVisible());
        assertTrue(ui.texts().contains("No checkpoints yet"));
        String init = "npr model init --size tiny --out " + dir.resolve("checkpoints/tiny");
        assertTrue(ui.texts().contains(init), "shows " + init);
    }

    @Test
    void unreadableConfigIsListedAndReportedInAnAlertNamingTheFile() throws Exception {
        Path broken = dir.resolve("checkpoints/broken");
        writeConfig(broken, "{\"hidden_size\": 12");
        ui.open(dir);
        ui.settle();
        List<String> messages = ui.dialogs();
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains(broken.resolve("config.json").toString()), messages.get(0));
        assertTrue(messages.get(0).contains("not valid JSON"), messages.get(0));
        CheckpointSummary row = ui.fx(() -> ui.window().viewModel().models().rows().get(0).checkpoint());
        assertEquals("broken", row.name());
        assertTrue(row.broken());
        ui.fx(() -> ui.window().viewModel().models().refresh());
        ui.settle();
        assertEquals(1, ui.dialogs().size(), "the same problem is reported once");
    }

    @Test
    void openingAFolderAddsItAndAFolderWithoutConfigIsReported() throws Exception {
        Path outside = dir.resolve("elsewhere/qwen3-0.6b");
        CheckpointFolders.micro(outside);
        Path notCheckpoint = Files.createDirectories(dir.resolve("elsewhere/photos"));
        ui.open(dir);
        ui.settle();
        ui.fx(() -> ui.window().viewModel().models().open(outside));
        ui.settle();
        List<CheckpointRow> listed = ui.fx(() -> List.copyOf(ui.window().viewModel().models().rows()));
        assertEquals(1, listed.size());
        assertEquals("qwen3-0.6b", listed.get(0).name());
        assertEquals("2", listed.get(0).layers());
        assertEquals("Ready", listed.get(0).status());
        ui.fx(() -> ui.window().viewModel().models().refresh());
        ui.settle();
        assertEquals(1, ui.fx(() -> ui.window().viewModel().models().rows().size()), "kept after a rescan");

        ui.fx(() -> ui.window().viewModel().models().open(notCheckpoint));
        ui.settle();
        List<String> messages = ui.dialogs();
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).contains(notCheckpoint + ": not a checkpoint folder"), messages.get(0));
    }

    @Test
    void helpAboutAndFileQuitWorkFromTheMenus() throws Exception {
        ui.open(dir);
        ui.robot().clickOn("Help").clickOn("About NPR Workbench");
        List<String> shown = ui.dialogs();
        assertEquals(1, shown.size());
        assertTrue(shown.get(0).startsWith("NPR Workbench"), shown.get(0));
        assertTrue(shown.get(0).contains("Data home: " + dir), shown.get(0));
        ui.fx(() -> Window.getWindows().stream().filter(w -> w != ui.window().stage()).toList().forEach(Window::hide));
        ui.robot().clickOn("File").clickOn("Quit");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(ui.window().stage().isShowing());
    }

    @Test
    void keyStrokesDriveTheMainActions() throws Exception {
        ui.open(dir);
        ui.settle();
        ui.type(KeyCode.T, true, false);
        assertEquals(Section.TRAINING, ui.fx(() -> ui.window().viewModel().sectionProperty().get()), "Ctrl+T: Training");
        ui.type(KeyCode.R, true, false);
        assertEquals(Section.RUNS, ui.fx(() -> ui.window().viewModel().sectionProperty().get()), "Ctrl+R: the run browser");

        TrainingViewModel training = ui.window().viewModel().training();
        ui.fx(() -> training.formShownProperty().set(false));
        ui.type(KeyCode.N, true, false);
        assertEquals(Section.TRAINING, ui.fx(() -> ui.window().viewModel().sectionProperty().get()), "Ctrl+N: a new run");
        assertTrue(ui.fx(() -> training.formShownProperty().get()), "with the form open");

        ui.fx(() -> training.params().stream().filter(p -> p.key().equals("zero_steps")).findFirst().orElseThrow()
                .valueProperty().set("many"));
        ui.type(KeyCode.ENTER, true, false);
        List<String> shown = ui.dialogs();
        assertEquals(1, shown.size(), "Ctrl+Enter: start, refused with the reason: " + shown);
        assertTrue(shown.get(0).contains("zero_steps"), shown.get(0));
        assertTrue(ui.fx(() -> training.launcher().running().isEmpty()), "nothing started");

        ui.type(KeyCode.D, true, true);
        assertTrue(ui.fx(() -> ui.window().scene().getRoot().getStyleClass().contains("dark")), "Ctrl+Shift+D: dark");
        ui.type(KeyCode.D, true, true);
        assertFalse(ui.fx(() -> ui.window().scene().getRoot().getStyleClass().contains("dark")), "and back");
        ui.type(KeyCode.D, false, true);
        assertFalse(ui.fx(() -> ui.window().scene().getRoot().getStyleClass().contains("dark")), "Shift+D alone is no shortcut");
    }

    @Test
    void theNewRunFormOffersABenchmarkFileInsteadOfATask() throws Exception {
        Path bench = dir.resolve("bench.jsonl");
        Files.writeString(bench, "{\"problem\": \"1+1?\", \"answer\": \"2\"}\n");
        ui.open(dir);
        ui.type(KeyCode.N, true, false);
        Node file = ui.find("#training-benchmark");
        assertFalse(ui.fx(() -> WindowFixture.shown(file)), "no file row while a task family is chosen");
        javafx.scene.control.ComboBox<String> task = ui.find("#training-task");
        ui.fx(() -> task.setValue(TrainingViewModel.BENCHMARK_CHOICE));
        assertTrue(ui.fx(() -> WindowFixture.shown(file)), "the file row and its Choose button appear");
        assertTrue(ui.fx(() -> WindowFixture.shown(ui.find("#training-benchmark-choose"))));
        TrainingViewModel training = ui.window().viewModel().training();
        ui.fx(() -> training.benchmarkProperty().set(bench.toAbsolutePath())); // what the file chooser sets
        assertEquals(bench.toAbsolutePath().toString(), ui.<javafx.scene.control.TextField>find("#training-benchmark").getText());
        String command = ui.fx(() -> training.formCommandProperty().get());
        assertTrue(command.contains("train --benchmark " + bench.toAbsolutePath()) && !command.contains("--task"), command);
    }

    @Test
    void screenshotWritesAPngOfTheViewAskedForAfterTheModelsScan() throws Exception {
        CheckpointFolders.micro(dir.resolve("checkpoints/tiny"));
        Path png = dir.resolve("shot.png");
        ui.open(dir);
        CompletableFuture<Void> done = ui.fx(() -> Workbench.script(ui.window(),
                new WorkbenchOptions(png, Duration.ofMillis(50), Section.MODELS)));
        done.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertEquals(1, ui.fx(() -> ui.window().viewModel().models().rows().size()), "the scan finished first");
        assertTrue(ui.find("#page-models").isVisible(), "the Models page is shown");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((int) WorkbenchWindow.WIDTH, image.getWidth());
        assertEquals((int) WorkbenchWindow.HEIGHT, image.getHeight());
        assertTrue(Files.size(png) > 10_000, "a rendered window, not a blank image: " + Files.size(png) + " bytes");
    }

    @Test
    void screenshotIntoAMissingFolderFailsNamingTheFile() throws Exception {
        Path png = dir.resolve("no/such/folder/shot.png");
        ui.open(dir);
        CompletableFuture<Void> done = ui.fx(() -> Workbench.script(ui.window(), new WorkbenchOptions(png, null, null)));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> done.get(TIMEOUT_S, TimeUnit.SECONDS));
        BadInputException bad = assertInstanceOf(BadInputException.class, e.getCause());
        assertTrue(bad.getMessage().startsWith(png + ": cannot write the screenshot"), bad.getMessage());
    }

    private void writeConfig(Path folder, String config) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("config.json"), config);
    }

}
