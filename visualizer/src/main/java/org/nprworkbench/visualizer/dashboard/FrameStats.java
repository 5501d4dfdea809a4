package org.nprworkbench.visualizer.dashboard;

import java.util.Arrays;

/**
 * Summary of a list of durations (frame intervals, redraw times) in nanoseconds: count, mean,
 * the 99th percentile (nearest rank: the smallest value that at least 99% of the durations do not
 * exceed), the longest, and how many exceed a limit.
 */
public record FrameStats(int count, double meanMs, double p99Ms, double maxMs, int over50Ms) {

    /** The statistics of the first {@code n} durations. */
    public static FrameStats of(long[] nanos, int n) {
        if (n == 0) {
            return new FrameStats(0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        double sum = 0;
        int over = 0;
        for (long v : sorted) {
            sum += v;
            if (v > 50_000_000L) {
                over++;
            }
        }
        int rank = (int) Math.ceil(0.99 * n);
        return new FrameStats(n, sum / n / 1e6, sorted[rank - 1] / 1e6, sorted[n - 1] / 1e6, over);
    }
}
