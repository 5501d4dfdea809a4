package org.nprworkbench.visualizer.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.visualizer.Answers;
import org.nprworkbench.visualizer.FxHarness;
import org.nprworkbench.visualizer.graph.NodeBox;
import org.nprworkbench.visualizer.synthetic.SyntheticAnswer;
import org.nprworkbench.visualizer.tokens.ColourMode;
import org.nprworkbench.visualizer.tokens.TokenLegend;
import org.nprworkbench.visualizer.tokens.TokenScale;
import org.nprworkbench.visualizer.totals.Verdict;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The answer explorer under headless Monocle: graph, tokens, attention and replay working together. */
class AnswerExplorerTest {
    private final FxRobot robot = new FxRobot();
    private AnswerExplorer explorer;
    private Scene scene;

    @BeforeAll
    static void toolkit() throws Exception {
        FxHarness.stage();
    }

    @AfterEach
    void close() throws Exception {
        FxHarness.fx(() -> explorer.show(null));
        FxToolkit.cleanupStages();
    }

    private ExplorerModel open(ExecutionGraph graph, Verdict verdict) throws Exception {
        ExplorerModel model = ExplorerModel.build(graph, Answers.TOKENIZER, verdict);
        explorer = FxHarness.fx(AnswerExplorer::new);
        scene = FxHarness.show(explorer, 1280, 800);
        FxHarness.fx(() -> explorer.show(model));
        FxHarness.settle();
        return model;
    }

    private Point2D screenOfNode(int id) throws Exception {
        return FxHarness.fx(() -> explorer.graphView().graphStreamView()
                .localToScreen(explorer.graphView().pixelOf(id)));
    }

    private Point2D screenOfToken(int token) throws Exception {
        return FxHarness.fx(() -> explorer.tokenView().canvas().localToScreen(explorer.tokenView().locate(token)));
    }

    private <T extends Node> T find(String query) throws Exception {
        return FxHarness.fx(() -> robot.from(explorer).lookup(query).<T>query());
    }

    @Test
    void aTwoBlockAnswerShowsItsBranchesAndAClickedNodeShowsItsTokensColoured() throws Exception {
        ExecutionGraph g = SyntheticAnswer.engineGraph(Answers.PROMPT, Answers.TWO_BLOCKS, 11, Answers.TOKENIZER);
        ExplorerModel model = open(g, new Verdict(true, "156"));
        long branches = model.layout().nodes().stream().filter(b -> b.kind() == NodeKind.STEP).count();
        long drawnBranches = FxHarness.fx(() -> explorer.graphView().graphStreamView().getViewer().getGraphicGraph()
                .nodes().filter(n -> n.getAttribute("ui.class", String.class).startsWith("k" + NodeKind.STEP.ordinal() + "s"))
                .count());
        assertEquals(5, branches, "3 + 2 branches");
        assertEquals(branches, drawnBranches, "each branch drawn once");
        assertEquals("yes (expected 156)", this.<Label>find("#totals-correct").getText());
        assertEquals("3 · 2", this.<Label>find("#totals-branches-per-block").getText());
        FxHarness.screenshot(scene, "explorer-two-blocks");

        NodeBox step = model.layout().nodes().stream().filter(b -> b.kind() == NodeKind.STEP).skip(1).findFirst().orElseThrow();
        robot.clickOn(screenOfNode(step.id()));
        FxHarness.settle();
        assertEquals(step.id(), FxHarness.fx(() -> explorer.graphView().selectedNodeProperty().get()));
        assertEquals(step.id(), FxHarness.fx(() -> explorer.tokenView().scopeNode()));
        GraphNode node = g.nodes().get(step.id());
        int[] shown = FxHarness.fx(() -> explorer.tokenView().shownTokens());
        assertEquals(node.tokenCount(), shown.length, "the node's tokens, and only them");
        assertEquals(node.firstToken(), shown[0]);
        int coloured = 0;
        for (int i : shown) {
            int bg = FxHarness.fx(() -> explorer.tokenView().backgroundOf(i));
            assertEquals(TokenScale.colour(ColourMode.LOG_PROB, model.tokens().logProb(i)), bg, "token " + i);
            coloured += bg != TokenScale.NEUTRAL && bg != TokenScale.colour(ColourMode.LOG_PROB, 0f) ? 1 : 0;
        }
        assertTrue(coloured > shown.length / 2, "most tokens carry a log-prob colour: " + coloured);
        String labelText = FxHarness.fx(() -> ((Label) robot.from(explorer).lookup("#token-scope").query()).getText());
        assertTrue(labelText.startsWith("step 2 of block 1"), labelText);

        int hovered = shown[7];
        robot.moveTo(screenOfToken(hovered));
        FxHarness.settle();
        String info = FxHarness.fx(() -> explorer.tokenView().hoverTextProperty().get());
        assertTrue(info.contains("id " + model.tokens().id(hovered)) && info.contains("position " + model.tokens().position(hovered))
                && info.contains("log-prob") && info.contains("entropy") && info.contains("decode step"), info);
        FxHarness.screenshot(scene, "explorer-node-selected");

        robot.clickOn("#token-mode-entropy");
        FxHarness.settle();
        assertEquals(TokenScale.colour(ColourMode.ENTROPY, model.tokens().entropy(hovered)),
                FxHarness.fx(() -> explorer.tokenView().backgroundOf(hovered)));

        robot.clickOn("#token-whole-answer");
        FxHarness.settle();
        assertEquals(-1, FxHarness.fx(() -> explorer.tokenView().scopeNode()));
        assertEquals(-1, FxHarness.fx(() -> explorer.graphView().selectedNodeProperty().get()), "the graph follows");
        assertEquals(model.tokens().size(), FxHarness.fx(() -> explorer.tokenView().shownTokens()).length);
    }

    @Test
    void aSelectedTokenShowsWhatItMayAttendTo() throws Exception {
        ExecutionGraph g = SyntheticAnswer.engineGraph(Answers.PROMPT, Answers.TWO_BLOCKS, 11, Answers.TOKENIZER);
        ExplorerModel model = open(g, null);
        List<GraphNode> steps = g.nodes().stream().filter(n -> n.kind() == NodeKind.STEP).toList();
        GraphNode s1 = steps.get(0);
        GraphNode s3 = steps.get(2);
        int query = s3.firstToken() + 12;
        FxHarness.fx(() -> explorer.tokenView().scrollTo(query));
        FxHarness.settle();
        robot.clickOn(screenOfToken(query));
        robot.clickOn("#token-mode-attention");
        FxHarness.settle();
        assertEquals(query, FxHarness.fx(() -> explorer.tokenView().selectedTokenProperty().get()));
        int sibling = s1.firstToken() + 3;
        assertEquals(rgb(TokenLegend.HIDDEN), FxHarness.fx(() -> explorer.tokenView().backgroundOf(sibling)));
        assertEquals(rgb(TokenLegend.VISIBLE), FxHarness.fx(() -> explorer.tokenView().backgroundOf(s3.firstToken())));
        assertEquals(-1, FxHarness.fx(() -> explorer.tokenView().backgroundOf(query + 1)), "later tokens are not coloured");
        String counts = FxHarness.fx(() -> explorer.attentionView().countsText());
        int hidden = s1.tokenCount() + steps.get(1).tokenCount();
        assertEquals("Token " + query + " sees " + (query - hidden) + " of the " + query + " tokens before it; " + hidden
                + " lie in sibling branches and are hidden.", counts);
        FxHarness.screenshot(scene, "explorer-attention");
    }

    @Test
    void movingTheReplaySliderShowsTheAnswerAsItWas() throws Exception {
        ExecutionGraph g = SyntheticAnswer.engineGraph(Answers.PROMPT, Answers.TWO_BLOCKS, 11, Answers.TOKENIZER);
        ExplorerModel model = open(g, null);
        int last = model.replay().lastStep();
        assertEquals(last, FxHarness.fx(() -> explorer.replayBar().stepProperty().get()), "starts with the whole answer");
        Node thumb = find("#replay-slider .thumb");
        robot.drag(thumb).moveBy(-FxHarness.fx(() -> explorer.replayBar().slider().getWidth()) * 0.62, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        FxHarness.settle();
        int step = FxHarness.fx(() -> explorer.replayBar().stepProperty().get());
        assertTrue(step > 0 && step < last, "step " + step + " of " + last);
        long hiddenNodes = model.layout().nodes().stream().filter(b -> {
            try {
                return !FxHarness.fx(() -> explorer.graphView().isNodeShown(b.id()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
        long absent = g.nodes().stream().filter(n -> model.replay().nodeState(n.id(), step)
                == org.nprworkbench.visualizer.replay.DecodeReplay.NodeState.ABSENT).count();
        assertEquals(absent, hiddenNodes, "the graph hides exactly the nodes not started yet");
        assertTrue(absent > 0, "some nodes are still to come at step " + step);
        String status = FxHarness.fx(() -> explorer.replayBar().statusText());
        assertTrue(status.startsWith("step " + step + " / " + last + " · ") && status.endsWith("engine decode steps"), status);
        FxHarness.screenshot(scene, "explorer-replay");
        FxHarness.fx(() -> explorer.replayBar().setStep(last));
        FxHarness.settle();
        assertTrue(FxHarness.fx(() -> explorer.graphView().isNodeShown(g.nodes().size() - 1)));
    }

    @Test
    void importedTextIsUncolouredAndAMalformedTraceShowsItsBreak() throws Exception {
        String broken = Answers.TWO_BLOCKS.replace("3: 7*55", "<guideline> 3: 7*55");
        ExplorerModel model = open(Answers.text(broken), null);
        assertEquals("malformed", this.<Label>find("#totals-structure").getText());
        NodeBox tail = model.layout().nodes().get(model.layout().nodes().size() - 1);
        assertEquals(NodeKind.MALFORMED, tail.kind());
        String legend = FxHarness.fx(() -> robot.from(explorer).lookup(".token-legend-note").queryAll().stream()
                .map(n -> ((Label) n).getText()).reduce("", String::concat));
        assertTrue(legend.contains("no log-probabilities"), legend);
        int t = model.tokens().promptLength() + 5;
        assertEquals(TokenScale.NEUTRAL, FxHarness.fx(() -> explorer.tokenView().backgroundOf(t)));
        String breakNote = FxHarness.fx(() -> robot.from(explorer).lookup(".totals-break").<Label>query().getText());
        assertTrue(breakNote.startsWith("Breaks: NESTED_GUIDELINE"), breakNote);
        assertNotEquals(model.replay().source(), org.nprworkbench.visualizer.replay.DecodeReplay.Source.ENGINE);
        assertFalse(model.tokens().hasLogProbs());
        FxHarness.screenshot(scene, "explorer-malformed");
    }

    private static int rgb(javafx.scene.paint.Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }
}
