package org.nprworkbench.visualizer.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The UI benchmark's entry point on a small workload, and its frame statistics. The full
 * workload, after an idle control run, runs with {@code -Dnpr.bench.ui=true} (see {@link #fullWorkload()}).
 */
class UiBenchmarkTest {

    @Test
    void frameStatisticsByNearestRank() {
        long[] ms = new long[200];
        for (int i = 0; i < 200; i++) {
            ms[i] = (i + 1) * 1_000_000L;
        }
        FrameStats s = FrameStats.of(ms, 200);
        assertEquals(200, s.count());
        assertEquals(198, s.p99Ms(), 1e-9, "the 198th of 200 sorted values");
        assertEquals(200, s.maxMs(), 1e-9);
        assertEquals(100.5, s.meanMs(), 1e-9);
        assertEquals(150, s.over50Ms());
        assertEquals(0, FrameStats.of(ms, 0).count());
    }

    @Test
    void aShortRunMeasuresFramesAndAppendsPoints() throws Exception {
        UiBenchmark.Result r = UiBenchmark.run(new UiBenchmark.Options(3, 2_000, 100, 1.0, 1200, 700));
        assertEquals(3, r.charts());
        assertEquals(4, r.series(), "reward, train and validation accuracy, format-valid rate");
        assertEquals(2_300, r.pointsAtEnd(), "100 points a second, through the 2-second warm-up and the measured second");
        assertTrue(r.frames() > 5, "pulses were measured: " + r.frames());
        assertTrue(r.frameMaxMs() >= r.frameP99Ms() && r.frameP99Ms() >= r.frameMeanMs() * 0.5, r.toJson());
        assertTrue(r.redraws() > 0, r.toJson());
        assertTrue(r.fxCpuMsPerSecond() > 0 && r.renderCpuMsPerSecond() > 0, r.toJson());
        assertTrue(r.frameCpuMaxMs() >= r.frameCpuP99Ms() && r.frameCpuP99Ms() > 0, r.toJson());
        assertTrue(r.toJson().startsWith("{\"charts\": 3, \"series\": 4, \"points_per_series\": 2000"), r.toJson());
    }

    @Test
    @EnabledIfSystemProperty(named = "npr.bench.ui", matches = "true")
    void fullWorkload() throws Exception {
        // The control: the same window with one chart of ten points and nothing arriving shows what
        // frames this machine gives without the dashboard's work (a loaded machine stretches both).
        UiBenchmark.Result control = UiBenchmark.run(new UiBenchmark.Options(1, 10, 0, 10, 1600, 1000));
        System.out.println("UI benchmark control: " + control.toJson());
        UiBenchmark.Result r = UiBenchmark.run(UiBenchmark.Options.standard());
        System.out.println("UI benchmark: " + r.toJson());
        assertEquals(100_000 + 1_200, r.pointsAtEnd());
    }
}
