package org.nprworkbench.engine.schema;

/**
 * The token-level structural rules of an NPR response (npr-method.md §1.2, §1.4(b)): the ways a tag
 * sequence can break the block grammar {@code (text | <guideline> plans </guideline> steps
 * <takeaway> … </takeaway>)*}. Rules that fire at the end of the sequence ({@link #atEnd()}) point
 * at the tag that was never closed; every other rule points at the offending tag.
 */
public enum StructureRule {
    /** A {@code <step>} outside any block (no {@code <guideline>…</guideline>} before it). */
    STEP_OUTSIDE_BLOCK(false),
    /** A {@code <step>} while another step is open (nesting, or an unclosed step). */
    NESTED_STEP(false),
    /** A {@code </step>} with no open step. */
    STRAY_STEP_CLOSE(false),
    /** A {@code <takeaway>} while a step is open. */
    TAKEAWAY_IN_STEP(false),
    /** A {@code <takeaway>} with no open block. */
    TAKEAWAY_WITHOUT_BLOCK(false),
    /** A {@code <step>} or {@code <takeaway>} before the open guideline is closed. */
    TAG_IN_GUIDELINE(false),
    /** A {@code <guideline>} while a block is still open (nesting, or a block without a takeaway). */
    NESTED_GUIDELINE(false),
    /** A {@code </guideline>} with no open guideline (for example a bare one inside a step). */
    STRAY_GUIDELINE_CLOSE(false),
    /** A {@code <plan>} or {@code </plan>} outside a guideline. */
    PLAN_OUTSIDE_GUIDELINE(false),
    /** A {@code <plan>} while another plan is open. */
    NESTED_PLAN(false),
    /** A {@code </plan>} with no open plan. */
    STRAY_PLAN_CLOSE(false),
    /** A {@code </guideline>} while a plan is open. */
    UNCLOSED_PLAN(false),
    /** A tag other than {@code </takeaway>} inside a takeaway. */
    TAG_IN_TAKEAWAY(false),
    /** A {@code </takeaway>} with no open takeaway. */
    STRAY_TAKEAWAY_CLOSE(false),
    /** A block with more steps than the engine may fork (5). */
    TOO_MANY_BRANCHES(false),
    /** A response longer than the length limit (30,000 tokens in the paper). */
    TOO_LONG(false),
    /** The sequence ends inside a guideline. */
    UNCLOSED_GUIDELINE(true),
    /** The sequence ends inside a step. */
    UNCLOSED_STEP(true),
    /** The sequence ends in a block whose steps were never followed by a {@code <takeaway>}. */
    UNCLOSED_BLOCK(true),
    /** The sequence ends inside a takeaway (no {@code </takeaway>}). */
    UNCLOSED_TAKEAWAY(true);

    private final boolean atEnd;

    StructureRule(boolean atEnd) {
        this.atEnd = atEnd;
    }

    /** True for the rules that fire because the sequence ended; a prefix of a valid trajectory breaks only these. */
    public boolean atEnd() {
        return atEnd;
    }
}
