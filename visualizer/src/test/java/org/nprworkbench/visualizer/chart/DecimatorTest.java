package org.nprworkbench.visualizer.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** M4 decimation: bounded output, every column's extremes and ends kept, gaps kept, source untouched. */
class DecimatorTest {

    @Test
    void keepsFirstMinMaxAndLastOfEveryColumnAndNoMore() {
        int n = 100_000;
        int columns = 400;
        double[] xs = new double[n];
        double[] ys = new double[n];
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            ys[i] = Math.sin(i / 900.0) + random.nextGaussian() * 0.3;
        }
        double[] xsCopy = xs.clone();
        double[] ysCopy = ys.clone();
        PointBuffer out = new PointBuffer();
        Decimator.m4(xs, ys, 0, n, 0, 0, n - 1, columns, out);

        assertTrue(out.size() <= 4 * columns, "at most 4 points per column: " + out.size());
        assertTrue(out.size() >= 2 * columns, "min and max of each column at least: " + out.size());
        assertArrayEquals(xsCopy, xs);
        assertArrayEquals(ysCopy, ys);
        // every kept point is a real point, in order
        for (int k = 0; k < out.size(); k++) {
            int i = (int) out.x(k);
            assertEquals(ys[i], out.y(k));
            if (k > 0) {
                assertTrue(out.x(k) > out.x(k - 1), "increasing x");
            }
        }
        // per column, the kept extremes equal the true extremes, and the column's ends are kept
        double scale = columns / (double) (n - 1);
        for (int c = 0; c < columns; c++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int first = -1;
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (Math.min(columns - 1, (int) Math.floor(i * scale)) == c) {
                    min = Math.min(min, ys[i]);
                    max = Math.max(max, ys[i]);
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            double keptMin = Double.POSITIVE_INFINITY;
            double keptMax = Double.NEGATIVE_INFINITY;
            boolean hasFirst = false;
            boolean hasLast = false;
            for (int k = 0; k < out.size(); k++) {
                int i = (int) out.x(k);
                if (i >= first && i <= last) {
                    keptMin = Math.min(keptMin, out.y(k));
                    keptMax = Math.max(keptMax, out.y(k));
                    hasFirst |= i == first;
                    hasLast |= i == last;
                }
            }
            assertEquals(min, keptMin, "column " + c);
            assertEquals(max, keptMax, "column " + c);
            assertTrue(hasFirst && hasLast, "column " + c + " keeps its first and last point");
        }
    }

    @Test
    void copiesSmallSeriesUnchanged() {
        double[] xs = {10, 11, 12, 13, 14};
        double[] ys = {3, 1, 4, 1, 5};
        PointBuffer out = new PointBuffer(2);
        Decimator.m4(xs, ys, 1, 4, 10, 0, 4, 1, out);
        assertEquals(3, out.size());
        assertEquals(1, out.x(0));
        assertEquals(1, out.y(0));
        assertEquals(3, out.x(2));
        assertEquals(1, out.y(2));
    }

    @Test
    void aRunOfNonFiniteValuesBecomesOneGap() {
        int n = 1000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            ys[i] = i >= 500 && i < 600 ? Double.NaN : i == 700 ? Double.POSITIVE_INFINITY : 1.0;
        }
        PointBuffer out = new PointBuffer();
        Decimator.m4(xs, ys, 0, n, 0, 0, n - 1, 10, out);
        int gaps = 0;
        for (int k = 0; k < out.size(); k++) {
            if (Double.isNaN(out.y(k)) || Double.isInfinite(out.y(k))) {
                gaps++;
                assertTrue(out.x(k) == 500 || out.x(k) == 700, "gap at " + out.x(k));
            }
        }
        assertEquals(2, gaps);
        assertTrue(out.size() <= 4 * 10 + 2 + 8, "gaps add a bounded number of points: " + out.size());
    }

    @Test
    void theEnvelopeHasOneColumnPerPixelWithItsExtremes() {
        int n = 10_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 100 + i;
            ys[i] = i == 4_321 ? Double.NaN : (i * 7919 % 1000) / 1000.0 + i / 1000;
        }
        BandBuffer band = new BandBuffer();
        Decimator.minMax(xs, ys, 0, n, 100, 0, n - 1, 100, band);
        assertEquals(100 + 2, band.size(), "100 columns, one gap, and the column the gap splits");
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        int gaps = 0;
        for (int k = 0; k < band.size(); k++) {
            if (Double.isNaN(band.low(k))) {
                gaps++;
                assertEquals(4_321, band.x(k));
                continue;
            }
            assertTrue(band.low(k) <= band.high(k));
            lowest = Math.min(lowest, band.low(k));
            highest = Math.max(highest, band.high(k));
            if (k > 0) {
                assertTrue(band.x(k) > band.x(k - 1));
            }
        }
        assertEquals(1, gaps);
        assertEquals(0.0, lowest);
        assertEquals(9 + 0.999, highest, 1e-12);
        assertEquals(49.5, band.x(0), "the middle of the first column's x range");
    }

    @Test
    void findsTheFirstIndexAtOrAboveAnX() {
        double[] xs = {100, 101, 101, 105, 0};
        assertEquals(0, Decimator.firstIndexAtOrAbove(xs, 4, 100, -3));
        assertEquals(1, Decimator.firstIndexAtOrAbove(xs, 4, 100, 0.5));
        assertEquals(1, Decimator.firstIndexAtOrAbove(xs, 4, 100, 1));
        assertEquals(3, Decimator.firstIndexAtOrAbove(xs, 4, 100, 1.01));
        assertEquals(4, Decimator.firstIndexAtOrAbove(xs, 4, 100, 6));
    }
}
