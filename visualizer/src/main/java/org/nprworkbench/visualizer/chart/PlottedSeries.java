package org.nprworkbench.visualizer.chart;

import org.nprworkbench.visualizer.metrics.MetricColumns;

/**
 * One line of one chart: a run's series of a metric the chart draws, with how it is drawn.
 *
 * @param run      the run's name
 * @param label    the line's name within the run, e.g. {@code train}, or the metric for a family
 * @param variant  the index of the chart's matcher that took it (0: main line; higher: dotted)
 * @param colour   {@code #rrggbb}
 * @param baseline whether this is the pinned reference run (drawn dashed, always on)
 * @param columns  the logged points
 */
public record PlottedSeries(String run, String label, int variant, String colour, boolean baseline,
                            MetricColumns columns) {
}
