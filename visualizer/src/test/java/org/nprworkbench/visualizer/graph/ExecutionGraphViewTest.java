package org.nprworkbench.visualizer.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;

import javafx.geometry.Point2D;
import javafx.scene.Scene;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.visualizer.Answers;
import org.nprworkbench.visualizer.FxHarness;
import org.nprworkbench.visualizer.synthetic.SyntheticAnswer;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The GraphStream view under headless Monocle: nodes drawn, clicks select, pan and zoom move the camera. */
class ExecutionGraphViewTest {
    private final FxRobot robot = new FxRobot();
    private ExecutionGraphView view;

    @BeforeAll
    static void toolkit() throws Exception {
        FxHarness.stage();
    }

    @AfterEach
    void close() throws Exception {
        FxHarness.fx(() -> view.close());
        FxToolkit.cleanupStages();
    }

    @Test
    void aTwoBlockAnswerShowsItsBranchesAndAClickSelectsANode() throws Exception {
        ExecutionGraph g = Answers.text(Answers.TWO_BLOCKS);
        GraphLayout layout = GraphLayout.of(g);
        view = FxHarness.fx(ExecutionGraphView::new);
        Scene scene = FxHarness.show(view, 900, 700);
        FxHarness.fx(() -> view.show(layout));
        FxHarness.settle();
        long steps = FxHarness.fx(() -> view.graphStreamView().getViewer().getGraphicGraph().nodes()
                .filter(n -> n.getAttribute("ui.class", String.class).startsWith("k" + NodeKind.STEP.ordinal() + "s"))
                .count());
        assertEquals(5, steps, "3 + 2 branch nodes");
        BufferedImage image = FxHarness.screenshot(scene, "graph-two-blocks");
        assertTrue(image.getWidth() == 900 && image.getHeight() == 700);

        NodeBox target = layout.nodes().stream().filter(b -> b.kind() == NodeKind.STEP).skip(1).findFirst().orElseThrow();
        Point2D onScreen = FxHarness.fx(() -> view.graphStreamView().localToScreen(view.pixelOf(target.id())));
        robot.clickOn(onScreen);
        FxHarness.settle();
        assertEquals(target.id(), FxHarness.fx(() -> view.selectedNodeProperty().get()));
        FxHarness.screenshot(scene, "graph-two-blocks-selected");

        robot.clickOn("#graph-zoom-in");
        FxHarness.settle();
        double zoomed = FxHarness.fx(() -> view.graphStreamView().getCamera().getViewPercent());
        assertTrue(zoomed < 1, "zoomed in: " + zoomed);
        robot.clickOn("#graph-fit");
        FxHarness.settle();
        assertEquals(1.0, FxHarness.fx(() -> view.graphStreamView().getCamera().getViewPercent()), 1e-9, "fitted again");
    }

    @Test
    void fiveHundredNodesFitPanAndCentre() throws Exception {
        ExecutionGraph g = SyntheticAnswer.withNodes(500, 2, Answers.TOKENIZER);
        GraphLayout layout = GraphLayout.of(g);
        view = FxHarness.fx(ExecutionGraphView::new);
        Scene scene = FxHarness.show(view, 1000, 760);
        FxHarness.fx(() -> view.show(layout));
        FxHarness.screenshot(scene, "graph-500-fit");
        int middle = g.nodes().size() / 2;
        FxHarness.fx(() -> view.centerOn(middle));
        FxHarness.settle();
        FxHarness.screenshot(scene, "graph-500-centred");
        Point2D centre = FxHarness.fx(() -> view.pixelOf(middle));
        assertEquals(middle, FxHarness.fx(() -> view.nodeAtPixel(centre.getX(), centre.getY())));
        Point2D before = centre;
        FxHarness.fx(() -> view.panBy(0, -120));
        FxHarness.settle();
        Point2D after = FxHarness.fx(() -> view.pixelOf(middle));
        assertEquals(before.getY() - 120, after.getY(), 1.0, "panning moves the drawing by the pixels asked");
        assertEquals(before.getX(), after.getX(), 1.0);
    }
}
