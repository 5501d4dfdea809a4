package org.nprworkbench.visualizer.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The growable, append-only {@link MetricSeries}: primitive columns that double in capacity as points
 * arrive (100,000 points cost about 2.4 MB), and the stage of each point stored as runs of equal
 * stages. Not thread-safe: one thread appends and reads; {@link #snapshot()} hands a frozen copy to
 * another thread.
 */
public final class MetricColumns implements MetricSeries {
    private final String run;
    private final String metric;
    // Steps are kept as doubles (exact below 2^53) so that charts read them as x values without copying.
    private double[] steps;
    private double[] wallTimes;
    private double[] values;
    private int size;
    /** Index of the first point of each stage run, and that run's stage; stageStarts[0] == 0 once non-empty. */
    private int[] stageStarts = new int[4];
    private final List<String> stageNames = new ArrayList<>();

    public MetricColumns(String run, String metric) {
        this(run, metric, 64);
    }

    public MetricColumns(String run, String metric, int initialCapacity) {
        this.run = run;
        this.metric = metric;
        int capacity = Math.max(4, initialCapacity);
        steps = new double[capacity];
        wallTimes = new double[capacity];
        values = new double[capacity];
    }

    /**
     * Appends one point.
     *
     * @throws IllegalArgumentException if {@code step} is lower than the last step: the message names
     *         the run, the metric and both steps
     */
    public void append(String stage, long step, double wallTime, double value) {
        if (size > 0 && step < steps[size - 1]) {
            throw new IllegalArgumentException(run + " / " + metric + ": step " + step
                    + " arrived after step " + (long) steps[size - 1] + "; points must come in step order");
        }
        if (size == steps.length) {
            int capacity = steps.length * 2;
            steps = Arrays.copyOf(steps, capacity);
            wallTimes = Arrays.copyOf(wallTimes, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        if (stageNames.isEmpty() || !stageNames.get(stageNames.size() - 1).equals(stage)) {
            if (stageNames.size() == stageStarts.length) {
                stageStarts = Arrays.copyOf(stageStarts, stageStarts.length * 2);
            }
            stageStarts[stageNames.size()] = size;
            stageNames.add(stage);
        }
        steps[size] = step;
        wallTimes[size] = wallTime;
        values[size] = value;
        size++;
    }

    @Override
    public String run() {
        return run;
    }

    @Override
    public String metric() {
        return metric;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long step(int i) {
        return (long) steps[checked(i)];
    }

    @Override
    public double wallTime(int i) {
        return wallTimes[checked(i)];
    }

    @Override
    public double value(int i) {
        return values[checked(i)];
    }

    @Override
    public String stage(int i) {
        checked(i);
        int k = Arrays.binarySearch(stageStarts, 0, stageNames.size(), i);
        return stageNames.get(k >= 0 ? k : -k - 2);
    }

    /**
     * The step column as doubles, valid up to {@link #size()}: the live array, for readers on the
     * appending thread that must not copy (chart decimation). Never write to it.
     */
    public double[] stepColumn() {
        return steps;
    }

    /** The wall-time column (seconds since the epoch), valid up to {@link #size()}; see {@link #stepColumn()}. */
    public double[] wallTimeColumn() {
        return wallTimes;
    }

    /** The value column, valid up to {@link #size()}; see {@link #stepColumn()}. */
    public double[] valueColumn() {
        return values;
    }

    /** A frozen copy of the points logged so far, safe to read on any thread. */
    public MetricColumns snapshot() {
        MetricColumns copy = new MetricColumns(run, metric, size);
        System.arraycopy(steps, 0, copy.steps, 0, size);
        System.arraycopy(wallTimes, 0, copy.wallTimes, 0, size);
        System.arraycopy(values, 0, copy.values, 0, size);
        copy.size = size;
        copy.stageStarts = Arrays.copyOf(stageStarts, stageStarts.length);
        copy.stageNames.addAll(stageNames);
        return copy;
    }

    private int checked(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("point " + i + " of " + size);
        }
        return i;
    }
}
