package org.nprworkbench.visualizer.chart;

import java.util.Arrays;

/** A growable list of (x, y) points, reused between frames so that drawing allocates little. */
public final class PointBuffer {
    private double[] xs;
    private double[] ys;
    private int size;

    public PointBuffer() {
        this(256);
    }

    public PointBuffer(int capacity) {
        xs = new double[Math.max(4, capacity)];
        ys = new double[xs.length];
    }

    /** Empties the buffer, keeping its capacity. */
    public void clear() {
        size = 0;
    }

    /** Appends a point. */
    public void add(double x, double y) {
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    /** Replaces the y value of point {@code i}. */
    public void setY(int i, double y) {
        ys[i] = y;
    }

    public int size() {
        return size;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }
}
