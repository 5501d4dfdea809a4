package org.nprworkbench.visualizer.chart;

/**
 * Reduces a series to what a chart of a given pixel width can show, without losing any extreme:
 * the x range is cut into one bucket per pixel column and each bucket keeps its first, lowest,
 * highest and last point, in their original order (the "M4" rule). A polyline through the kept
 * points covers the same pixels as one through all of them, so 100,000 points draw as at most
 * 4 x width. The source arrays are only read; nothing is dropped from them.
 *
 * <p>Non-finite values (a NaN loss) are kept as one gap point per run of them, so the line breaks
 * there instead of bridging it. {@link #minMax} gives the per-column envelope instead, for series
 * drawn as a band, and {@link #columnMeans} one mean point per column, for dashed trend lines.
 */
public final class Decimator {
    private Decimator() {
    }

    /**
     * Decimates points {@code [from, to)} of {@code (xs[i] - xOffset, ys[i])} into {@code out}
     * (cleared first) for {@code columns} pixel columns spanning {@code [lo, hi]} (in offset x).
     * Points outside [lo, hi] fall into the first or last column, so callers pass the visible index
     * range plus one neighbour on each side (see {@link #firstIndexAtOrAbove}). When the range holds
     * no more than 4 points per column they are copied unchanged.
     */
    public static void m4(double[] xs, double[] ys, int from, int to, double xOffset, double lo, double hi,
                          int columns, PointBuffer out) {
        out.clear();
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be positive: " + columns);
        }
        if (to - from <= 4L * columns || !(hi > lo)) {
            for (int i = from; i < to; i++) {
                out.add(xs[i] - xOffset, ys[i]);
            }
            return;
        }
        double scale = columns / (hi - lo);
        int bucket = Integer.MIN_VALUE;
        int first = -1;
        int min = -1;
        int max = -1;
        int last = -1;
        boolean gapEmitted = false;
        for (int i = from; i < to; i++) {
            double y = ys[i];
            if (!Double.isFinite(y)) {
                if (first >= 0) {
                    emit(xs, ys, xOffset, first, min, max, last, out);
                    first = -1;
                }
                if (!gapEmitted) {
                    out.add(xs[i] - xOffset, Double.NaN);
                    gapEmitted = true;
                }
                bucket = Integer.MIN_VALUE;
                continue;
            }
            gapEmitted = false;
            double c = Math.floor((xs[i] - xOffset - lo) * scale);
            int b = c < 0 ? 0 : c >= columns ? columns - 1 : (int) c;
            if (b != bucket || first < 0) {
                if (first >= 0) {
                    emit(xs, ys, xOffset, first, min, max, last, out);
                }
                bucket = b;
                first = min = max = last = i;
            } else {
                last = i;
                if (y < ys[min]) {
                    min = i;
                }
                if (y > ys[max]) {
                    max = i;
                }
            }
        }
        if (first >= 0) {
            emit(xs, ys, xOffset, first, min, max, last, out);
        }
    }

    /**
     * The envelope of points {@code [from, to)} for {@code columns} pixel columns spanning
     * {@code [lo, hi]} (offset x): per column, the lowest and highest value, at the middle of the
     * column's first and last x. Filled, the band covers the pixels the full zigzag line would, but
     * costs a renderer two edges per scan line instead of hundreds (the raw lines of 100,000 noisy
     * points). A run of non-finite values becomes one gap entry (NaN low and high).
     */
    public static void minMax(double[] xs, double[] ys, int from, int to, double xOffset, double lo, double hi,
                              int columns, BandBuffer out) {
        out.clear();
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be positive: " + columns);
        }
        double scale = hi > lo ? columns / (hi - lo) : 0;
        int bucket = Integer.MIN_VALUE;
        double firstX = 0;
        double lastX = 0;
        double min = 0;
        double max = 0;
        boolean open = false;
        boolean gapEmitted = false;
        for (int i = from; i < to; i++) {
            double y = ys[i];
            double x = xs[i] - xOffset;
            if (!Double.isFinite(y)) {
                if (open) {
                    out.add((firstX + lastX) / 2, min, max);
                    open = false;
                }
                if (!gapEmitted) {
                    out.add(x, Double.NaN, Double.NaN);
                    gapEmitted = true;
                }
                continue;
            }
            gapEmitted = false;
            double c = Math.floor((x - lo) * scale);
            int b = c < 0 ? 0 : c >= columns ? columns - 1 : (int) c;
            if (!open || b != bucket) {
                if (open) {
                    out.add((firstX + lastX) / 2, min, max);
                }
                bucket = b;
                firstX = lastX = x;
                min = max = y;
                open = true;
            } else {
                lastX = x;
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        if (open) {
            out.add((firstX + lastX) / 2, min, max);
        }
    }

    /**
     * One point per pixel column: the mean x and mean y of the column's points, for a trend drawn
     * with a dash pattern (a dashed zigzag would show neither). Non-finite values give one gap point
     * per run, as in {@link #m4}.
     */
    public static void columnMeans(double[] xs, double[] ys, int from, int to, double xOffset, double lo, double hi,
                                   int columns, PointBuffer out) {
        out.clear();
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be positive: " + columns);
        }
        double scale = hi > lo ? columns / (hi - lo) : 0;
        int bucket = Integer.MIN_VALUE;
        double sumX = 0;
        double sumY = 0;
        int count = 0;
        boolean gapEmitted = false;
        for (int i = from; i < to; i++) {
            double y = ys[i];
            double x = xs[i] - xOffset;
            if (!Double.isFinite(y)) {
                if (count > 0) {
                    out.add(sumX / count, sumY / count);
                    count = 0;
                }
                if (!gapEmitted) {
                    out.add(x, Double.NaN);
                    gapEmitted = true;
                }
                continue;
            }
            gapEmitted = false;
            double c = Math.floor((x - lo) * scale);
            int b = c < 0 ? 0 : c >= columns ? columns - 1 : (int) c;
            if (count > 0 && b != bucket) {
                out.add(sumX / count, sumY / count);
                count = 0;
            }
            if (count == 0) {
                bucket = b;
                sumX = 0;
                sumY = 0;
            }
            sumX += x;
            sumY += y;
            count++;
        }
        if (count > 0) {
            out.add(sumX / count, sumY / count);
        }
    }

    /** Emits the distinct indices among first, min, max, last in increasing order. */
    private static void emit(double[] xs, double[] ys, double xOffset, int first, int min, int max, int last,
                             PointBuffer out) {
        int lo = Math.min(min, max);
        int hi = Math.max(min, max);
        out.add(xs[first] - xOffset, ys[first]);
        if (lo != first) {
            out.add(xs[lo] - xOffset, ys[lo]);
        }
        if (hi != lo && hi != first) {
            out.add(xs[hi] - xOffset, ys[hi]);
        }
        if (last != hi && last != first) {
            out.add(xs[last] - xOffset, ys[last]);
        }
    }

    /**
     * The first index in {@code [0, n)} whose offset x is at least {@code x} ({@code n} if none), for
     * x values that never decrease.
     */
    public static int firstIndexAtOrAbove(double[] xs, int n, double xOffset, double x) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] - xOffset < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
