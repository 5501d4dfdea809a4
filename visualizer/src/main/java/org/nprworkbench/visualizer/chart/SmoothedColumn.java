package org.nprworkbench.visualizer.chart;

import java.util.Arrays;

import org.nprworkbench.visualizer.metrics.MetricColumns;

/**
 * The smoothed values of one growing series, kept in step with it: appended points are smoothed
 * incrementally (O(new points)); a new weight recomputes the whole column once.
 */
final class SmoothedColumn {
    private final MetricColumns source;
    private double[] values = new double[0];
    private int count;
    private Ema ema;

    SmoothedColumn(MetricColumns source) {
        this.source = source;
    }

    /** The smoothed values for {@code weight}, valid up to the source's size. */
    double[] values(double weight) {
        if (ema == null || ema.weight() != weight) {
            ema = new Ema(weight);
            count = 0;
        }
        int n = source.size();
        if (values.length < n) {
            values = Arrays.copyOf(values, Math.max(n, values.length * 2));
        }
        double[] raw = source.valueColumn();
        for (int i = count; i < n; i++) {
            values[i] = ema.next(raw[i]);
        }
        count = n;
        return values;
    }
}
