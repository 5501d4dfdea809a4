package org.nprworkbench.visualizer.explorer;

import java.awt.image.BufferedImage;

import javafx.scene.Scene;

import org.nprworkbench.visualizer.snapshot.PngSnapshot;
import org.nprworkbench.visualizer.theme.Theme;

/**
 * Renders an answer explorer to an image without a window, for {@code --screenshot} options and
 * documentation: a scene of the given size with the visualizer theme, laid out and drawn once
 * (GraphStream draws its frame during layout). Call on the JavaFX thread; write the image elsewhere
 * ({@link PngSnapshot#write}).
 */
public final class ExplorerSnapshot {
    private ExplorerSnapshot() {
    }

    /**
     * The explorer showing {@code model} at {@code width} x {@code height} pixels, with node
     * {@code selectedNode} selected (-1: none, the token view then shows the whole answer).
     */
    public static BufferedImage render(ExplorerModel model, double width, double height, int selectedNode) {
        AnswerExplorer explorer = new AnswerExplorer();
        Scene scene = new Scene(explorer, width, height);
        Theme.apply(scene);
        explorer.show(model);
        explorer.applyCss();
        explorer.layout();
        if (selectedNode >= 0) {
            explorer.graphView().select(selectedNode);
        }
        try {
            scene.snapshot(null); // the first pass lays out GraphStream's canvas and fits the camera
            explorer.graphView().graphStreamView().getViewer().getGraphicGraph().setAttribute("ui.repaint");
            explorer.graphView().graphStreamView().requestLayout();
            return PngSnapshot.capture(scene);
        } finally {
            explorer.show(null);
        }
    }
}
