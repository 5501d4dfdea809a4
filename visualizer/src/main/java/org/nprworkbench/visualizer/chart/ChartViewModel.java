package org.nprworkbench.visualizer.chart;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import org.nprworkbench.visualizer.metrics.MetricColumns;
import org.nprworkbench.visualizer.metrics.RunMetrics;
import org.nprworkbench.visualizer.metrics.StageBoundary;

/**
 * One chart of the dashboard without its widgets: which lines it draws (every shown run's series
 * that its {@link ChartSpec} takes, and the baseline's), whether it is shown and on a log axis, and
 * what it draws at a given width and x range ({@link #frame}), what the pointer reads at an x
 * ({@link #readout}) and its data as CSV ({@link #csv}). A revision number goes up whenever
 * anything it draws changes, so that a view redraws only charts that changed ({@link #settingsRevision}
 * separates what the user changed from points arriving).
 */
public final class ChartViewModel {
    private final DashboardViewModel dashboard;
    private final ChartSpec spec;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);
    private final BooleanProperty logAxis = new SimpleBooleanProperty(this, "logAxis", false);
    private long revision;
    private long settingsRevision;
    private long seriesStructure = -1;
    private List<PlottedSeries> series = List.of();

    ChartViewModel(DashboardViewModel dashboard, ChartSpec spec) {
        this.dashboard = dashboard;
        this.spec = spec;
        logAxis.addListener((o, was, is) -> touch());
        shown.addListener((o, was, is) -> touch());
    }

    public ChartSpec spec() {
        return spec;
    }

    /** Whether the chart is in the dashboard. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** Whether the y axis is logarithmic (values at or below 0 are then left out of the drawing). */
    public BooleanProperty logAxisProperty() {
        return logAxis;
    }

    /** Goes up whenever the chart's drawing changes (data, runs, smoothing, axes). */
    public long revision() {
        return revision;
    }

    /**
     * Goes up whenever the drawing changes for another reason than new points of known lines (a run
     * shown or hidden, smoothing, axes): a change the user made and waits to see.
     */
    public long settingsRevision() {
        return settingsRevision;
    }

    void touch() {
        revision++;
        settingsRevision++;
        dashboard.changed();
    }

    void touchData() {
        revision++;
        dashboard.changed();
    }

    /** The lines drawn: the baseline's first (behind), then each shown run's in legend order. */
    public List<PlottedSeries> series() {
        if (seriesStructure != dashboard.structureRevision()) {
            List<PlottedSeries> lines = new ArrayList<>();
            String baseline = dashboard.baselineProperty().get();
            if (baseline != null && dashboard.run(baseline) != null) {
                addLines(lines, dashboard.run(baseline), RunPalette.BASELINE, true);
            }
            for (RunEntry e : dashboard.runs()) {
                if (e.shownProperty().get() && !e.name().equals(baseline)) {
                    addLines(lines, dashboard.run(e.name()), e.colour(), false);
                }
            }
            series = List.copyOf(lines);
            seriesStructure = dashboard.structureRevision();
        }
        return series;
    }

    private void addLines(List<PlottedSeries> lines, RunMetrics run, String colour, boolean baseline) {
        for (MetricColumns c : run.allSeries()) {
            int k = spec.matcherIndex(c.metric());
            if (k >= 0) {
                MetricMatcher m = spec.matchers().get(k);
                lines.add(new PlottedSeries(run.name(), m.isFamily() ? c.metric() : m.label(), k, colour, baseline, c));
            }
        }
    }

    /**
     * What to draw for {@code columns} pixel columns: over every point when {@code autoRange}, else
     * over the points between {@code lo} and {@code hi} (with one neighbour each side, so lines reach
     * the edges). Each line is decimated to at most 4 points per column; with smoothing on, each series
     * gives a faint raw line and a smoothed one. Lines with more than two points per column come as a
     * band (per-column low and high) instead, or, when drawn dashed or dotted (the baseline, second
     * metrics), as one mean point per column.
     */
    public ChartFrame frame(boolean autoRange, double lo, double hi, int columns) {
        List<PlottedSeries> lines = series();
        XAxisMode mode = dashboard.xAxisProperty().get();
        double weight = dashboard.smoothingProperty().get();
        boolean log = logAxis.get();
        if (autoRange) {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (PlottedSeries s : lines) {
                int n = s.columns().size();
                if (n > 0) {
                    double off = offset(s, mode);
                    double[] xs = xs(s.columns(), mode);
                    lo = Math.min(lo, xs[0] - off);
                    hi = Math.max(hi, xs[n - 1] - off);
                }
            }
        }
        List<FrameLine> raw = new ArrayList<>();
        List<FrameLine> smooth = new ArrayList<>();
        long points = 0;
        for (PlottedSeries s : lines) {
            MetricColumns c = s.columns();
            int n = c.size();
            points += n;
            double off = offset(s, mode);
            double[] xs = xs(c, mode);
            int from = 0;
            int to = n;
            if (!autoRange) {
                from = Math.max(0, Decimator.firstIndexAtOrAbove(xs, n, off, lo) - 1);
                to = Math.min(n, Decimator.firstIndexAtOrAbove(xs, n, off, Math.nextUp(hi)) + 1);
            }
            double[] smoothed = dashboard.smoothed(c, weight);
            // Lines denser than two points per pixel column are drawn as their envelope (a band
            // covering the pixels the zigzag would), except dashed and dotted ones, which show
            // their column means.
            boolean dense = to - from > 2L * columns;
            if (weight > 0) {
                raw.add(reduce(s, FrameLine.Kind.RAW, xs, c.valueColumn(), from, to, off, lo, hi, columns, log,
                        dense ? Reduction.BAND : Reduction.M4));
            }
            boolean patterned = s.baseline() || s.variant() > 0;
            smooth.add(reduce(s, FrameLine.Kind.SMOOTHED, xs, smoothed, from, to, off, lo, hi, columns, log,
                    !dense ? Reduction.M4 : patterned ? Reduction.MEANS : Reduction.BAND));
        }
        raw.addAll(smooth);
        return new ChartFrame(List.copyOf(raw), markers(mode), lo, hi, points);
    }

    /** How a line is reduced to the chart's width. */
    private enum Reduction { M4, BAND, MEANS }

    private static FrameLine reduce(PlottedSeries s, FrameLine.Kind kind, double[] xs, double[] ys, int from, int to,
                                    double off, double lo, double hi, int columns, boolean log, Reduction how) {
        if (how == Reduction.BAND) {
            BandBuffer out = new BandBuffer();
            Decimator.minMax(xs, ys, from, to, off, lo, hi, columns, out);
            if (log) {
                for (int i = 0; i < out.size(); i++) {
                    if (!(out.high(i) > 0)) {
                        out.set(i, Double.NaN, Double.NaN);
                    } else if (!(out.low(i) > 0)) {
                        out.set(i, out.high(i), out.high(i));
                    }
                }
            }
            return new FrameLine(s, kind, null, out);
        }
        PointBuffer out = new PointBuffer(Math.min(to - from, 4 * columns) + 4);
        if (how == Reduction.MEANS) {
            Decimator.columnMeans(xs, ys, from, to, off, lo, hi, columns, out);
        } else {
            Decimator.m4(xs, ys, from, to, off, lo, hi, columns, out);
        }
        if (log) {
            for (int i = 0; i < out.size(); i++) {
                if (!(out.y(i) > 0)) {
                    out.setY(i, Double.NaN);
                }
            }
        }
        return new FrameLine(s, kind, out, null);
    }

    /** Stage boundaries of the shown runs (not the baseline's), one marker per distinct stage and x. */
    List<StageMarker> markers(XAxisMode mode) {
        List<RunEntry> runs = dashboard.runs().stream()
                .filter(e -> e.shownProperty().get() && !e.name().equals(dashboard.baselineProperty().get()))
                .toList();
        List<StageMarker> markers = new ArrayList<>();
        for (RunEntry e : runs) {
            RunMetrics run = dashboard.run(e.name());
            for (StageBoundary b : run.stages()) {
                double x = mode == XAxisMode.STEP ? b.firstStep() : b.firstWallTime() - run.startWallTime();
                if (markers.stream().noneMatch(m -> m.x() == x && m.label().equals(b.stage()))) {
                    markers.add(new StageMarker(x, b.stage(), runs.size() > 1 ? e.colour() : null));
                }
            }
        }
        return markers;
    }

    /**
     * What each line reads at x (on the current axis): the logged point nearest to x, its raw and
     * smoothed value. Shown runs come first, the baseline last.
     */
    public List<ReadoutLine> readout(double x) {
        XAxisMode mode = dashboard.xAxisProperty().get();
        double weight = dashboard.smoothingProperty().get();
        List<ReadoutLine> out = new ArrayList<>();
        List<ReadoutLine> baseline = new ArrayList<>();
        for (PlottedSeries s : series()) {
            MetricColumns c = s.columns();
            int n = c.size();
            if (n == 0) {
                continue;
            }
            double off = offset(s, mode);
            double[] xs = xs(c, mode);
            int i = Decimator.firstIndexAtOrAbove(xs, n, off, x);
            if (i == n || i > 0 && x - (xs[i - 1] - off) <= (xs[i] - off) - x) {
                i--;
            }
            ReadoutLine line = new ReadoutLine(s, c.stage(i), c.step(i), c.wallTime(i), xs[i] - off, c.value(i),
                    dashboard.smoothed(c, weight)[i]);
            (s.baseline() ? baseline : out).add(line);
        }
        out.addAll(baseline);
        return out;
    }

    /** The chart's data (every point of every line, raw and smoothed) as a CSV snapshot. */
    public ChartCsv csv() {
        double weight = dashboard.smoothingProperty().get();
        List<ChartCsv.Part> parts = new ArrayList<>();
        for (PlottedSeries s : series()) {
            MetricColumns snapshot = s.columns().snapshot();
            double[] smoothed = java.util.Arrays.copyOf(dashboard.smoothed(s.columns(), weight), snapshot.size());
            parts.add(new ChartCsv.Part(s.run(), snapshot, smoothed));
        }
        return new ChartCsv(parts);
    }

    private double offset(PlottedSeries s, XAxisMode mode) {
        return mode == XAxisMode.STEP ? 0 : dashboard.run(s.run()).startWallTime();
    }

    private static double[] xs(MetricColumns c, XAxisMode mode) {
        return mode == XAxisMode.STEP ? c.stepColumn() : c.wallTimeColumn();
    }
}
