package org.nprworkbench.engine.tokenizer;

import org.nprworkbench.tags.NprTags;

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

    /** The eight tag ids in {@link NprTags#ALL} order. */
    public int[] inOrder() {
        return new int[] {guidelineOpen, guidelineClose, planOpen, planClose,
                stepOpen, stepClose, takeawayOpen, takeawayClose};
    }

    /** True if {@code id} is one of the eight structural tags. */
    public boolean isTag(int id) {
        return id == guidelineOpen || id == guidelineClose || id == planOpen || id == planClose
                || id == stepOpen || id == stepClose || id == takeawayOpen || id == takeawayClose;
    }

    /** The tag text for a tag id, or null if {@code id} is not a tag. */
    public String tagText(int id) {
        int[] ids = inOrder();
        for (int k = 0; k < ids.length; k++) {
            if (ids[k] == id) {
                return NprTags.ALL.get(k);
            }
        }
        return null;
    }

    /** The id of a tag's text; throws if {@code tag} is not one of the eight tags. */
    public int idOf(String tag) {
        int k = NprTags.ALL.indexOf(tag);
        if (k < 0) {
            throw new IllegalArgumentException("not an NPR tag: " + tag);
        }
        return inOrder()[k];
    }
}
