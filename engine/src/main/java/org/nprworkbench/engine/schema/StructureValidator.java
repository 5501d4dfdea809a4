package org.nprworkbench.engine.schema;

import java.util.Arrays;
import java.util.Optional;

import org.nprworkbench.engine.tokenizer.TagIds;

/**
 * The token-level structural validator of npr-method.md §1.4(b): the filter that decides whether a
 * rollout may enter PAPO. It rejects what the paper's filter rejects (a step opening inside an open
 * step, a {@code </step>} with no open step, a {@code <takeaway>} inside a step, a sequence ending inside
 * a step, a guideline never followed by a takeaway, a response over the length limit) and, because it
 * shares {@link BlockStructure} with the parallel layout, everything the layout cannot lay out (a step
 * outside a block, nesting, stray closing tags, an unclosed takeaway), plus blocks of more than 5
 * branches. It does not compare step and plan counts or look at the answer. The decode engine runs
 * the same grammar ({@link BlockGrammar}) while it decodes, so every trajectory it completes passes.
 */
public final class StructureValidator {
    /** The paper's response length limit in tokens. */
    public static final int DEFAULT_MAX_LENGTH = 30_000;
    /** The most branches the engine forks per block. */
    public static final int MAX_BRANCHES = 5;

    private final int maxLength;

    /** A validator with the given response length limit in tokens. */
    public StructureValidator(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /** A validator with the paper's 30,000-token limit. */
    public static StructureValidator paperDefault() {
        return new StructureValidator(DEFAULT_MAX_LENGTH);
    }

    /**
     * The first violation in {@code response} (response tokens only, no prompt; indices are into this
     * array), or empty when the response is well formed. For a response over the limit, a structural
     * violation within the first {@code maxLength} tokens is reported before {@link StructureRule#TOO_LONG}.
     */
    public Optional<StructureViolation> check(int[] response, TagIds tags) {
        boolean tooLong = response.length > maxLength;
        int[] checked = tooLong ? Arrays.copyOf(response, maxLength) : response;
        try {
            BlockStructure.parse(checked, 0, tags, !tooLong, MAX_BRANCHES);
        } catch (MalformedStructureException e) {
            return Optional.of(e.violation());
        }
        if (tooLong) {
            return Optional.of(new StructureViolation(StructureRule.TOO_LONG, maxLength,
                    response.length + " tokens, over the limit of " + maxLength));
        }
        return Optional.empty();
    }
}
