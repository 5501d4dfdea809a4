package org.nprworkbench.visualizer.chart;

import java.util.List;
import java.util.Objects;

/**
 * Which logged metric names feed one line of a chart: one exact verl name (e.g.
 * {@code actor/pg_loss}) or, for families such as validation accuracy, any name under a set of
 * prefixes whose last path element starts with a given word ({@code val/test_score/digitsum/mean@4}).
 *
 * @param label    what the line is called in read-outs and exported legends, e.g. {@code train}
 * @param exact    the exact name, or null for a family
 * @param prefixes the family's name prefixes (empty for an exact matcher)
 * @param leaf     what the family's last path element starts with (empty: anything)
 */
public record MetricMatcher(String label, String exact, List<String> prefixes, String leaf) {
    public MetricMatcher {
        Objects.requireNonNull(label, "label");
        prefixes = List.copyOf(prefixes);
        Objects.requireNonNull(leaf, "leaf");
        if ((exact == null) == prefixes.isEmpty()) {
            throw new IllegalArgumentException("a matcher has either an exact name or prefixes");
        }
    }

    /** A line fed by exactly one metric name. */
    public static MetricMatcher exact(String label, String name) {
        return new MetricMatcher(label, name, List.of(), "");
    }

    /** A line per metric under one of {@code prefixes} whose last path element starts with {@code leaf}. */
    public static MetricMatcher family(String label, List<String> prefixes, String leaf) {
        return new MetricMatcher(label, null, prefixes, leaf);
    }

    /** Whether the metric name belongs to this line (or, for a family, is one of its lines). */
    public boolean matches(String metric) {
        if (exact != null) {
            return exact.equals(metric);
        }
        String last = metric.substring(metric.lastIndexOf('/') + 1);
        return last.startsWith(leaf) && prefixes.stream().anyMatch(p -> metric.startsWith(p) && metric.length() > p.length());
    }

    /** Whether one line per matching metric is drawn (a family) rather than one line for one name. */
    public boolean isFamily() {
        return exact == null;
    }

    /** The names this matcher shows, for the catalogue: the exact name, or the prefixes with the leaf. */
    public String describe() {
        if (exact != null) {
            return exact;
        }
        return String.join(" | ", prefixes.stream().map(p -> p + "…/" + leaf + "…").toList());
    }
}
