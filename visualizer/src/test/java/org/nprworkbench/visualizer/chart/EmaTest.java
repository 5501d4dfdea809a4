package org.nprworkbench.visualizer.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nprworkbench.visualizer.metrics.MetricColumns;

/** The debiased EMA and its incremental column. */
class EmaTest {

    @Test
    void debiasedAverageByHand() {
        double[] s = Ema.smooth(new double[] {1, 2, 3}, 3, 0.5);
        // m: 0.5, 1.25, 2.125; d: 0.5, 0.75, 0.875
        assertArrayEquals(new double[] {1, 1.25 / 0.75, 2.125 / 0.875}, s, 1e-12);
    }

    @Test
    void weightZeroIsTheIdentityAndHighWeightsLag() {
        double[] v = {5, -1, 7, 7, 2};
        assertArrayEquals(v, Ema.smooth(v, 5, 0), 0);
        double[] slow = Ema.smooth(new double[] {0, 0, 0, 10}, 4, 0.9);
        assertTrue(slow[3] > 0 && slow[3] < 5, "a jump moves a heavy average only part of the way: " + slow[3]);
    }

    @Test
    void nonFiniteValuesPassThroughAndDoNotEnterTheAverage() {
        double[] s = Ema.smooth(new double[] {2, Double.NaN, 2}, 3, 0.7);
        assertEquals(2, s[0], 1e-12);
        assertTrue(Double.isNaN(s[1]));
        assertEquals(2, s[2], 1e-12);
    }

    @Test
    void rejectsWeightsOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> new Ema(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Ema(-0.1));
    }

    @Test
    void theIncrementalColumnEqualsSmoothingEverythingAtOnce() {
        MetricColumns c = new MetricColumns("r", "m", 4);
        SmoothedColumn smoothed = new SmoothedColumn(c);
        double[] all = new double[300];
        for (int i = 0; i < 300; i++) {
            all[i] = Math.cos(i) * i;
            c.append("s", i, i, all[i]);
            if (i % 37 == 0) {
                smoothed.values(0.8);
            }
        }
        double[] expected = Ema.smooth(all, 300, 0.8);
        double[] got = java.util.Arrays.copyOf(smoothed.values(0.8), 300);
        assertArrayEquals(expected, got, 1e-9);
        double[] other = java.util.Arrays.copyOf(smoothed.values(0.3), 300);
        assertArrayEquals(Ema.smooth(all, 300, 0.3), other, 1e-9, "a new weight recomputes");
    }
}
