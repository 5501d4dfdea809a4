package org.nprworkbench.visualizer.chart;

/**
 * The hover read-out of one line at the point nearest the pointer.
 *
 * @param series   the line
 * @param stage    the stage the point was logged in
 * @param step     its step
 * @param wallTime its wall time, seconds since the epoch
 * @param x        its x on the current axis (step, or seconds since the run began)
 * @param raw      the logged value
 * @param smoothed the smoothed value
 */
public record ReadoutLine(PlottedSeries series, String stage, long step, double wallTime, double x,
                          double raw, double smoothed) {
}
