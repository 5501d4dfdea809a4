package org.nprworkbench.engine.schema;

import java.util.List;

/** The outcome of the pre-branch validator: fork one branch per plan label, or end the trajectory. */
public sealed interface PreBranchDecision {

    /**
     * Fork. {@code labels} are the plan labels in order, as written and without the colon
     * ({@code "1"}, {@code "2"}, {@code "1.2"}); branch i is seeded with {@code <step>} and label i.
     */
    record Fork(List<String> labels) implements PreBranchDecision {
        public Fork {
            labels = List.copyOf(labels);
        }
    }

    /** Do not fork: the trajectory ends malformed; {@code tokenIndex} is into the segment that was checked. */
    record Reject(PreBranchRule rule, int tokenIndex, String reason) implements PreBranchDecision {
    }
}
