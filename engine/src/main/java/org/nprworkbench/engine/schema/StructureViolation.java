package org.nprworkbench.engine.schema;

/**
 * Why a token sequence is structurally malformed: the rule, the index of the offending token in the
 * sequence that was checked (for an {@link StructureRule#atEnd() end-of-sequence} rule, the tag that
 * was never closed; for {@link StructureRule#TOO_LONG}, the first token past the limit), and a reason.
 */
public record StructureViolation(StructureRule rule, int tokenIndex, String reason) {
    @Override
    public String toString() {
        return rule + " at token " + tokenIndex + ": " + reason;
    }
}
