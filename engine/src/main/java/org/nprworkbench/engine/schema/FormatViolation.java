package org.nprworkbench.engine.schema;

/**
 * One check of the text format score that fired: the rule, its penalty, where (the character offset
 * in the original, unstripped text where the offending part starts) and a human-readable detail.
 */
public record FormatViolation(FormatRule rule, double penalty, int offset, String detail) {
}
