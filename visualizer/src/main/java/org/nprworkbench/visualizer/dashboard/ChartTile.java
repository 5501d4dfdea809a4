package org.nprworkbench.visualizer.dashboard;

import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.stage.FileChooser;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.fx.ChartViewer;
import org.nprworkbench.visualizer.chart.ChartCsv;
import org.nprworkbench.visualizer.chart.ChartFrame;
import org.nprworkbench.visualizer.chart.ChartViewModel;
import org.nprworkbench.visualizer.chart.DashboardViewModel;
import org.nprworkbench.visualizer.chart.ReadoutLine;
import org.nprworkbench.visualizer.chart.XAxisMode;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.task.TaskRunner;

/**
 * One small multiple: a header with the chart's title, a log-axis toggle, zoom reset and export
 * (PNG, SVG, CSV), the JFreeChart in a {@link ChartViewer} (drag to zoom, wheel to zoom, double-click
 * or drag left to reset), a crosshair and a read-out of every line at the pointer. It redraws only
 * when {@link #refresh} finds its view model's revision, the zoom or its width changed.
 */
public final class ChartTile extends VBox {
    private static final DecimalFormat STEP = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));

    private final ChartViewModel model;
    private final DashboardViewModel dashboard;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final MetricChart chart;
    private final ChartViewer viewer;
    private final VBox readout = new VBox(2);
    private long drawnRevision = -1;
    private long drawnSettings = -1;
    private boolean drawnAuto = true;
    private double drawnLo = Double.NaN;
    private double drawnHi = Double.NaN;
    private int drawnColumns = -1;
    private long lastRefresh;
    private long lastRefreshNanos;
    private Double hoverX;

    /** @param wake called when the drawing goes out of date without the view model changing (zoom, resize) */
    ChartTile(ChartViewModel model, DashboardViewModel dashboard, TaskRunner tasks, DialogService dialogs, ChartStyle style,
              Runnable wake) {
        this.model = model;
        this.dashboard = dashboard;
        this.tasks = tasks;
        this.dialogs = dialogs;
        getStyleClass().add("chart-tile");
        setId("chart-" + model.spec().id());
        chart = new MetricChart(model.spec(), style);
        viewer = new ChartViewer(chart.chart(), false);
        viewer.getCanvas().setTooltipEnabled(false);
        viewer.setMinSize(0, 0);
        viewer.getStyleClass().add("chart-viewer");
        chart.plot().getDomainAxis().addChangeListener(e -> wake.run());
        viewer.widthProperty().addListener((o, was, is) -> wake.run());

        Label title = new Label(model.spec().title());
        title.getStyleClass().add("chart-title");
        title.setMinWidth(0);
        title.setTooltip(new Tooltip(String.join("\n", model.spec().matchers().stream()
                .map(m -> m.label() + ": " + m.describe()).toList()) + "\ny axis: " + model.spec().yLabel()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton logToggle = new ToggleButton("log");
        logToggle.setId("chart-" + model.spec().id() + "-log");
        logToggle.getStyleClass().add("chart-tool");
        logToggle.setTooltip(new Tooltip("Logarithmic y axis (values at or below 0 are left out)"));
        logToggle.selectedProperty().bindBidirectional(model.logAxisProperty());
        Button reset = new Button("\u21ba");
        reset.getStyleClass().add("chart-tool");
        reset.setTooltip(new Tooltip("Reset zoom (or double-click the chart)"));
        reset.setOnAction(e -> chart.resetZoom());
        MenuButton export = new MenuButton("\u2913");
        export.setId("chart-" + model.spec().id() + "-export");
        export.getStyleClass().addAll("chart-tool", "chart-export");
        export.setTooltip(new Tooltip("Export this chart"));
        export.getItems().addAll(
                item("PNG image\u2026", "png", "PNG image", "*.png", this::exportPng),
                item("SVG drawing\u2026", "svg", "SVG drawing", "*.svg", this::exportSvg),
                item("Data as CSV\u2026", "csv", "CSV table", "*.csv", this::exportCsv));
        for (javafx.scene.Node n : List.of(logToggle, reset, export)) {
            ((Region) n).setFocusTraversable(false);
        }
        HBox header = new HBox(4, title, spacer, logToggle, reset, export);
        header.getStyleClass().add("chart-header");
        header.setAlignment(Pos.CENTER_LEFT);

        readout.getStyleClass().add("chart-readout");
        readout.setMouseTransparent(true);
        readout.setManaged(false);
        readout.setVisible(false);
        StackPane body = new StackPane(viewer, readout);
        body.getStyleClass().add("chart-body");
        body.setMinSize(0, 0);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(header, body);

        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> hideReadout());
        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideReadout());
        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                chart.resetZoom();
            }
        });
    }

    private MenuItem item(String text, String id, String kind, String pattern, Consumer<Path> action) {
        MenuItem item = new MenuItem(text);
        item.setId("chart-" + model.spec().id() + "-export-" + id);
        item.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export " + model.spec().title());
            chooser.setInitialFileName(model.spec().id() + pattern.substring(1));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
            java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                action.accept(file.toPath());
            }
        });
        return item;
    }

    /** The view model shown. */
    public ChartViewModel model() {
        return model;
    }

    /** The drawn chart. */
    public MetricChart chart() {
        return chart;
    }

    /** The JavaFX viewer of the chart. */
    public ChartViewer viewer() {
        return viewer;
    }

    /** Whether the drawing is out of date (data, settings, zoom or width changed since the last refresh). */
    boolean stale() {
        return drawnRevision != model.revision() || urgent();
    }

    /** Whether the drawing is out of date for a reason the user caused (settings, zoom, size), not new points. */
    boolean urgent() {
        if (drawnSettings != model.settingsRevision() || columns() != drawnColumns || chart.domainAutoRange() != drawnAuto) {
            return true;
        }
        return !drawnAuto && (chart.domainLower() != drawnLo || chart.domainUpper() != drawnHi);
    }

    /** How long the last refresh took, in nanoseconds. */
    long lastRefreshNanos() {
        return lastRefreshNanos;
    }

    /** When the last refresh began (System.nanoTime). */
    long lastRefreshStart() {
        return lastRefresh;
    }

    /** Decimates the view model's lines for the current width and zoom and redraws the chart once. */
    void refresh() {
        long start = System.nanoTime();
        int columns = columns();
        boolean auto = chart.domainAutoRange();
        double lo = chart.domainLower();
        double hi = chart.domainUpper();
        ChartFrame frame = model.frame(auto, lo, hi, columns);
        chart.apply(frame, dashboard.xAxisProperty().get(), model.logAxisProperty().get(), columns);
        drawnRevision = model.revision();
        drawnSettings = model.settingsRevision();
        drawnColumns = columns;
        drawnAuto = auto;
        drawnLo = chart.domainLower();
        drawnHi = chart.domainUpper();
        if (hoverX != null) {
            showReadout(hoverX, readout.getLayoutX(), readout.getLayoutY());
        }
        lastRefresh = start;
        lastRefreshNanos = System.nanoTime() - start;
    }

    /** The pixel columns of the plot area (the last drawing's, or an estimate before the first). */
    private int columns() {
        ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
        double width = info == null || info.getPlotInfo().getDataArea().getWidth() <= 0
                ? viewer.getWidth() - 60 : info.getPlotInfo().getDataArea().getWidth();
        // Quantised so that a pixel or two of relayout does not redraw.
        return Math.max(50, (int) Math.ceil(width / 8) * 8);
    }

    private void hover(MouseEvent e) {
        ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
        if (info == null) {
            return;
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (!area.contains(e.getX(), e.getY())) {
            hideReadout();
            return;
        }
        double x = chart.plot().getDomainAxis().java2DToValue(e.getX(), area, chart.plot().getDomainAxisEdge());
        showReadout(x, e.getX(), e.getY());
    }

    /** Shows the crosshair and the read-out of every line at x (on the current axis), near (px, py). */
    void showReadout(double x, double px, double py) {
        List<ReadoutLine> lines = model.readout(x);
        if (lines.isEmpty()) {
            hideReadout();
            return;
        }
        hoverX = x;
        chart.setCrosshair(lines.get(0).x());
        XAxisMode mode = dashboard.xAxisProperty().get();
        readout.getChildren().clear();
        Label head = new Label(mode == XAxisMode.STEP ? "step " + STEP.format(lines.get(0).step())
                : new ElapsedTimeFormat().format(lines.get(0).x()) + " elapsed");
        head.getStyleClass().add("readout-head");
        readout.getChildren().add(head);
        boolean smoothing = dashboard.smoothingProperty().get() > 0;
        for (ReadoutLine l : lines) {
            Line swatch = new Line(0, 0, 14, 0);
            swatch.setStroke(Color.web(l.series().colour()));
            swatch.setStrokeWidth(2.5);
            if (l.series().baseline()) {
                swatch.getStrokeDashArray().addAll(4.0, 3.0);
            }
            String where = mode == XAxisMode.STEP && l.step() == lines.get(0).step() ? "" : "  @ " + STEP.format(l.step());
            String value = smoothing ? number(l.smoothed()) + "  (raw " + number(l.raw()) + ")" : number(l.raw());
            Label text = new Label(l.series().run() + " \u00b7 " + l.series().label() + where + ":  " + value);
            text.getStyleClass().add("readout-line");
            HBox row = new HBox(6, swatch, text);
            row.setAlignment(Pos.CENTER_LEFT);
            readout.getChildren().add(row);
        }
        readout.setVisible(true);
        readout.applyCss();
        readout.autosize();
        double w = readout.getWidth();
        double h = readout.getHeight();
        double bodyW = ((Region) readout.getParent()).getWidth();
        double bodyH = ((Region) readout.getParent()).getHeight();
        double left = px + 14 + w > bodyW ? px - 14 - w : px + 14;
        readout.relocate(Math.max(2, left), Math.max(2, Math.min(py - h / 2, bodyH - h - 2)));
    }

    /** The text of the read-out now shown (empty when hidden), one entry per line. */
    public List<String> readoutText() {
        if (!readout.isVisible()) {
            return List.of();
        }
        return readout.getChildren().stream().map(n -> n instanceof Label l ? l.getText()
                : ((Label) ((HBox) n).getChildren().get(1)).getText()).toList();
    }

    private void hideReadout() {
        hoverX = null;
        readout.setVisible(false);
        chart.setCrosshair(null);
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.3f" : "%.4f", v);
    }

    /** Writes the chart as a PNG of its current size (at twice the pixels). */
    public CompletableFuture<Path> exportPng(Path file) {
        java.awt.image.BufferedImage image = ChartExport.png(chart, exportWidth(), exportHeight(), 2);
        return write("Exporting " + file.getFileName(), file, () -> ChartExport.writePng(image, file));
    }

    /** Writes the chart as an SVG drawing of its current size. */
    public CompletableFuture<Path> exportSvg(Path file) {
        String svg = ChartExport.svg(chart, exportWidth(), exportHeight());
        return write("Exporting " + file.getFileName(), file, () -> ChartExport.writeSvg(svg, file));
    }

    /** Writes every point of the chart's lines, raw and smoothed, as CSV. */
    public CompletableFuture<Path> exportCsv(Path file) {
        ChartCsv csv = model.csv();
        return write("Exporting " + file.getFileName(), file, () -> csv.write(file));
    }

    private int exportWidth() {
        return Math.max(480, (int) viewer.getWidth());
    }

    private int exportHeight() {
        return Math.max(300, (int) viewer.getHeight() + 70);
    }

    private interface Io {
        void run() throws Exception;
    }

    private CompletableFuture<Path> write(String label, Path file, Io io) {
        return tasks.run(label, () -> {
            io.run();
            return file;
        }, done -> { }, e -> dialogs.showError("Could not export " + model.spec().title(),
                file + ": " + reason(e) + ". Choose a folder you can write to."));
    }

    private static String reason(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the folder does not exist";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
