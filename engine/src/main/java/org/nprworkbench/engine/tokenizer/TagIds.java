package org.nprworkbench.engine.tokenizer;

/**
 * Token ids of the eight NPR tags in one vocabulary, plus the special tokens the engine needs.
 * {@code promptEnd} is the id that closes the prompt (Qwen's {@code <|im_end|>}); -1 when the
 * vocabulary has none, in which case callers pass the prompt length explicitly.
 */
public record TagIds(
        int guidelineOpen, int guidelineClose,
        int planOpen, int planClose,
        int stepOpen, int stepClose,
        int takeawayOpen, int takeawayClose,
        int bos, int eos, int pad, int promptEnd) {

    /** True if {@code id} is one of the eight structural tags. */
    public boolean isTag(int id) {
        return id == guidelineOpen || id == guidelineClose || id == planOpen || id == planClose
                || id == stepOpen || id == stepClose || id == takeawayOpen || id == takeawayClose;
    }

    /** The tag text for a tag id, or null if {@code id} is not a tag. */
    public String tagText(int id) {
        if (id == guidelineOpen) return NprTags.GUIDELINE_OPEN;
        if (id == guidelineClose) return NprTags.GUIDELINE_CLOSE;
        if (id == planOpen) return NprTags.PLAN_OPEN;
        if (id == planClose) return NprTags.PLAN_CLOSE;
        if (id == stepOpen) return NprTags.STEP_OPEN;
        if (id == stepClose) return NprTags.STEP_CLOSE;
        if (id == takeawayOpen) return NprTags.TAKEAWAY_OPEN;
        if (id == takeawayClose) return NprTags.TAKEAWAY_CLOSE;
        return null;
    }
}
