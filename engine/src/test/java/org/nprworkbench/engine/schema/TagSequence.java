package org.nprworkbench.engine.schema;

import java.util.Arrays;

import org.nprworkbench.engine.tokenizer.TagIds;

/**
 * Test fixture: token arrays written as words. {@code <g> </g> <p> </p> <s> </s> <t> </t>} are the
 * eight tags (ids 100-107 of {@link #TAGS}); any other word is a plain token with a small id.
 */
public final class TagSequence {
    /** Tag ids for token-level tests: tags 100-107, bos 1, eos 2, pad 0, no prompt-end token. */
    public static final TagIds TAGS = new TagIds(100, 101, 102, 103, 104, 105, 106, 107, 1, 2, 0, -1);

    private static final String[] WORDS = {"<g>", "</g>", "<p>", "</p>", "<s>", "</s>", "<t>", "</t>"};

    private TagSequence() {
    }

    /** The tokens of a space-separated word list. */
    public static int[] tokens(String words) {
        String trimmed = words.trim();
        if (trimmed.isEmpty()) {
            return new int[0];
        }
        return Arrays.stream(trimmed.split("\\s+")).mapToInt(TagSequence::id).toArray();
    }

    private static int id(String word) {
        for (int i = 0; i < WORDS.length; i++) {
            if (WORDS[i].equals(word)) {
                return 100 + i;
            }
        }
        return 10 + Math.floorMod(word.hashCode(), 80);
    }
}
