package org.nprworkbench.visualizer.chart;

import java.util.Arrays;

/**
 * A growable list of (x, low, high) columns: the envelope of a dense series, one entry per pixel
 * column, drawn as a filled band. A NaN low and high mark a gap.
 */
public final class BandBuffer {
    private double[] xs = new double[256];
    private double[] lows = new double[256];
    private double[] highs = new double[256];
    private int size;

    public void clear() {
        size = 0;
    }

    public void add(double x, double low, double high) {
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            lows = Arrays.copyOf(lows, size * 2);
            highs = Arrays.copyOf(highs, size * 2);
        }
        xs[size] = x;
        lows[size] = low;
        highs[size] = high;
        size++;
    }

    public int size() {
        return size;
    }

    public double x(int i) {
        return xs[i];
    }

    public double low(int i) {
        return lows[i];
    }

    public double high(int i) {
        return highs[i];
    }

    /** Replaces column i's bounds. */
    void set(int i, double low, double high) {
        lows[i] = low;
        highs[i] = high;
    }
}
