package org.nprworkbench.visualizer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Append-only columns, stages per point, snapshots, and the stage boundaries of a run. */
class MetricColumnsTest {

    @Test
    void growsAndRemembersEachPointsStage() {
        MetricColumns c = new MetricColumns("run", "critic/rewards/mean", 4);
        for (int i = 0; i < 1000; i++) {
            c.append(i < 300 ? "npr-zero" : i < 301 ? "corpus" : "npr-beta", i, 1000.0 + i, i * 0.5);
        }
        assertEquals(1000, c.size());
        assertEquals(999, c.step(999));
        assertEquals(1999.0, c.wallTime(999));
        assertEquals(499.5, c.value(999));
        assertEquals("npr-zero", c.stage(0));
        assertEquals("npr-zero", c.stage(299));
        assertEquals("corpus", c.stage(300));
        assertEquals("npr-beta", c.stage(301));
        assertEquals("npr-beta", c.stage(999));
        assertThrows(IndexOutOfBoundsException.class, () -> c.value(1000));
    }

    @Test
    void aStepThatGoesBackIsRefusedNamingTheSeries() {
        MetricColumns c = new MetricColumns("run-a", "actor/lr");
        c.append("s", 10, 0, 1);
        c.append("s", 10, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.append("s", 9, 0, 1));
        assertEquals("run-a / actor/lr: step 9 arrived after step 10; points must come in step order", e.getMessage());
        assertEquals(2, c.size());
    }

    @Test
    void aSnapshotDoesNotSeeLaterPoints() {
        MetricColumns c = new MetricColumns("r", "m");
        c.append("a", 1, 1, 1);
        MetricColumns s = c.snapshot();
        c.append("b", 2, 2, 2);
        assertEquals(1, s.size());
        assertEquals("a", s.stage(0));
        assertEquals(2, c.size());
        assertEquals("b", c.stage(1));
    }

    @Test
    void stagesAreDerivedFromRowsUntilTheSourceSetsThem() {
        RunMetrics run = new RunMetrics("r");
        run.append(new MetricRow("r", "m", "seed", 0, 50, 1));
        run.append(new MetricRow("r", "m", "seed", 1, 51, 1));
        run.append(new MetricRow("r", "m", "npr-zero", 2, 60, 1));
        run.append(new MetricRow("r", "other", "npr-zero", 2, 60, 1));
        assertEquals(List.of(new StageBoundary("seed", 0, 50), new StageBoundary("npr-zero", 2, 60)), run.stages());
        assertEquals(50, run.startWallTime());
        run.setStages(List.of(new StageBoundary("sft", 0, 40)));
        assertEquals(List.of(new StageBoundary("sft", 0, 40)), run.stages());
        assertEquals(40, run.startWallTime());
        assertThrows(IllegalArgumentException.class, () -> run.append(new MetricRow("other", "m", "s", 3, 1, 1)));
        assertTrue(run.series("missing") == null);
    }
}
