package org.nprworkbench.engine.schema;

import java.util.List;

/**
 * The text format score of one response and why it is what it is. {@code score} is the released
 * {@code compute_format_score} value clamped to [-2, 0]: 0 means well formed. The violations explain
 * it, in the order the checks fired. When the last violation is terminal ({@link FormatRule#terminal()})
 * the score is minus its penalty and the earlier violations are listed for information only;
 * otherwise the score is the sum of all penalties, clamped.
 */
public record FormatReport(double score, List<FormatViolation> violations) {
    public FormatReport {
        violations = List.copyOf(violations);
    }

    /** True when the score is 0 (the acceptance condition of rejection sampling). */
    public boolean wellFormed() {
        return score == 0.0;
    }
}
