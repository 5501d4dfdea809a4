package org.nprworkbench.visualizer.metrics;

/**
 * One metric of one run as the charts read it: append-only columns of step, wall time, value and the
 * training stage each point belongs to, in the order they were logged. Steps never decrease. A
 * source (the run store, a test, the benchmark) appends; views only read, on the thread that
 * appends (the JavaFX thread), or read a {@link MetricColumns#snapshot() snapshot} elsewhere.
 */
public interface MetricSeries {

    /** The run's name, e.g. {@code countdown-npr-3}. */
    String run();

    /** The metric's verl name, e.g. {@code critic/rewards/mean}. */
    String metric();

    /** How many points have been logged. */
    int size();

    /** The training step of point {@code i}. */
    long step(int i);

    /** The wall-clock time of point {@code i}, in seconds since the epoch. */
    double wallTime(int i);

    /** The logged value of point {@code i} (may be NaN or infinite: a broken step is shown as a gap). */
    double value(int i);

    /** The stage point {@code i} was logged in, e.g. {@code npr-zero}. */
    String stage(int i);
}
