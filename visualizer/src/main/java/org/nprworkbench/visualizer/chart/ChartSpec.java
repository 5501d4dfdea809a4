package org.nprworkbench.visualizer.chart;

import java.util.List;
import java.util.Objects;

/**
 * One chart of the dashboard: a stable id (for saved selections and widget ids), its title, what
 * its y axis measures, and the metric lines it draws for each run.
 *
 * @param id       stable identifier, e.g. {@code reward}
 * @param title    the title shown above the chart, e.g. {@code Reward}
 * @param yLabel   the y axis label, e.g. {@code mean reward}
 * @param matchers the lines, in drawing order; the first is the chart's main line
 */
public record ChartSpec(String id, String title, String yLabel, List<MetricMatcher> matchers) {
    public ChartSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(yLabel, "yLabel");
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException(id + ": a chart needs at least one metric");
        }
    }

    /** The index of the first matcher that takes this metric, or -1. */
    public int matcherIndex(String metric) {
        for (int i = 0; i < matchers.size(); i++) {
            if (matchers.get(i).matches(metric)) {
                return i;
            }
        }
        return -1;
    }
}
