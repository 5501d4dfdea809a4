package org.nprworkbench.engine.kv;

import java.util.Arrays;

/**
 * A run of tokens whose keys and values live in a {@link PagedKvStore}: the shared prompt, a stretch
 * of sequential text, or one branch's step. Segments are reference counted: every row whose context
 * includes the segment holds one reference, and the store frees the pages when the count reaches 0.
 * Tokens append at the end; earlier tokens never move, so a segment can be shared while it is read.
 */
public final class KvSegment {
    final int id;
    int[] pages = new int[4];
    int pageCount;
    int length;
    int refs = 1;

    KvSegment(int id) {
        this.id = id;
    }

    /** Tokens stored. */
    public int length() {
        return length;
    }

    /** Store slot of token {@code i} of this segment. */
    int slot(int i, int pageSize) {
        return pages[i / pageSize] * pageSize + i % pageSize;
    }

    void addPage(int page) {
        if (pageCount == pages.length) {
            pages = Arrays.copyOf(pages, pages.length * 2);
        }
        pages[pageCount++] = page;
    }

    @Override
    public String toString() {
        return "segment " + id + " (" + length + " tokens, " + refs + " refs)";
    }
}
