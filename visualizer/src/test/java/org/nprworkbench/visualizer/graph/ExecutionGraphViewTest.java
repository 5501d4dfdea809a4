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
    }
}
