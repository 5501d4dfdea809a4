package org.nprworkbench.visualizer.chart;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.nprworkbench.visualizer.metrics.MetricColumns;
import org.nprworkbench.visualizer.metrics.MetricRow;
import org.nprworkbench.visualizer.metrics.RunMetrics;
import org.nprworkbench.visualizer.metrics.StageBoundary;

/**
 * The live-metrics dashboard without its widgets: the runs and their series (fed row by row as they
 * arrive, see {@link #append}), the charts ({@link ChartViewModel}, one per {@link ChartSpec}), and
 * the settings every chart shares: EMA smoothing weight, x axis (step or elapsed wall time), which
 * runs are overlaid and which run is the pinned baseline. Independent of where rows come from: a
 * run-store poller, a test or the UI benchmark append them.
 *
 * <p>Confined to one thread (the JavaFX thread in the window); no method blocks. Uses no scene-graph
 * classes, so it is tested without a window.
 */
public final class DashboardViewModel {
    private final List<ChartViewModel> charts = new ArrayList<>();
    private final Map<String, RunMetrics> runs = new LinkedHashMap<>();
    private final ObservableList<RunEntry> entries = FXCollections.observableArrayList();
    // One read-only view, kept: a fresh wrapper per call holds its listeners only weakly from the
    // backing list, so a listener added to it stops hearing changes once the wrapper is collected.
    private final ObservableList<RunEntry> readOnlyEntries = FXCollections.unmodifiableObservableList(entries);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6);
    private final ObjectProperty<XAxisMode> xAxis = new SimpleObjectProperty<>(this, "xAxis", XAxisMode.STEP);
    private final ObjectProperty<String> baseline = new SimpleObjectProperty<>(this, "baseline");
    private final Map<String, int[]> chartsOfMetric = new HashMap<>();
    private final Map<MetricColumns, SmoothedColumn> smoothed = new IdentityHashMap<>();
    private final List<Runnable> changeListeners = new ArrayList<>();
    private long structure;

    /** A dashboard of the default charts ({@link ChartCatalogue#defaults()}). */
    public DashboardViewModel() {
        this(ChartCatalogue.defaults());
    }

    public DashboardViewModel(List<ChartSpec> specs) {
        for (ChartSpec spec : specs) {
            charts.add(new ChartViewModel(this, spec));
        }
        smoothing.addListener((o, was, is) -> {
            double w = is.doubleValue();
            if (!(w >= 0 && w <= Ema.MAX_WEIGHT)) {
                smoothing.set(Math.max(0, Math.min(Ema.MAX_WEIGHT, Double.isNaN(w) ? 0 : w)));
                return;
            }
            touchAll();
        });
        xAxis.addListener((o, was, is) -> touchAll());
        baseline.addListener((o, was, is) -> structureChanged());
    }

    /** Every chart, shown or not, in catalogue order. */
    public List<ChartViewModel> charts() {
        return List.copyOf(charts);
    }

    /** The charts currently shown. */
    public List<ChartViewModel> shownCharts() {
        return charts.stream().filter(c -> c.shownProperty().get()).toList();
    }

    /** The chart with this id. */
    public ChartViewModel chart(String id) {
        return charts.stream().filter(c -> c.spec().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no chart " + id));
    }

    /** The runs known so far, in the order they appeared; each keeps its colour. */
    public ObservableList<RunEntry> runs() {
        return readOnlyEntries;
    }

    /** The run with this name, or null. */
    public RunMetrics run(String name) {
        return runs.get(name);
    }

    /** The EMA weight in [0, 0.99]; 0 draws the raw values only. */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    /** What the x axis of every chart measures. */
    public ObjectProperty<XAxisMode> xAxisProperty() {
        return xAxis;
    }

    /** The name of the run pinned as the reference (drawn dashed, always on), or null. */
    public ObjectProperty<String> baselineProperty() {
        return baseline;
    }

    /**
     * Appends rows as they arrive; a row of an unknown run adds the run (shown, with the next palette
     * colour). Rows of one series must come in step order.
     *
     * @throws IllegalArgumentException at the first row whose step goes back (the rows before it are kept)
     */
    public void append(Collection<MetricRow> rows) {
        for (MetricRow row : rows) {
            RunMetrics run = runs.get(row.run());
            if (run == null) {
                run = addRun(row.run());
            }
            int before = run.allSeries().size();
            int stagesBefore = run.stages().size();
            run.append(row);
            if (run.allSeries().size() != before || run.stages().size() != stagesBefore) {
                structureChanged();
            } else {
                for (int k : chartsOf(row.metric())) {
                    charts.get(k).touchData();
                }
            }
        }
    }

    /** Sets a run's stage boundaries (adding the run if it is new); they replace any derived from rows. */
    public void setStages(String runName, List<StageBoundary> stages) {
        RunMetrics run = runs.get(runName);
        if (run == null) {
            run = addRun(runName);
        }
        run.setStages(stages);
        touchAll();
    }

    /** Adds a run without points (a no-op if it is known). */
    public RunMetrics addRun(String name) {
        RunMetrics run = runs.get(name);
        if (run != null) {
            return run;
        }
        run = new RunMetrics(name);
        runs.put(name, run);
        RunEntry entry = new RunEntry(name, RunPalette.colour(entries.size()));
        entry.shownProperty().addListener((o, was, is) -> structureChanged());
        entries.add(entry);
        structureChanged();
        return run;
    }

    /** Forgets a run and its points; unpins it if it was the baseline. */
    public void removeRun(String name) {
        RunMetrics run = runs.remove(name);
        if (run == null) {
            return;
        }
        run.allSeries().forEach(smoothed::remove);
        entries.removeIf(e -> e.name().equals(name));
        if (name.equals(baseline.get())) {
            baseline.set(null);
        }
        structureChanged();
    }

    /**
     * Registers code to run whenever a chart's drawing changes (new points, runs, settings): the view
     * uses it to wake its redraw loop, which sleeps while nothing changes.
     */
    public void addChangeListener(Runnable listener) {
        changeListeners.add(listener);
    }

    void changed() {
        for (Runnable listener : changeListeners) {
            listener.run();
        }
    }

    /** The smoothed values of a series at a weight, valid up to its size (kept incrementally). */
    double[] smoothed(MetricColumns columns, double weight) {
        return smoothed.computeIfAbsent(columns, SmoothedColumn::new).values(weight);
    }

    long structureRevision() {
        return structure;
    }

    private void structureChanged() {
        structure++;
        touchAll();
    }

    private void touchAll() {
        charts.forEach(ChartViewModel::touch);
    }

    private int[] chartsOf(String metric) {
        return chartsOfMetric.computeIfAbsent(metric, m -> {
            List<Integer> ks = new ArrayList<>();
            for (int k = 0; k < charts.size(); k++) {
                if (charts.get(k).spec().matcherIndex(m) >= 0) {
                    ks.add(k);
                }
            }
            return ks.stream().mapToInt(Integer::intValue).toArray();
        });
    }
}
