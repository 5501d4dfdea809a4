package org.nprworkbench.visualizer.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.visualizer.metrics.MetricRow;
import org.nprworkbench.visualizer.metrics.StageBoundary;

/** The dashboard's view model without a window: feeding, overlay, baseline, smoothing, axes, read-out, CSV. */
class DashboardViewModelTest {
    private final DashboardViewModel model = new DashboardViewModel();

    @Test
    void rowsFeedTheirChartsAndOnlyThoseChartsChange() {
        model.append(rows("a", "critic/rewards/mean", "npr-zero", 0, 10, 100.0));
        long reward = model.chart("reward").revision();
        long loss = model.chart("loss").revision();
        model.append(rows("a", "critic/rewards/mean", "npr-zero", 10, 5, 100.0));
        assertTrue(model.chart("reward").revision() > reward);
        assertEquals(loss, model.chart("loss").revision(), "a reward row leaves the loss chart alone");

        ChartFrame frame = model.chart("reward").frame(true, 0, 0, 300);
        assertEquals(15, frame.points());
        assertEquals(List.of(FrameLine.Kind.RAW, FrameLine.Kind.SMOOTHED), frame.lines().stream().map(FrameLine::kind).toList());
        assertEquals(15, frame.lines().get(0).points().size());
        assertEquals(0, frame.lo());
        assertEquals(14, frame.hi());
        assertEquals(0, model.chart("loss").frame(true, 0, 0, 300).lines().size());
    }

    @Test
    void accuracyDrawsTrainAndEachValidationMetric() {
        model.append(rows("a", "npr/accuracy", "s", 0, 20, 0));
        model.append(rows("a", "val/test_score/countdown/mean@4", "s", 0, 2, 0));
        model.append(rows("a", "val/test_score/digitsum/mean@4", "s", 0, 2, 0));
        List<PlottedSeries> lines = model.chart("accuracy").series();
        assertEquals(List.of("train", "val/test_score/countdown/mean@4", "val/test_score/digitsum/mean@4"),
                lines.stream().map(PlottedSeries::label).toList());
        assertEquals(List.of(0, 1, 1), lines.stream().map(PlottedSeries::variant).toList());
    }

    @Test
    void overlaidRunsKeepTheirColoursAndTheBaselineIsAlwaysOnAndDashed() {
        model.append(rows("sr", "critic/rewards/mean", "sr", 0, 5, 0));
        model.append(rows("a", "critic/rewards/mean", "npr-zero", 0, 5, 0));
        model.append(rows("b", "critic/rewards/mean", "npr-zero", 0, 5, 0));
        assertEquals(List.of("sr", "a", "b"), model.runs().stream().map(RunEntry::name).toList());
        assertEquals(List.of(RunPalette.colour(0), RunPalette.colour(1), RunPalette.colour(2)),
                model.runs().stream().map(RunEntry::colour).toList());

        ChartViewModel reward = model.chart("reward");
        model.baselineProperty().set("sr");
        model.runs().get(0).shownProperty().set(false);
        List<PlottedSeries> lines = reward.series();
        assertEquals(List.of("sr", "a", "b"), lines.stream().map(PlottedSeries::run).toList());
        assertTrue(lines.get(0).baseline());
        assertEquals(RunPalette.BASELINE, lines.get(0).colour(), "the baseline is drawn in its own grey");
        assertEquals(RunPalette.colour(1), lines.get(1).colour());

        model.runs().get(1).shownProperty().set(false);
        assertEquals(List.of("sr", "b"), reward.series().stream().map(PlottedSeries::run).toList());
        assertEquals(List.of("b", "sr"), reward.readout(2).stream().map(l -> l.series().run()).toList(),
                "the read-out lists the baseline last");

        model.baselineProperty().set(null);
        assertEquals(List.of("b"), reward.series().stream().map(PlottedSeries::run).toList(),
                "unpinned, a hidden run is gone");
        model.removeRun("b");
        assertEquals(List.of("sr", "a"), model.runs().stream().map(RunEntry::name).toList());
        assertEquals(RunPalette.colour(1), model.runs().get(1).colour(), "colours stay with their runs");
    }

    @Test
    void smoothingOffDrawsOneLineOfRawValuesAndOnDrawsRawBehindSmoothed() {
        model.append(rows("a", "actor/entropy", "s", 0, 50, 0));
        model.append(rows("b", "actor/entropy", "s", 0, 50, 0));
        ChartViewModel entropy = model.chart("entropy");
        model.smoothingProperty().set(0);
        ChartFrame off = entropy.frame(true, 0, 0, 500);
        assertEquals(2, off.lines().size());
        assertTrue(off.lines().stream().allMatch(l -> l.kind() == FrameLine.Kind.SMOOTHED));
        assertEquals(value(7), off.lines().get(0).points().y(7), "smoothing 0 is the raw value");

        long before = entropy.revision();
        model.smoothingProperty().set(0.9);
        assertTrue(entropy.revision() > before, "a new weight redraws");
        ChartFrame on = entropy.frame(true, 0, 0, 500);
        assertEquals(List.of(FrameLine.Kind.RAW, FrameLine.Kind.RAW, FrameLine.Kind.SMOOTHED, FrameLine.Kind.SMOOTHED),
                on.lines().stream().map(FrameLine::kind).toList());
        assertEquals(value(7), on.lines().get(0).points().y(7));
        double[] raw = new double[50];
        for (int i = 0; i < 50; i++) {
            raw[i] = value(i);
        }
        assertEquals(Ema.smooth(raw, 50, 0.9)[7], on.lines().get(2).points().y(7), 1e-12);

        model.smoothingProperty().set(1.5);
        assertEquals(Ema.MAX_WEIGHT, model.smoothingProperty().get(), "clamped to the slider's range");
    }

    @Test
    void hundredThousandPointsDrawAsAFewPerPixelAndZoomingDecimatesTheWindowOnly() {
        model.append(rows("a", "actor/lr", "s", 0, 100_000, 0));
        ChartViewModel lr = model.chart("learning-rate");
        ChartFrame all = lr.frame(true, 0, 0, 400);
        assertEquals(100_000, all.points());
        FrameLine raw = all.lines().get(0);
        assertTrue(raw.isBand(), "dense raw values are drawn as their envelope");
        assertEquals(400, raw.band().size(), "one band column per pixel column");
        assertTrue(all.lines().get(1).isBand(), "and so is the smoothed line");
        assertEquals(400, all.lines().get(1).band().size());
        model.smoothingProperty().set(0);
        assertTrue(lr.frame(true, 0, 0, 400).lines().get(0).isBand(), "without smoothing the dense raw line is a band");
        model.smoothingProperty().set(0.6);

        model.baselineProperty().set("a");
        FrameLine baseline = lr.frame(true, 0, 0, 400).lines().get(1);
        assertFalse(baseline.isBand(), "the dashed baseline shows a mean per column");
        assertEquals(400, baseline.points().size());
        double mean = 0;
        for (int i = 0; i < 250; i++) {
            mean += Ema.smooth(lrValues(), 250, 0.6)[i] / 250;
        }
        assertEquals(mean, baseline.points().y(0), 1e-9, "the first column holds steps 0-249");
        model.baselineProperty().set(null);

        // a sparse line keeps its points
        model.append(rows("b", "actor/lr", "s", 0, 500, 0));
        FrameLine sparse = lr.frame(true, 0, 0, 400).lines().stream()
                .filter(l -> l.series().run().equals("b") && l.kind() == FrameLine.Kind.SMOOTHED).findFirst().orElseThrow();
        assertFalse(sparse.isBand());
        assertEquals(100_000, model.run("a").series("actor/lr").size(), "the source keeps every point");

        ChartFrame zoomed = lr.frame(false, 1000, 1200, 400);
        PointBuffer p = zoomed.lines().get(0).points();
        assertEquals(203, p.size(), "201 points in the window and one neighbour each side, too few to decimate");
        assertEquals(999, p.x(0));
        assertEquals(1201, p.x(p.size() - 1));
    }

    @Test
    void wallTimeAxisShowsSecondsSinceEachRunBeganAndMovesTheStageMarkers() {
        model.append(rows("a", "critic/rewards/mean", "seed", 0, 10, 1000.0));
        model.append(rows("a", "critic/rewards/mean", "npr-zero", 10, 10, 1000.0));
        model.append(rows("b", "critic/rewards/mean", "npr-zero", 0, 10, 5000.0));
        ChartViewModel reward = model.chart("reward");
        model.smoothingProperty().set(0);
        List<StageMarker> steps = reward.frame(true, 0, 0, 400).markers();
        assertEquals(List.of(new StageMarker(0, "seed", RunPalette.colour(0)), new StageMarker(10, "npr-zero", RunPalette.colour(0)),
                new StageMarker(0, "npr-zero", RunPalette.colour(1))), steps, "each shown run marks its stages in its colour");
        model.runs().get(1).shownProperty().set(false);
        assertEquals(List.of(new StageMarker(0, "seed", null), new StageMarker(10, "npr-zero", null)),
                reward.frame(true, 0, 0, 400).markers(), "one run: neutral markers");
        model.runs().get(1).shownProperty().set(true);

        model.xAxisProperty().set(XAxisMode.WALL_TIME);
        ChartFrame frame = reward.frame(true, 0, 0, 400);
        PointBuffer a = frame.lines().get(0).points();
        assertEquals(0, a.x(0));
        assertEquals(19 * 2.0, a.x(19), "step 19 was logged 38 s after a began");
        PointBuffer b = frame.lines().get(1).points();
        assertEquals(0, b.x(0), "b starts at 0 too");
        assertTrue(frame.markers().contains(new StageMarker(20, "npr-zero", RunPalette.colour(0))));

        model.setStages("a", List.of(new StageBoundary("seed", 0, 990), new StageBoundary("npr-zero", 10, 1015)));
        assertTrue(reward.frame(true, 0, 0, 400).markers().contains(new StageMarker(25, "npr-zero", RunPalette.colour(0))),
                "set boundaries replace derived ones and the earlier start moves the origin");
    }

    @Test
    void logAxisLeavesOutValuesAtOrBelowZero() {
        List<MetricRow> rows = new ArrayList<>();
        double[] values = {1, 0, -2, 10};
        for (int i = 0; i < values.length; i++) {
            rows.add(new MetricRow("a", "actor/grad_norm", "s", i, i, values[i]));
        }
        model.append(rows);
        model.smoothingProperty().set(0);
        ChartViewModel grad = model.chart("grad-norm");
        long before = grad.revision();
        grad.logAxisProperty().set(true);
        assertTrue(grad.revision() > before);
        PointBuffer p = grad.frame(true, 0, 0, 100).lines().get(0).points();
        assertEquals(1, p.y(0));
        assertTrue(Double.isNaN(p.y(1)));
        assertTrue(Double.isNaN(p.y(2)));
        assertEquals(10, p.y(3));
    }

    @Test
    void theReadoutNamesTheNearestPointOfEveryLine() {
        model.append(rows("a", "critic/rewards/mean", "npr-zero", 0, 10, 100.0));
        List<MetricRow> sparse = List.of(new MetricRow("b", "critic/rewards/mean", "sr", 0, 7, 0.25),
                new MetricRow("b", "critic/rewards/mean", "sr", 5, 9, 0.75));
        model.append(sparse);
        model.smoothingProperty().set(0.5);
        List<ReadoutLine> at = model.chart("reward").readout(3.4);
        assertEquals(2, at.size());
        ReadoutLine a = at.get(0);
        assertEquals("a", a.series().run());
        assertEquals(3, a.step());
        assertEquals("npr-zero", a.stage());
        assertEquals(value(3), a.raw());
        assertEquals(106.0, a.wallTime());
        double[] raw = {value(0), value(1), value(2), value(3)};
        assertEquals(Ema.smooth(raw, 4, 0.5)[3], a.smoothed(), 1e-12);
        ReadoutLine b = at.get(1);
        assertEquals(5, b.step(), "3.4 is nearer step 5 than step 0");
        assertEquals(0.75, b.raw());
        assertEquals(0, model.chart("reward").readout(-100).get(0).step());
        assertEquals(9, model.chart("reward").readout(1e9).get(0).step());
    }

    @Test
    void csvHoldsEveryPointWithStageRawAndSmoothedAsASnapshot() throws Exception {
        model.smoothingProperty().set(0.5);
        model.append(List.of(new MetricRow("run, \"quoted\"", "actor/pg_loss", "npr-zero", 1, 1764115200.25, 2.0),
                new MetricRow("run, \"quoted\"", "actor/pg_loss", "npr-zero", 2, 1764115201.5, Double.NaN),
                new MetricRow("run, \"quoted\"", "train/loss", "seed", 3, 1764115202.0, 0.125)));
        ChartCsv csv = model.chart("loss").csv();
        model.append(List.of(new MetricRow("run, \"quoted\"", "actor/pg_loss", "npr-zero", 3, 1764115203, 4)));
        assertEquals(3, csv.rowCount(), "later rows are not in the snapshot");
        List<ChartCsv.Row> rows = csv.rows();
        assertEquals(new ChartCsv.Row("run, \"quoted\"", "actor/pg_loss", "npr-zero", 1, 1764115200.25, 2.0, 2.0), rows.get(0));
        assertTrue(Double.isNaN(rows.get(1).value()));
        StringWriter out = new StringWriter();
        csv.write(out);
        assertEquals(String.join("\n",
                "run,metric,stage,step,wall_time,value,smoothed",
                "\"run, \"\"quoted\"\"\",actor/pg_loss,npr-zero,1,1764115200.250,2,2",
                "\"run, \"\"quoted\"\"\",actor/pg_loss,npr-zero,2,1764115201.500,NaN,NaN",
                "\"run, \"\"quoted\"\"\",train/loss,seed,3,1764115202.000,0.125,0.125",
                ""), out.toString());
    }

    @Test
    void chartsCanBeHiddenAndShown() {
        assertEquals(13, model.shownCharts().size());
        model.chart("tps-ratio").shownProperty().set(false);
        model.chart("entropy").shownProperty().set(false);
        assertEquals(11, model.shownCharts().size());
        assertFalse(model.shownCharts().contains(model.chart("entropy")));
        model.chart("entropy").shownProperty().set(true);
        assertEquals(12, model.shownCharts().size());
        assertThrows(IllegalArgumentException.class, () -> model.chart("nope"));
    }

    @Test
    void aStepThatGoesBackIsRefusedAndTheRowsBeforeItKept() {
        List<MetricRow> rows = new ArrayList<>(rows("a", "actor/lr", "s", 0, 3, 0));
        rows.add(new MetricRow("a", "actor/lr", "s", 1, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.append(rows));
        assertTrue(e.getMessage().startsWith("a / actor/lr: step 1 arrived after step 2"), e.getMessage());
        assertEquals(3, model.run("a").series("actor/lr").size());
        assertNull(model.run("b"));
        assertNotEquals(0, model.chart("learning-rate").revision());
    }

    /** Rows with steps from {@code first}; run a logs a step every 2 wall-seconds, other runs every second. */
    private static List<MetricRow> rows(String run, String metric, String stage, long first, int n, double wallStart) {
        List<MetricRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long step = first + i;
            rows.add(new MetricRow(run, metric, stage, step, wallStart + step * (run.equals("a") ? 2 : 1), value(step)));
        }
        return rows;
    }

    private static double[] lrValues() {
        double[] v = new double[250];
        for (int i = 0; i < 250; i++) {
            v[i] = value(i);
        }
        return v;
    }

    private static double value(long step) {
        return Math.sin(step * 0.3) + step * 0.01;
    }
}
