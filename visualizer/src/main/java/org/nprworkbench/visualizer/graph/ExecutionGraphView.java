package org.nprworkbench.visualizer.graph;

import java.util.EnumSet;
import java.util.Locale;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

import org.graphstream.graph.Edge;
import org.graphstream.graph.Graph;
import org.graphstream.graph.Node;
import org.graphstream.graph.implementations.MultiGraph;
import org.graphstream.ui.fx_viewer.FxDefaultView;
import org.graphstream.ui.fx_viewer.FxViewer;
import org.graphstream.ui.geom.Point3;
import org.graphstream.ui.graphicGraph.GraphicGraph;
import org.graphstream.ui.javafx.FxGraphRenderer;
import org.graphstream.ui.view.View;
import org.graphstream.ui.view.Viewer;
import org.graphstream.ui.view.camera.Camera;
import org.graphstream.ui.view.camera.DefaultCamera2D;
import org.graphstream.ui.view.util.InteractiveElement;
import org.graphstream.ui.view.util.MouseManager;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.visualizer.replay.DecodeReplay;

/**
 * The execution graph of one answer drawn by GraphStream in its JavaFX viewer, with the computed
 * {@link GraphLayout}: time (position id) down, the branches of a block side by side, blocks in pale
 * bands, a position ruler on the left; the critical path in orange, cut branches dashed red, the
 * malformed tail red. Drag to pan, scroll to zoom around the mouse, click a node to select it
 * ({@link #selectedNodeProperty}); the arrow keys and page up/down pan and zoom too; a bar on top
 * holds the legend and Fit / zoom buttons. {@link #showReplay} shows the answer as it was at a decode
 * step. Use on the JavaFX thread; compute the layout elsewhere ({@link GraphLayout#of} is pure).
 * GraphStream's viewer runs a frame timer while a graph is shown: {@link #close} stops it, so call it
 * when the view is discarded.
 */
public final class ExecutionGraphView extends VBox {
    /** Padding around the fitted drawing, in pixels. */
    public static final double PADDING = 24;
    private static final double DRAG_SLOP = 4;

    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(this, "selectedNode", -1);
    private final StackPane surface = new StackPane();
    private final FlowPane legend = new FlowPane(12, 4);
    private FxViewer viewer;
    private FxDefaultView view;
    private Graph graph;
    private GraphScene scene;
    private GraphOverlay overlay;
    private DecodeReplay replay;
    private int replayStep = -1;
    private FrameListener frameListener;

    public ExecutionGraphView() {
        getStyleClass().add("execution-graph-view");
        setMinSize(0, 0);
        surface.setMinSize(0, 0);
        surface.getStyleClass().add("graph-surface");
        legend.getStyleClass().add("graph-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        buildLegend();
        Button fit = tool("Fit", "graph-fit");
        fit.setOnAction(e -> fit());
        Button in = tool("+", "graph-zoom-in");
        in.setOnAction(e -> zoomBy(1 / 1.4));
        Button out = tool("\u2212", "graph-zoom-out");
        out.setOnAction(e -> zoomBy(1.4));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox.setHgrow(legend, Priority.SOMETIMES);
        HBox bar = new HBox(6, legend, grow, fit, in, out);
        bar.getStyleClass().add("graph-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 10));
        VBox.setVgrow(surface, Priority.ALWAYS);
        getChildren().addAll(bar, surface);
    }

    private static Button tool(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("graph-tool");
        b.setFocusTraversable(false);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // "Fit" must not shrink to "..."
        return b;
    }

    /** Shows {@code layout}, replacing whatever was shown; the selection is cleared and the view fitted. */
    public void show(GraphLayout layout) {
        close();
        scene = new GraphScene(layout);
        overlay = new GraphOverlay(layout, new GraphOverlay.NodeStates() {
            @Override
            public boolean present(int id) {
                return state(id) != DecodeReplay.NodeState.ABSENT;
            }

            @Override
            public int partial(int id) {
                return state(id) == DecodeReplay.NodeState.GROWING ? replay.nodeTokensAt(id, replayStep) : -1;
            }
        });
        graph = new MultiGraph("answer", false, true, scene.elements().size() + 8, scene.links().size() + 8);
        graph.setAttribute("ui.stylesheet", scene.styleSheet());
        graph.setAttribute("ui.antialias");
        for (GraphScene.Element e : scene.elements()) {
            Node n = graph.addNode(e.id());
            n.setAttribute("xyz", e.x(), e.y(), 0.0);
            n.setAttribute("ui.class", e.styleClass());
            if (e.hidden()) {
                n.setAttribute("ui.hide");
            }
        }
        for (GraphScene.Link l : scene.links()) {
            Edge edge = graph.addEdge(l.id(), l.from(), l.to(), true);
            edge.setAttribute("ui.class", l.styleClass());
        }
        viewer = new FxViewer(graph, Viewer.ThreadingModel.GRAPH_IN_GUI_THREAD);
        viewer.disableAutoLayout();
        view = (FxDefaultView) viewer.addDefaultView(false, new TimedRenderer());
        view.setMouseManager(new PanZoomSelect());
        view.setMinSize(0, 0);
        GraphOverlay o = overlay;
        view.setBackLayerRenderer((GraphicsContext g, GraphicGraph gg, double px2gu, int w, int h, double a, double b,
                                   double c, double d) -> o.back(g, camera(), gg, w, h));
        view.setForeLayoutRenderer((GraphicsContext g, GraphicGraph gg, double px2gu, int w, int h, double a, double b,
                                    double c, double d) -> o.fore(g, camera(), w, h));
        surface.getChildren().setAll(view);
        selected.set(-1);
        replay = null;
        replayStep = -1;
        fit();
        initialView();
    }

    /**
     * Fits the whole drawing, unless that would make a typical box too small to read (a long answer
     * with many blocks): then fits the width and shows the top, where the answer starts.
     */
    private void initialView() {
        if (surface.getWidth() <= 0 || surface.getHeight() <= 0) {
            javafx.beans.InvalidationListener[] once = new javafx.beans.InvalidationListener[1];
            GraphScene shown = scene;
            once[0] = o -> {
                if (surface.getWidth() > 0 && surface.getHeight() > 0) {
                    surface.widthProperty().removeListener(once[0]);
                    surface.heightProperty().removeListener(once[0]);
                    if (scene == shown) {
                        initialView();
                    }
                }
            };
            surface.widthProperty().addListener(once[0]);
            surface.heightProperty().addListener(once[0]);
            return;
        }
        if (fitScale() * GraphLayout.MEDIAN_HEIGHT < 12) {
            fitWidth();
        }
    }

    /** Pixels per graph unit when the whole drawing is fitted. */
    private double fitScale() {
        return Math.min(widthScale(), (surface.getHeight() - 2 * PADDING) / sceneHeight());
    }

    /** Pixels per graph unit when the drawing's width fills the view. */
    private double widthScale() {
        return (surface.getWidth() - 2 * PADDING) / (scene.right() - scene.left());
    }

    private double sceneHeight() {
        return scene.layout().maxY() + 6; // from the top corner (y = 4) to the bottom one (maxY + 2)
    }

    /** Fits the drawing's width and shows its top. */
    public void fitWidth() {
        if (view == null || surface.getWidth() <= 0) {
            return;
        }
        double fit = fitScale();
        double ratio = widthScale();
        Camera c = view.getCamera();
        c.setViewPercent(Math.min(1, fit / ratio));
        double top = 4 - (surface.getHeight() / 2 - PADDING) / ratio;
        c.setViewCenter((scene.left() + scene.right()) / 2, top, 0);
    }

    private DefaultCamera2D camera() {
        return (DefaultCamera2D) view.getCamera();
    }

    /** Removes the graph and stops its viewer (and its frame timer). */
    public void close() {
        if (viewer != null) {
            viewer.close();
        }
        viewer = null;
        view = null;
        graph = null;
        scene = null;
        overlay = null;
        surface.getChildren().clear();
        selected.set(-1);
    }

    /** The layout shown, or null. */
    public GraphLayout graphLayout() {
        return scene == null ? null : scene.layout();
    }

    /** The selected node's id, -1 when none. */
    public ReadOnlyIntegerProperty selectedNodeProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Selects node {@code id} (-1 clears the selection). */
    public void select(int id) {
        if (scene == null || id >= scene.layout().nodes().size()) {
            return;
        }
        int old = selected.get();
        selected.set(id);
        restyleNode(old);
        restyleNode(id);
        repaint();
    }

    /** Asks GraphStream for a new frame: the overlay's labels follow the replay state and the selection. */
    private void repaint() {
        if (graph != null) {
            graph.setAttribute("ui.repaint");
        }
    }

    /** Fits the whole drawing into the view. */
    public void fit() {
        if (view != null) {
            view.getCamera().resetView();
        }
    }

    /** Zooms in ({@code factor} &lt; 1) or out (&gt; 1) around the centre of the view. */
    public void zoomBy(double factor) {
        if (view != null) {
            Camera c = view.getCamera();
            c.setViewPercent(Math.max(0.002, Math.min(4, c.getViewPercent() * factor)));
        }
    }

    /** Moves the drawing by {@code dx}, {@code dy} pixels (as a drag would). */
    public void panBy(double dx, double dy) {
        if (view != null) {
            Camera c = view.getCamera();
            double r = c.getMetrics().ratioPx2Gu;
            if (r <= 0) {
                return;
            }
            Point3 center = c.getViewCenter();
            c.setViewCenter(center.x - dx / r, center.y + dy / r, 0);
        }
    }

    /** Centres node {@code id} and zooms until its label is legible (never further out than fitted). */
    public void centerOn(int id) {
        if (view == null || id < 0 || id >= scene.layout().nodes().size()) {
            return;
        }
        NodeBox b = scene.layout().nodes().get(id);
        Camera c = view.getCamera();
        if (surface.getWidth() <= 0) {
            return;
        }
        // Zoom z gives fitScale / z pixels per graph unit: make the box at least 24 px tall and 170 px wide.
        double z = Math.min(1, fitScale() * Math.min(b.height() / 24, b.width() / 170));
        c.setViewPercent(Math.max(0.002, z));
        c.setViewCenter(b.x(), -b.centerY(), 0);
    }

    /**
     * Shows the answer as it was at replay step {@code step}: nodes not yet started are hidden,
     * growing nodes show how many of their tokens exist. A null replay shows the whole answer.
     */
    public void showReplay(DecodeReplay replay, int step) {
        this.replay = replay;
        this.replayStep = step;
        if (scene == null) {
            return;
        }
        for (NodeBox b : scene.layout().nodes()) {
            restyleNode(b.id());
        }
        repaint();
        for (int e = 0; e < scene.layout().edges().size(); e++) {
            EdgeLine l = scene.layout().edges().get(e);
            Edge edge = graph.getEdge("e" + e);
            boolean hidden = state(l.from()) == DecodeReplay.NodeState.ABSENT || state(l.to()) == DecodeReplay.NodeState.ABSENT;
            if (hidden) {
                edge.setAttribute("ui.hide");
            } else {
                edge.removeAttribute("ui.hide");
            }
        }
    }

    /** The replay step shown, -1 when the whole answer is shown. */
    public int replayStep() {
        return replay == null ? -1 : replayStep;
    }

    private DecodeReplay.NodeState state(int id) {
        return replay == null ? DecodeReplay.NodeState.COMPLETE : replay.nodeState(id, replayStep);
    }

    private void restyleNode(int id) {
        if (scene == null || id < 0) {
            return;
        }
        Node n = graph.getNode(GraphScene.nodeId(id));
        if (state(id) == DecodeReplay.NodeState.ABSENT) {
            n.setAttribute("ui.hide");
        } else if (n.hasAttribute("ui.hide")) {
            n.removeAttribute("ui.hide");
        }
        String cls = scene.nodeClass(id, id == selected.get());
        if (!cls.equals(n.getAttribute("ui.class"))) {
            n.setAttribute("ui.class", cls);
        }
    }

    /** Whether node {@code id} is drawn (it exists at the replay step shown). */
    public boolean isNodeShown(int id) {
        return state(id) != DecodeReplay.NodeState.ABSENT;
    }

    /** The graph node drawn at pixel ({@code x}, {@code y}) of the GraphStream view, -1 for none. */
    public int nodeAtPixel(double x, double y) {
        if (view == null) {
            return -1;
        }
        Point3 gu = view.getCamera().transformPxToGu(x, y);
        int id = scene.layout().nodeAt(gu.x, -gu.y);
        return id >= 0 && isNodeShown(id) ? id : -1;
    }

    /** Where node {@code id}'s centre is drawn, in the GraphStream view's pixels. */
    public Point2D pixelOf(int id) {
        NodeBox b = scene.layout().nodes().get(id);
        Point3 px = view.getCamera().transformGuToPx(b.x(), -b.centerY(), 0);
        return new Point2D(px.x, px.y);
    }

    /** Told how long each GraphStream frame took to draw, for measurements. */
    @FunctionalInterface
    public interface FrameListener {
        /** One frame took {@code wallNanos} of wall time and {@code cpuNanos} of the JavaFX thread's CPU time. */
        void frame(long wallNanos, long cpuNanos);
    }

    /** Reports every frame GraphStream draws to {@code listener} (for measurements); null to stop. */
    public void setFrameListener(FrameListener listener) {
        this.frameListener = listener;
    }

    /** The GraphStream view, for tests and measurements; null before {@link #show}. */
    public FxDefaultView graphStreamView() {
        return view;
    }

    private void buildLegend() {
        for (NodeKind k : new NodeKind[] {NodeKind.PROMPT, NodeKind.GUIDELINE, NodeKind.STEP, NodeKind.TAKEAWAY,
                NodeKind.ANSWER, NodeKind.MALFORMED}) {
            Rectangle r = new Rectangle(14, 10);
            r.setStyle("-fx-fill: " + GraphScene.fillOf(k) + "; -fx-stroke: #a9b3c1;");
            legend.getChildren().add(item(r, k.name().toLowerCase(Locale.ROOT)));
        }
        Line critical = new Line(0, 0, 18, 0);
        critical.setStyle("-fx-stroke: " + GraphScene.CRITICAL + "; -fx-stroke-width: 2.4;");
        legend.getChildren().add(item(critical, "critical path"));
        Line fork = new Line(0, 0, 14, 0);
        fork.setStyle("-fx-stroke: " + GraphScene.FORK + "; -fx-stroke-width: 1.5;");
        legend.getChildren().add(item(fork, "fork"));
        Line join = new Line(0, 0, 14, 0);
        join.setStyle("-fx-stroke: " + GraphScene.JOIN + "; -fx-stroke-width: 1.5;");
        legend.getChildren().add(item(join, "join"));
        Rectangle cut = new Rectangle(14, 10);
        cut.setStyle("-fx-fill: #dcf2e3; -fx-stroke: " + GraphScene.BROKEN + "; -fx-stroke-dash-array: 3 2;");
        legend.getChildren().add(item(cut, "cut short"));
    }

    private static HBox item(javafx.scene.Node swatch, String text) {
        Label l = new Label(text);
        l.getStyleClass().add("graph-legend-text");
        HBox box = new HBox(5, swatch, l);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** A renderer that reports how long each frame took. */
    private final class TimedRenderer extends FxGraphRenderer {
        @Override
        public void render(GraphicsContext g, int x, int y, int width, int height) {
            FrameListener l = frameListener;
            if (l == null) {
                super.render(g, x, y, width, height);
                return;
            }
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            super.render(g, x, y, width, height);
            l.frame(System.nanoTime() - t0, threads.getCurrentThreadCpuTime() - c0);
        }
    }

    /** Drag pans, scroll zooms around the mouse, a click selects the node under it. */
    private final class PanZoomSelect implements MouseManager {
        private View gsView;
        private double pressX;
        private double pressY;
        private double lastX;
        private double lastY;
        private boolean dragging;
        private final EventHandler<MouseEvent> pressed = this::pressed;
        private final EventHandler<MouseEvent> dragged = this::dragged;
        private final EventHandler<MouseEvent> released = this::released;
        private final EventHandler<ScrollEvent> scrolled = this::scrolled;

        @Override
        public void init(GraphicGraph graphicGraph, View v) {
            this.gsView = v;
            v.addListener(MouseEvent.MOUSE_PRESSED, pressed);
            v.addListener(MouseEvent.MOUSE_DRAGGED, dragged);
            v.addListener(MouseEvent.MOUSE_RELEASED, released);
            v.addListener(ScrollEvent.SCROLL, scrolled);
        }

        @Override
        public void release() {
            gsView.removeListener(MouseEvent.MOUSE_PRESSED, pressed);
            gsView.removeListener(MouseEvent.MOUSE_DRAGGED, dragged);
            gsView.removeListener(MouseEvent.MOUSE_RELEASED, released);
            gsView.removeListener(ScrollEvent.SCROLL, scrolled);
        }

        @Override
        public EnumSet<InteractiveElement> getManagedTypes() {
            return EnumSet.of(InteractiveElement.NODE);
        }

        private void pressed(MouseEvent e) {
            pressX = lastX = e.getX();
            pressY = lastY = e.getY();
            dragging = false;
            view.requestFocus();
            e.consume();
        }

        private void dragged(MouseEvent e) {
            if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > DRAG_SLOP) {
                dragging = true;
            }
            if (dragging) {
                panBy(e.getX() - lastX, e.getY() - lastY);
            }
            lastX = e.getX();
            lastY = e.getY();
            e.consume();
        }

        private void released(MouseEvent e) {
            if (!dragging && e.getButton() == MouseButton.PRIMARY) {
                select(nodeAtPixel(e.getX(), e.getY()));
            }
            dragging = false;
            e.consume();
        }

        private void scrolled(ScrollEvent e) {
            Camera c = view.getCamera();
            double factor = Math.pow(1.0015, -e.getDeltaY());
            double vp = Math.max(0.002, Math.min(4, c.getViewPercent() * factor));
            Point3 under = c.transformPxToGu(e.getX(), e.getY());
            Point3 center = c.getViewCenter();
            double f = vp / c.getViewPercent();
            c.setViewPercent(vp);
            c.setViewCenter(under.x + (center.x - under.x) * f, under.y + (center.y - under.y) * f, 0);
            e.consume();
        }
    }
}
