package org.nprworkbench.visualizer.dashboard;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Objects;

import org.jfree.chart.JFreeChart;
import org.jfree.fx.FXHints;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.nprworkbench.visualizer.chart.ChartFrame;
import org.nprworkbench.visualizer.chart.ChartSpec;
import org.nprworkbench.visualizer.chart.FrameLine;
import org.nprworkbench.visualizer.chart.PlottedSeries;
import org.nprworkbench.visualizer.chart.StageMarker;
import org.nprworkbench.visualizer.chart.XAxisMode;

/**
 * The JFreeChart of one dashboard chart, kept up to date from {@link ChartFrame}s: the decimated
 * lines (raw faint behind smoothed, each run in its colour, the baseline dashed grey, second and later
 * metrics of a chart dotted), stage boundaries as labelled domain markers, a linear or log y axis and
 * a step or elapsed-time x axis. Each {@link #apply} ends in a single chart-change event, so a viewer
 * redraws once. Needs no window: export and tests draw it straight to a Graphics2D.
 */
public final class MetricChart {
    private static final Stroke SMOOTH = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke RAW = new BasicStroke(1.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke DOTTED = new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {0.5f, 3.5f}, 0f);
    private static final Stroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 4f}, 0f);
    private static final Stroke MARKER = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
            new float[] {3f, 3f}, 0f);
    /** Point shapes are drawn on dotted lines only while they have at most this many points. */
    private static final int MAX_SHAPES = 120;
    /** Rows of stage labels under the plot's top edge. */
    private static final int LABEL_ROWS = 3;

    private final ChartSpec spec;
    private final FrameDataset dataset = new FrameDataset();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final BandDataset bands = new BandDataset();
    private final BandRenderer bandRenderer = new BandRenderer();
    private final NumberAxis domain = new NumberAxis(XAxisMode.STEP.axisLabel());
    private final NumberAxis linear = new NumberAxis();
    private final LogAxis log = new LogAxis();
    private final XYPlot plot;
    private final JFreeChart chart;
    private ChartStyle style;
    private XAxisMode mode = XAxisMode.STEP;
    private List<StageMarker> markers = List.of();
    private double markerScale = 1;
    private double markerLo;

    public MetricChart(ChartSpec spec, ChartStyle style) {
        this.spec = spec;
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        domain.setAutoRangeIncludesZero(false);
        domain.setLowerMargin(0.01);
        domain.setUpperMargin(0.01);
        linear.setAutoRangeIncludesZero(false);
        linear.setAutoRangeStickyZero(false);
        log.setSmallestValue(1e-12);
        log.setAutoRangeMinimumSize(1e-12);
        log.setNumberFormatOverride(new SignificantFormat());
        for (ValueAxis axis : new ValueAxis[] {linear, log}) {
            axis.setLowerMargin(0.06);
            axis.setUpperMargin(0.06);
        }
        plot = new XYPlot(bands, domain, linear, bandRenderer);
        plot.setDataset(1, dataset);
        plot.setRenderer(1, renderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setOutlineVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(6, 2, 2, 18));
        plot.setDomainCrosshairLockedOnData(false);
        plot.setRangeCrosshairVisible(false);
        plot.setNoDataMessage("No data yet");
        plot.setDomainPannable(true);
        plot.setRangePannable(true);
        chart = new JFreeChart(null, null, plot, false);
        chart.setPadding(new RectangleInsets(0, 0, 2, 0));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        // ChartCanvas measures text with JavaFX Text nodes, one per tick label per redraw; the AWT
        // metrics of the same font are many times cheaper and agree to a fraction of a pixel.
        chart.getRenderingHints().put(FXHints.KEY_USE_FX_FONT_METRICS, false);
        setStyle(style);
    }

    /** The chart, for a viewer or an exporter. */
    public JFreeChart chart() {
        return chart;
    }

    public ChartSpec spec() {
        return spec;
    }

    /** The lines drawn now: bands (behind) first, then polylines. */
    public List<FrameLine> lines() {
        List<FrameLine> all = new java.util.ArrayList<>(bands.bands());
        all.addAll(dataset.lines());
        return all;
    }

    /** The stage markers drawn now. */
    public List<StageMarker> markers() {
        return markers;
    }

    /**
     * Shows a frame: lines, markers and axes, then one redraw.
     *
     * @param columns the width of the plot area in pixels (to keep stage labels from overlapping)
     */
    public void apply(ChartFrame frame, XAxisMode xAxis, boolean logAxis, int columns) {
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        try {
            ValueAxis range = logAxis ? log : linear;
            if (plot.getRangeAxis() != range) {
                range.setAutoRange(true);
                plot.setRangeAxis(range);
            }
            if (xAxis != mode) {
                mode = xAxis;
                domain.setLabel(xAxis.axisLabel());
                domain.setStandardTickUnits(xAxis == XAxisMode.STEP ? NumberAxis.createIntegerTickUnits()
                        : ElapsedTimeFormat.tickUnits());
                domain.setAutoRange(true);
            }
            boolean span = Double.isFinite(frame.lo()) && Double.isFinite(frame.hi()) && frame.hi() > frame.lo();
            double scale = span ? columns / (frame.hi() - frame.lo()) : 1;
            double lo = span ? frame.lo() : 0;
            if (!frame.markers().equals(markers) || scale != markerScale || lo != markerLo) {
                markers = frame.markers();
                markerScale = scale;
                markerLo = lo;
                placeMarkers();
            }
            List<FrameLine> lines = frame.lines().stream().filter(l -> !l.isBand()).toList();
            List<FrameLine> bandLines = frame.lines().stream().filter(FrameLine::isBand).toList();
            for (int i = 0; i < lines.size(); i++) {
                style(i, lines.get(i));
            }
            for (int i = 0; i < bandLines.size(); i++) {
                Color colour = Color.decode(bandLines.get(i).series().colour());
                boolean raw = bandLines.get(i).kind() == FrameLine.Kind.RAW;
                bandRenderer.setSeriesPaint(i, raw ? new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 50)
                        : colour, false);
                bandRenderer.setSeriesThickness(i, raw ? 0 : 1.6);
                bandRenderer.setSeriesVisibleInLegend(i, !raw, false);
            }
            bands.setBands(bandLines);
            dataset.setLines(lines);
        } finally {
            chart.setNotify(notify);
        }
    }

    private void style(int i, FrameLine line) {
        PlottedSeries s = line.series();
        Color colour = Color.decode(s.colour());
        boolean raw = line.kind() == FrameLine.Kind.RAW;
        renderer.setSeriesPaint(i, raw ? new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 55) : colour, false);
        Stroke stroke = raw ? RAW : s.baseline() ? DASHED : s.variant() > 0 ? DOTTED : SMOOTH;
        renderer.setSeriesStroke(i, stroke, false);
        boolean shapes = !raw && s.variant() > 0 && line.points().size() <= MAX_SHAPES;
        renderer.setSeriesShapesVisible(i, shapes);
        renderer.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5), false);
        renderer.setSeriesVisibleInLegend(i, !raw, false);
    }

    /**
     * Replaces the domain markers. Labels go in up to {@link #LABEL_ROWS} rows below the top edge: each
     * label takes the first row where it clears the previous label; a label with no room is left
     * out (its dashed line stays, and the read-out names the stage).
     */
    private void placeMarkers() {
        plot.clearDomainMarkers();
        List<StageMarker> sorted = markers.stream().sorted(java.util.Comparator.comparingDouble(StageMarker::x)).toList();
        double[] rowEnds = new double[LABEL_ROWS];
        java.util.Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
        for (StageMarker m : sorted) {
            double px = (m.x() - markerLo) * markerScale;
            double width = m.label().length() * 5.6 + 10;
            int row = -1;
            for (int r = 0; r < LABEL_ROWS && row < 0; r++) {
                if (px >= rowEnds[r]) {
                    row = r;
                }
            }
            if (row >= 0) {
                rowEnds[row] = px + width;
            }
            plot.addDomainMarker(0, marker(m, row), Layer.BACKGROUND, false);
        }
    }

    private ValueMarker marker(StageMarker m, int row) {
        Color colour = m.colour() == null ? style.marker() : Color.decode(m.colour());
        ValueMarker marker = new ValueMarker(m.x(), colour, MARKER);
        if (row < 0) {
            return marker;
        }
        marker.setLabel(m.label());
        marker.setLabelFont(style.markerFont());
        marker.setLabelPaint(m.colour() == null ? style.markerLabel() : colour);
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        marker.setLabelOffset(new RectangleInsets(1 + 12 * row, 3, 1, 3));
        Color bg = style.background();
        marker.setLabelBackgroundColor(new Color(bg.getRed(), bg.getGreen(), bg.getBlue(), 200));
        return marker;
    }

    /** Switches the colours and fonts (light or dark). */
    public void setStyle(ChartStyle style) {
        this.style = Objects.requireNonNull(style);
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        chart.setBackgroundPaint(style.background());
        plot.setBackgroundPaint(style.background());
        plot.setDomainGridlinePaint(style.grid());
        plot.setRangeGridlinePaint(style.grid());
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainCrosshairPaint(style.crosshair());
        plot.setDomainCrosshairStroke(new BasicStroke(1f));
        plot.setNoDataMessagePaint(style.noData());
        plot.setNoDataMessageFont(style.labelFont());
        for (ValueAxis axis : new ValueAxis[] {domain, linear, log}) {
            axis.setTickLabelFont(style.tickFont());
            axis.setTickLabelPaint(style.tickLabel());
            axis.setLabelFont(style.labelFont());
            axis.setLabelPaint(style.axisLabel());
            axis.setAxisLinePaint(style.axisLine());
            axis.setTickMarkPaint(style.axisLine());
            axis.setTickMarkOutsideLength(3);
        }
        placeMarkers();
        chart.setNotify(notify);
    }

    public ChartStyle style() {
        return style;
    }

    /** Shows the crosshair at x, or hides it for null. */
    public void setCrosshair(Double x) {
        if (x == null) {
            if (plot.isDomainCrosshairVisible()) {
                plot.setDomainCrosshairVisible(false);
            }
            return;
        }
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        plot.setDomainCrosshairVisible(true);
        plot.setDomainCrosshairValue(x);
        chart.setNotify(notify);
    }

    /** Undoes any zoom: both axes back to fitting the data. */
    public void resetZoom() {
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        domain.setAutoRange(true);
        plot.getRangeAxis().setAutoRange(true);
        chart.setNotify(notify);
    }

    /** Whether the x axis fits the data (no zoom). */
    public boolean domainAutoRange() {
        return domain.isAutoRange();
    }

    /** The x axis's shown range, low end. */
    public double domainLower() {
        return domain.getLowerBound();
    }

    /** The x axis's shown range, high end. */
    public double domainUpper() {
        return domain.getUpperBound();
    }

    /** The plot, for viewers that convert pointer positions. */
    XYPlot plot() {
        return plot;
    }
}
