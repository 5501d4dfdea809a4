package org.nprworkbench.visualizer.graph;

import java.util.HashMap;
import java.util.Map;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import org.graphstream.ui.geom.Point3;
import org.graphstream.ui.graphicGraph.GraphicGraph;
import org.graphstream.ui.view.camera.DefaultCamera2D;

/**
 * What the graph view draws around and over GraphStream's boxes and edges, straight onto its canvas:
 * behind them the block bands with their names and the position ruler; over them the node labels,
 * shown only where a box is large enough on screen to hold its label, and the progress bar of nodes
 * still being decoded at the replay step shown. Drawing here costs one {@code fillText} per visible
 * label instead of the JavaFX {@code Text} node GraphStream would build for every label every frame.
 * Used on the JavaFX thread, inside GraphStream's frame.
 */
final class GraphOverlay {
    private static final Font LABEL = Font.font(11);
    private static final Font BOLD = Font.font(null, FontWeight.BOLD, 11);
    private static final Font SMALL = Font.font(10);
    private static final Color TEXT = Color.web("#1c2431");
    private static final Color MUTED = Color.web("#5d6878");
    private static final Color BLOCK_TEXT = Color.web("#4a5a78");
    private static final Color ACCENT = Color.web(GraphScene.SELECTION);
    private static final Color BAND_FILL = Color.rgb(47, 111, 222, 0.05);
    private static final Color BAND_EDGE = Color.rgb(47, 111, 222, 0.18);
    private static final Color RULER = Color.web("#c3cad4");
    private static final double MIN_LABEL_HEIGHT = 13;
    private static final double MIN_LABEL_WIDTH = 34;

    /** What the overlay needs to know about each node at the moment of drawing. */
    interface NodeStates {
        /** Whether node {@code id} exists at the replay step shown. */
        boolean present(int id);

        /** How many of node {@code id}'s tokens exist, or -1 when all of them do. */
        int partial(int id);
    }

    private final GraphLayout layout;
    private final NodeStates states;
    private final Map<String, Double> widths = new HashMap<>();
    private final Text measure = new Text();
    private final int[] guidelineOf;

    GraphOverlay(GraphLayout layout, NodeStates states) {
        this.layout = layout;
        this.states = states;
        this.guidelineOf = new int[layout.blocks().size() + 1];
        java.util.Arrays.fill(guidelineOf, -1);
        for (NodeBox b : layout.nodes()) {
            if (b.kind() == org.nprworkbench.engine.graph.NodeKind.GUIDELINE && b.block() < guidelineOf.length
                    && guidelineOf[b.block()] < 0) {
                guidelineOf[b.block()] = b.id();
            }
        }
    }

    /** Graph units to pixels, as GraphStream's camera maps them in the current frame (y up in graph units). */
    private record Mapping(double ox, double oy, double sx, double sy) {
        double x(double gx) {
            return ox + sx * gx;
        }

        /** Pixel y of a layout y (down). */
        double y(double layoutY) {
            return oy - sy * layoutY;
        }

        static Mapping of(DefaultCamera2D camera) {
            Point3 a = camera.transformGuToPx(0, 0, 0);
            double ax = a.x;
            double ay = a.y;
            Point3 b = camera.transformGuToPx(1, 1, 0);
            return new Mapping(ax, ay, b.x - ax, b.y - ay);
        }
    }

    /** Block bands, block names and the ruler, behind everything. */
    void back(GraphicsContext g, DefaultCamera2D camera, GraphicGraph graph, int width, int height) {
        camera.pushView(graph); // the transform of the frame about to be drawn
        Mapping m = Mapping.of(camera);
        camera.popView();
        g.save();
        for (BlockBand band : layout.blocks()) {
            int guideline = band.block() < guidelineOf.length ? guidelineOf[band.block()] : -1;
            if (guideline >= 0 && !states.present(guideline)) {
                continue;
            }
            double x0 = m.x(band.left() - GraphLayout.COLUMN_GAP);
            double x1 = m.x(band.right() + GraphLayout.COLUMN_GAP);
            double y0 = m.y(band.top());
            double y1 = m.y(band.bottom());
            if (y1 < 0 || y0 > height || x1 < 0 || x0 > width + 400) {
                continue;
            }
            g.setFill(BAND_FILL);
            g.fillRoundRect(x0, y0, x1 - x0, y1 - y0, 8, 8);
            g.setStroke(BAND_EDGE);
            g.setLineWidth(1);
            g.strokeRoundRect(x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1, 8, 8);
            if (y1 - y0 >= 16) {
                g.setFont(BOLD);
                g.setFill(BLOCK_TEXT);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.TOP);
                g.fillText("block " + (band.block() + 1) + " · " + band.branches()
                        + (band.branches() == 1 ? " branch" : " branches"), x1 + 8, y0 + 2);
            }
        }
        // The ruler: an axis at the left, round position ids, thinned to stay legible.
        double rx = m.x(layout.minX() - GraphScene.RULER_SPACE * 0.3);
        double top = m.y(0);
        double bottom = m.y(layout.maxY());
        g.setStroke(RULER);
        g.setLineWidth(1);
        g.strokeLine(Math.round(rx) + 0.5, Math.max(top, -1), Math.round(rx) + 0.5, Math.min(bottom, height + 1));
        g.setFont(SMALL);
        g.setFill(MUTED);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        if (top >= -20) {
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("position", rx, top - 10);
            g.setTextAlign(TextAlignment.RIGHT);
        }
        double last = -1e9;
        for (TimeTick t : layout.ticks()) {
            double y = m.y(t.y());
            if (y < -10 || y > height + 10 || y - last < 18) {
                continue;
            }
            last = y;
            g.strokeLine(rx - 4, Math.round(y) + 0.5, rx, Math.round(y) + 0.5);
            g.fillText(String.valueOf(t.position()), rx - 7, y);
        }
        g.restore();
    }

    /** Node labels and replay progress, over the boxes. */
    void fore(GraphicsContext g, DefaultCamera2D camera, int width, int height) {
        Mapping m = Mapping.of(camera); // the transform of the frame just drawn
        g.save();
        g.setFont(LABEL);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (NodeBox b : layout.nodes()) {
            double x0 = m.x(b.left());
            double x1 = m.x(b.right());
            double y0 = m.y(b.top());
            double y1 = m.y(b.bottom());
            if (x1 < 0 || x0 > width || y1 < 0 || y0 > height || !states.present(b.id())) {
                continue;
            }
            int have = states.partial(b.id());
            if (have >= 0 && b.tokens() > 0) {
                g.setFill(ACCENT);
                double w = (x1 - x0 - 4) * have / b.tokens();
                g.fillRect(x0 + 2, y1 - 5, Math.max(1, w), 3);
            }
            if (y1 - y0 < MIN_LABEL_HEIGHT || x1 - x0 < MIN_LABEL_WIDTH) {
                continue;
            }
            String label = b.label();
            if (have >= 0) {
                label = label.replace(" · " + b.tokens() + " tok", " · " + have + "/" + b.tokens() + " tok");
            }
            if (b.mark() == NodeMark.CUT) {
                label += " · cut";
            }
            label = fit(label, x1 - x0 - 8);
            if (label.isEmpty()) {
                continue;
            }
            g.setFill(have >= 0 ? ACCENT : TEXT);
            g.fillText(label, (x0 + x1) / 2, (y0 + y1) / 2);
        }
        g.restore();
    }

    /** The label shortened with an ellipsis to fit {@code room} pixels, or empty when not even a word fits. */
    private String fit(String label, double room) {
        if (width(label) <= room) {
            return label;
        }
        int n = (int) (label.length() * room / width(label)) - 1;
        while (n > 3) {
            String s = label.substring(0, n).stripTrailing() + "…";
            if (width(s) <= room) {
                return s;
            }
            n--;
        }
        return "";
    }

    private double width(String s) {
        Double w = widths.get(s);
        if (w == null) {
            if (widths.size() > 4096) {
                widths.clear();
            }
            measure.setFont(LABEL);
            measure.setText(s);
            w = measure.getLayoutBounds().getWidth();
            widths.put(s, w);
        }
        return w;
    }
}
