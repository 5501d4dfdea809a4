package org.nprworkbench.engine.graph;

import org.nprworkbench.engine.schema.StructureRule;

/**
 * Where a malformed answer breaks: the token index (into the whole sequence, prompt included), the
 * character offset in the response text, the broken rule and the reason. For a rule that fires at the
 * end ({@link StructureRule#atEnd()}), the index is the tag that was never closed and the graph has no
 * {@link NodeKind#MALFORMED} node; otherwise that node starts at this token.
 */
public record GraphBreak(int tokenIndex, int charOffset, StructureRule rule, String reason) {
}
