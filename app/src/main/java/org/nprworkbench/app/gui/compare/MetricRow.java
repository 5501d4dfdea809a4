package org.nprworkbench.app.gui.compare;

import java.util.List;

/**
 * One row of the comparison's metrics table: a figure for every checkpoint, and how each differs
 * from the first checkpoint's.
 *
 * @param name    the metric in words
 * @param values  one value per checkpoint
 * @param texts   the values formatted for the table
 * @param changes per checkpoint: +1 better than the first, -1 worse, 0 the same or not judged
 */
public record MetricRow(String name, List<Double> values, List<String> texts, List<Integer> changes) {
    public MetricRow {
        values = List.copyOf(values);
        texts = List.copyOf(texts);
        changes = List.copyOf(changes);
    }
}
