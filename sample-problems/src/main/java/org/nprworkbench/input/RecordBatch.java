package org.nprworkbench.input;

import java.util.List;

/**
 * What a lenient read of a record file produced: the items that converted, and every line that was
 * skipped with its reason (empty unless the caller asked to skip bad lines).
 *
 * @param <T> the item type
 */
public record RecordBatch<T>(List<T> items, List<SkippedLine> skipped) {
    public RecordBatch {
        items = List.copyOf(items);
        skipped = List.copyOf(skipped);
    }
}
