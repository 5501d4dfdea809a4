package org.nprworkbench.app.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.checkpoint.CheckpointScanner;
import org.nprworkbench.app.gui.explore.ExploreTraces;
import org.nprworkbench.app.gui.explore.ExploreViewModel;
import org.nprworkbench.app.gui.fixture.CheckpointFolders;
import org.nprworkbench.app.gui.fixture.WindowFixture;
import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.visualizer.explorer.AnswerExplorer;
import org.nprworkbench.visualizer.explorer.ExplorerModel;

/**
 * The Explore page in the workbench window under headless Monocle: the example on first visit, an
 * imported malformed trace with its break, a two-block trace's branches, a clicked node's tokens,
 * the replay slider, solving on a micro checkpoint, and the scripted screenshot.
 */
class ExploreWindowTest {
    private static final long TIMEOUT_S = 60;

    @TempDir
    Path dir;

    @RegisterExtension
    final WindowFixture ui = new WindowFixture(TIMEOUT_S);

    @Test
    void theFirstVisitWithoutACheckpointShowsTheExampleAndTheSeedCommand() throws Exception {
        ui.open(dir);
        ui.robot().clickOn("#nav-explore");
        ui.settle();
        assertTrue(ui.fx(() -> ui.find("#explore-example-banner").isVisible()), "the seed-SFT path is explained");
        ExplorerModel model = ui.fx(() -> explorer().model());
        assertNotNull(model, "an answer is on screen at once");
        assertTrue(drawnSteps() >= 2, "the example's branches are drawn");
        assertEquals("yes (expected " + model.graph().answer() + ")", ui.<Label>find("#totals-correct").getText());
        ui.robot().clickOn("#explore-copy-seed");
        assertEquals(ExploreViewModel.SEED_COMMAND, ui.fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()));
        ui.shot("explore-example");
    }

    @Test
    void aMalformedTraceOpensWithItsBreakAndReason() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.txt"), ExploreTraces.MALFORMED);
        ui.open(dir);
        ui.robot().clickOn("#nav-explore");
        ui.settle();
        ui.fx(() -> ui.window().viewModel().explore().openTrace(file));
        ui.settle();
        Label broken = ui.find("#explore-break");
        assertTrue(ui.fx(broken::isVisible));
        ExplorerModel model = ui.fx(() -> explorer().model());
        assertEquals(model.graph().breakAt().reason(), ui.fx(() -> broken.getText()).replaceFirst("^[^:]*: ", ""));
        assertTrue(ui.fx(() -> !ui.find("#explore-example-banner").isVisible()));
        assertTrue(ui.fx(() -> explorer().graphView().graphLayout().nodes().stream().anyMatch(b -> b.mark() != org.nprworkbench.visualizer.graph.NodeMark.NONE)),
                "the malformed tail is marked in the graph");
        ui.shot("explore-malformed");
    }

    @Test
    void aTwoBlockTraceShowsItsBranchesAClickedNodesTokensAndReplays() throws Exception {
        Path file = writeJsonl(dir.resolve("outputs.jsonl"), ExploreTraces.TWO_BLOCKS, ExploreTraces.TWO_BLOCKS + " ");
        ui.open(dir);
        Path f = file;
        ui.fx(() -> ui.window().viewModel().explore().openTrace(f));
        ui.robot().clickOn("#nav-explore");
        ui.settle();
        assertEquals("1 of 2", ui.<Label>find("#explore-position").getText());
        assertEquals(5, drawnSteps(), "3 + 2 branches");
        ExplorerModel model = ui.fx(() -> explorer().model());
        GraphNode step = model.graph().nodes().stream().filter(n -> n.kind() == NodeKind.STEP).skip(3).findFirst().orElseThrow();
        Point2D at = ui.fx(() -> explorer().graphView().graphStreamView().localToScreen(explorer().graphView().pixelOf(step.id())));
        ui.robot().clickOn(at);
        ui.settle();
        assertEquals(step.id(), ui.fx(() -> explorer().tokenView().scopeNode()));
        int[] shown = ui.fx(() -> explorer().tokenView().shownTokens());
        assertEquals(step.tokenCount(), shown.length, "the node's tokens");
        assertEquals(step.firstToken(), shown[0]);

        int last = ui.fx(() -> model.replay().lastStep());
        Node thumb = ui.find("#replay-slider .thumb");
        double width = ui.fx(() -> explorer().replayBar().slider().getWidth());
        ui.robot().drag(thumb).moveBy(-width * 0.6, 0).release(MouseButton.PRIMARY);
        ui.settle();
        int at2 = ui.fx(() -> explorer().replayBar().stepProperty().get());
        assertTrue(at2 > 0 && at2 < last, "step " + at2 + " of " + last);
        assertTrue(ui.fx(() -> model.graph().nodes().stream().anyMatch(n -> !explorer().graphView().isNodeShown(n.id()))),
                "nodes not started yet are hidden");
        ui.shot("explore-replay");

        ui.robot().clickOn("#explore-next");
        ui.settle();
        assertEquals("2 of 2", ui.<Label>find("#explore-position").getText());
        assertTrue(ui.fx(() -> explorer().model()) != model, "the second answer is mounted");
    }

    @Test
    void solvingOnAMicroCheckpointShowsTheGraph() throws Exception {
        Path ck = CheckpointFolders.micro(dir.resolve("checkpoints/micro"));
        ui.open(dir);
        ui.settle();
        ui.fx(() -> {
            ui.window().viewModel().selection().checkpointProperty().set(CheckpointScanner.open(ck));
            ui.window().viewModel().explore().samplesProperty().set(2);
            ui.window().viewModel().explore().maxTokensProperty().set(64);
        });
        ui.robot().clickOn("#nav-explore");
        ui.settle();
        assertEquals("micro", ui.<javafx.scene.control.Button>find("#explore-checkpoint").getText());
        ExplorerModel model = ui.fx(() -> explorer().model());
        assertNotNull(model, "a test problem was solved on the checkpoint");
        assertTrue(model.graph().origin().startsWith("engine:parallel"), model.graph().origin());
        assertTrue(ui.fx(() -> explorer().graphView().graphStreamView().getViewer().getGraphicGraph().getNodeCount()) >= 2);
        assertEquals(java.util.Arrays.stream(model.graph().branchesPerBlock()).sum(), drawnSteps(),
                "one branch node drawn per branch of each block the answer wrote");
        assertEquals("1 of 2", ui.<Label>find("#explore-position").getText());
        assertTrue(ui.fx(() -> !ui.find("#explore-example-banner").isVisible()));

        // a solved answer has log-probs: every response token is drawn on a colour of the log-prob scale
        // (an untrained micro model's log-probs are nearly uniform, so the colours may all be alike)
        ui.fx(() -> explorer().tokenView().showWholeAnswer());
        int[] shown = ui.fx(() -> explorer().tokenView().shownTokens());
        int coloured = 0;
        for (int i : shown) {
            if (i >= model.graph().promptLength()) {
                assertTrue(ui.fx(() -> explorer().tokenView().backgroundOf(i)) != -1, "response token " + i + " is coloured");
                coloured++;
            }
        }
        assertTrue(coloured > 0, "the answer's tokens are shown");
        ui.shot("explore-solved");
    }

    @Test
    void theScriptedScreenshotShowsTheTraceAskedFor() throws Exception {
        Path trace = writeJsonl(dir.resolve("t.jsonl"), ExploreTraces.TWO_BLOCKS);
        Path png = dir.resolve("explore.png");
        ui.open(dir);
        CompletableFuture<Void> done = ui.fx(() -> Workbench.script(ui.window(),
                new WorkbenchOptions(png, null, Section.EXPLORE, null, trace)));
        done.get(TIMEOUT_S, TimeUnit.SECONDS);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((int) WorkbenchWindow.WIDTH, image.getWidth());
        assertEquals(5, drawnSteps());
        assertTrue(ui.fx(() -> explorer().model().graph().origin().contains("t.jsonl")));
        ui.keep(png, "explore-script");
    }

    private Path writeJsonl(Path file, String... texts) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String t : texts) {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            o.addProperty("response", t);
            b.append(o).append('\n');
        }
        return Files.writeString(file, b.toString());
    }

    private long drawnSteps() throws Exception {
        return ui.fx(() -> explorer().graphView().graphStreamView().getViewer().getGraphicGraph().nodes()
                .filter(n -> n.getAttribute("ui.class", String.class).startsWith("k" + NodeKind.STEP.ordinal() + "s"))
                .count());
    }

    private AnswerExplorer explorer() {
        return (AnswerExplorer) ui.window().scene().getRoot().lookup("#explore-explorer");
    }

}
