package org.nprworkbench.visualizer.chart;

/**
 * Exponential moving average with debiasing, as TensorBoard smooths curves: with weight w in [0, 1),
 * <pre>
 *   m_t = w * m_{t-1} + (1 - w) * v_t         (m_0 = 0)
 *   d_t = w * d_{t-1} + (1 - w)               (d_0 = 0)
 *   smoothed_t = m_t / d_t
 * </pre>
 * Dividing by d_t removes the pull towards 0 at the start, so the first smoothed value is the first
 * value. w = 0 leaves values unchanged. A NaN or infinite value is passed through (drawn as a gap)
 * and does not enter the average.
 */
public final class Ema {
    /** The largest weight the dashboard's slider offers. */
    public static final double MAX_WEIGHT = 0.99;

    private final double weight;
    private double mean;
    private double debias;

    public Ema(double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("smoothing weight must be in [0, 1): " + weight);
        }
        this.weight = weight;
    }

    /** The weight w. */
    public double weight() {
        return weight;
    }

    /** Takes the next value and returns its smoothed value. */
    public double next(double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        mean = weight * mean + (1 - weight) * value;
        debias = weight * debias + (1 - weight);
        return mean / debias;
    }

    /** The smoothed values of {@code values[0..n)}. */
    public static double[] smooth(double[] values, int n, double weight) {
        Ema ema = new Ema(weight);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = ema.next(values[i]);
        }
        return out;
    }
}
