package org.nprworkbench.app.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.imageio.ImageIO;

import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.checkpoint.CheckpointScanner;
import org.nprworkbench.app.gui.explore.ExploreTraces;
import org.nprworkbench.app.gui.explore.ExploreViewModel;
import org.nprworkbench.app.gui.fixture.CheckpointFolders;
import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.visualizer.explorer.AnswerExplorer;
import org.nprworkbench.visualizer.explorer.ExplorerModel;
import org.nprworkbench.visualizer.snapshot.PngSnapshot;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Explore page in the workbench window under headless Monocle: the example on first visit, an
 * imported malformed trace with its break, a two-block trace's branches, a clicked node's tokens,
 * the replay slider, solving on a micro checkpoint, and the scripted screenshot.
 */
class ExploreWindowTest {
    private static final long TIMEOUT_S = 60;
    private static final Path SHOTS = Path.of("target", "screenshots");

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
    void theFirstVisitWithoutACheckpointShowsTheExampleAndTheSeedCommand() throws Exception {
        open();
        robot.clickOn("#nav-explore");
        settle();
        assertTrue(fx(() -> find("#explore-example-banner").isVisible()), "the seed-SFT path is explained");
        ExplorerModel model = fx(() -> explorer().model());
        assertNotNull(model, "an answer is on screen at once");
        assertTrue(drawnSteps() >= 2, "the example's branches are drawn");
        assertEquals("yes (expected " + model.graph().answer() + ")", this.<Label>find("#totals-correct").getText());
        robot.clickOn("#explore-copy-seed");
        assertEquals(ExploreViewModel.SEED_COMMAND, fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()));
        shot("explore-example");
    }

    @Test
    void aMalformedTraceOpensWithItsBreakAndReason() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.txt"), ExploreTraces.MALFORMED);
        open();
        robot.clickOn("#nav-explore");
        settle();
        fx(() -> window.viewModel().explore().openTrace(file));
        settle();
        Label broken = find("#explore-break");
        assertTrue(fx(broken::isVisible));
        ExplorerModel model = fx(() -> explorer().model());
        assertEquals(model.graph().breakAt().reason(), fx(() -> broken.getText()).replaceFirst("^[^:]*: ", ""));
        assertTrue(fx(() -> !find("#explore-example-banner").isVisible()));
        assertTrue(fx(() -> explorer().graphView().graphLayout().nodes().stream().anyMatch(b -> b.mark() != org.nprworkbench.visualizer.graph.NodeMark.NONE)),
                "the malformed tail is marked in the graph");
        shot("explore-malformed");
    }

    @Test
    void aTwoBlockTraceShowsItsBranchesAClickedNodesTokensAndReplays() throws Exception {
        Path file = writeJsonl(dir.resolve("outputs.jsonl"), ExploreTraces.TWO_BLOCKS, ExploreTraces.TWO_BLOCKS + " ");
        open();
        Path f = file;
        fx(() -> window.viewModel().explore().openTrace(f));
        robot.clickOn("#nav-explore");
        settle();
        assertEquals("1 of 2", this.<Label>find("#explore-position").getText());
        assertEquals(5, drawnSteps(), "3 + 2 branches");
        ExplorerModel model = fx(() -> explorer().model());
        GraphNode step = model.graph().nodes().stream().filter(n -> n.kind() == NodeKind.STEP).skip(3).findFirst().orElseThrow();
        Point2D at = fx(() -> explorer().graphView().graphStreamView().localToScreen(explorer().graphView().pixelOf(step.id())));
        robot.clickOn(at);
        settle();
        assertEquals(step.id(), fx(() -> explorer().tokenView().scopeNode()));
        int[] shown = fx(() -> explorer().tokenView().shownTokens());
        assertEquals(step.tokenCount(), shown.length, "the node's tokens");
        assertEquals(step.firstToken(), shown[0]);

        int last = fx(() -> model.replay().lastStep());
        Node thumb = find("#replay-slider .thumb");
        double width = fx(() -> explorer().replayBar().slider().getWidth());
        robot.drag(thumb).moveBy(-width * 0.6, 0).release(MouseButton.PRIMARY);
        settle();
        int at2 = fx(() -> explorer().replayBar().stepProperty().get());
        assertTrue(at2 > 0 && at2 < last, "step " + at2 + " of " + last);
        assertTrue(fx(() -> model.graph().nodes().stream().anyMatch(n -> !explorer().graphView().isNodeShown(n.id()))),
                "nodes not started yet are hidden");
        shot("explore-replay");

        robot.clickOn("#explore-next");
        settle();
        assertEquals("2 of 2", this.<Label>find("#explore-position").getText());
        assertTrue(fx(() -> explorer().model()) != model, "the second answer is mounted");
    }

    @Test
    void solvingOnAMicroCheckpointShowsTheGraph() throws Exception {
        Path ck = CheckpointFolders.micro(dir.resolve("checkpoints/micro"));
        open();
        settle();
        fx(() -> {
            window.viewModel().selection().checkpointProperty().set(CheckpointScanner.open(ck));
            window.viewModel().explore().samplesProperty().set(2);
            window.viewModel().explore().maxTokensProperty().set(64);
        });
        robot.clickOn("#nav-explore");
        settle();
        assertEquals("micro", this.<javafx.scene.control.Button>find("#explore-checkpoint").getText());
        ExplorerModel model = fx(() -> explorer().model());
        assertNotNull(model, "a test problem was solved on the checkpoint");
        assertTrue(model.graph().origin().startsWith("engine:parallel"), model.graph().origin());
        assertTrue(fx(() -> explorer().graphView().graphStreamView().getViewer().getGraphicGraph().getNodeCount()) >= 2);
        assertEquals(java.util.Arrays.stream(model.graph().branchesPerBlock()).sum(), drawnSteps(),
                "one branch node drawn per branch of each block the answer wrote");
        assertEquals("1 of 2", this.<Label>find("#explore-position").getText());
        assertTrue(fx(() -> !find("#explore-example-banner").isVisible()));

        // a solved answer has log-probs: every response token is drawn on a colour of the log-prob scale
        // (an untrained micro model's log-probs are nearly uniform, so the colours may all be alike)
        fx(() -> explorer().tokenView().showWholeAnswer());
        int[] shown = fx(() -> explorer().tokenView().shownTokens());
        int coloured = 0;
        for (int i : shown) {
            if (i >= model.graph().promptLength()) {
                assertTrue(fx(() -> explorer().tokenView().backgroundOf(i)) != -1, "response token " + i + " is coloured");
                coloured++;
            }
        }
        assertTrue(coloured > 0, "the answer's tokens are shown");
        shot("explore-solved");
    }

    @Test
    void theScriptedScreenshotShowsTheTraceAskedFor() throws Exception {
        Path trace = writeJsonl(dir.resolve("t.jsonl"), ExploreTraces.TWO_BLOCKS);
        Path png = dir.resolve("explore.png");
        open();
        CompletableFuture<Void> done = fx(() -> Workbench.script(window,
                new WorkbenchOptions(png, null, Section.EXPLORE, null, trace)));
        done.get(TIMEOUT_S, TimeUnit.SECONDS);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((int) WorkbenchWindow.WIDTH, image.getWidth());
        assertEquals(5, drawnSteps());
        assertTrue(fx(() -> explorer().model().graph().origin().contains("t.jsonl")));
        Files.createDirectories(SHOTS);
        Files.copy(png, SHOTS.resolve("explore-script.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path writeJsonl(Path file, String... texts) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String t : texts) {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            o.addProperty("response", t);
            b.append(o).append('\n');
        }
        return Files.writeString(file, b.toString());
    }

    private long drawnSteps() throws Exception {
        return fx(() -> explorer().graphView().graphStreamView().getViewer().getGraphicGraph().nodes()
                .filter(n -> n.getAttribute("ui.class", String.class).startsWith("k" + NodeKind.STEP.ordinal() + "s"))
                .count());
    }

    private AnswerExplorer explorer() {
        return (AnswerExplorer) window.scene().getRoot().lookup("#explore-explorer");
    }

    private void shot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        BufferedImage image = fx(() -> PngSnapshot.capture(window.scene()));
        PngSnapshot.write(image, SHOTS.resolve(name + ".png"));
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

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void fx(Runnable run) throws Exception {
        WaitForAsyncUtils.asyncFx(run).get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
