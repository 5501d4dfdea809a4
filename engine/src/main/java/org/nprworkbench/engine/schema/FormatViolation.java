package org.nprworkbench.engine.schema;

/**
 * One broken rule of the text format score: the rule, its penalty, the character offset in the
 * original (unstripped) text where the offending part starts, and a human-readable detail.
 */
public record FormatViolation(FormatRule rule, double penalty, int offset, String detail) {
}
