package org.nprworkbench.engine.kv;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.nprworkbench.engine.model.Qwen3Config;
import org.nprworkbench.engine.model.Qwen3Model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The keys and values of every live row, in one preallocated pool per layer, handed out in pages.
 * A row's context is an ordered list of {@link KvSegment}s; sibling branches list the same prefix
 * segments (one copy in memory, one reference each) followed by their own segment. For a decode
 * step the store writes the step's new keys/values into their slots and gathers each row's context
 * into a dense [B, L, kvHeads * D] working tensor for attention: the paged equivalent of
 * vLLM/SGLang's paged attention. Memory held = pages in use, i.e. prefix + the sum of the suffixes.
 *
 * <p>Page 0 is never handed out: its first slot receives the writes of padding positions.
 */
public final class PagedKvStore implements AutoCloseable {
    private static final int TRASH_SLOT = 0;

    private final NDManager manager;
    private final NDArray[] keyPools;    // per layer [slots, kvHeads * headDim]
    private final NDArray[] valuePools;
    private final int pageSize;
    private final int kvHeads;
    private final int headDim;
    private final Deque<Integer> freePages = new ArrayDeque<>();
    private final int totalPages;
    private int nextSegmentId;
    private int liveSegments;
    private int pagesInUse;
    private int peakPagesInUse;

    /** A store for {@code maxTokens} tokens (rounded up to pages) on the model's device. */
    public PagedKvStore(Qwen3Model model, int pageSize, int maxTokens) {
        Qwen3Config c = model.config();
        this.manager = model.manager().newSubManager();
        this.pageSize = pageSize;
        this.kvHeads = c.numKvHeads();
        this.headDim = c.headDim();
        this.totalPages = (maxTokens + pageSize - 1) / pageSize + 1;
        this.keyPools = new NDArray[c.numLayers()];
        this.valuePools = new NDArray[c.numLayers()];
        Shape pool = new Shape((long) totalPages * pageSize, (long) kvHeads * headDim);
        for (int l = 0; l < keyPools.length; l++) {
            keyPools[l] = manager.zeros(pool, DataType.FLOAT32);
            valuePools[l] = manager.zeros(pool, DataType.FLOAT32);
            NDScope.unregister(keyPools[l], valuePools[l]);
        }
        for (int p = 1; p < totalPages; p++) {
            freePages.add(p);
        }
    }

    /** A new empty segment with one reference (the caller's). */
    public KvSegment open() {
        liveSegments++;
        return new KvSegment(nextSegmentId++);
    }

    /** Adds a reference: another row now lists this segment in its context. */
    public void retain(KvSegment s) {
        if (s.refs <= 0) {
            throw new IllegalStateException("retain of a freed " + s);
        }
        s.refs++;
    }

    /** Drops a reference; the pages return to the pool when none is left. */
    public void release(KvSegment s) {
        if (s.refs <= 0) {
            throw new IllegalStateException("double release of " + s);
        }
        if (--s.refs == 0) {
            for (int i = 0; i < s.pageCount; i++) {
                freePages.add(s.pages[i]);
            }
            pagesInUse -= s.pageCount;
            s.pageCount = 0;
            s.length = 0;
            liveSegments--;
        }
    }

    /** Segments not yet freed. */
    public int liveSegments() {
        return liveSegments;
    }

    public int pagesInUse() {
        return pagesInUse;
    }

    /** Bytes of keys and values one token takes over all layers. */
    public long bytesPerToken() {
        return 2L * kvHeads * headDim * Float.BYTES * keyPools.length;
    }

    /** The most bytes ever held at once. */
    public long peakBytes() {
        return (long) peakPagesInUse * pageSize * bytesPerToken();
    }

    private void grow(KvSegment s, int tokens) {
        int needed = (s.length + tokens + pageSize - 1) / pageSize;
        while (s.pageCount < needed) {
            Integer p = freePages.poll();
            if (p == null) {
                throw new IllegalStateException("KV store full: " + (totalPages - 1) * pageSize
                        + " tokens in use; admit fewer trajectories at once");
            }
            s.addPage(p);
            pagesInUse++;
        }
        peakPagesInUse = Math.max(peakPagesInUse, pagesInUse);
    }

    /**
     * One row of a step: attend over {@code context} (in order; the last segment must be
     * {@code appendTo}) and append {@code newTokens} tokens to {@code appendTo}.
     */
    public record RowView(List<KvSegment> context, KvSegment appendTo, int newTokens) {
    }

    /**
     * Prepares one model step of {@code stepTokens} tokens per row (rows with fewer new tokens are
     * padded; their padding is hidden and written to the trash slot). Slots are allocated now.
     * Returns the cache to hand to {@link Qwen3Model#forward(NDArray, NDArray, KvCache)}.
     */
    public KvCache step(List<RowView> rows, int stepTokens) {
        int b = rows.size();
        int[] lengths = new int[b];
        int max = 0;
        for (int r = 0; r < b; r++) {
            RowView v = rows.get(r);
            if (v.context.isEmpty() || v.context.get(v.context.size() - 1) != v.appendTo) {
                throw new IllegalArgumentException("a row appends to the last segment of its context");
            }
            if (v.newTokens < 1 || v.newTokens > stepTokens) {
                throw new IllegalArgumentException("new tokens per row must be 1.." + stepTokens);
            }
            int len = v.newTokens;
            for (KvSegment s : v.context) {
                if (s.refs <= 0) {
                    throw new IllegalStateException("row attends over a freed " + s);
                }
                len += s.length;
            }
            lengths[r] = len;
            max = Math.max(max, len);
        }
        long[] write = new long[b * stepTokens];
        long[] gather = new long[b * max];
        float[] mask = new float[b * stepTokens * max];
        for (int r = 0; r < b; r++) {
            RowView v = rows.get(r);
            int old = lengths[r] - v.newTokens;
            int k = 0;
            for (KvSegment s : v.context) {
                for (int i = 0; i < s.length; i++) {
                    gather[r * max + k++] = s.slot(i, pageSize);
                }
            }
            KvSegment a = v.appendTo;
            grow(a, v.newTokens);
            for (int i = 0; i < stepTokens; i++) {
                if (i < v.newTokens) {
                    int slot = a.slot(a.length + i, pageSize);
                    write[r * stepTokens + i] = slot;
                    gather[r * max + k++] = slot;
                } else {
                    write[r * stepTokens + i] = TRASH_SLOT;
                }
            }
            a.length += v.newTokens;
            for (int q = 0; q < stepTokens; q++) {
                int base = (r * stepTokens + q) * max;
                int visibleUpTo = q < v.newTokens ? old + q : -1; // padding queries see nothing
                for (int j = 0; j < max; j++) {
                    mask[base + j] = j <= visibleUpTo ? 0f : Qwen3Model.HIDDEN;
                }
            }
        }
        return new Step(b, stepTokens, max, write, gather, mask);
    }

    /** The KvCache of one prepared step; its arrays belong to the caller's scope. */
    private final class Step implements KvCache {
        private final int rows;
        private final int tokens;
        private final int length;
        private final NDArray writeIndex;
        private final NDArray gatherIndex;
        private final NDArray mask;

        Step(int rows, int tokens, int length, long[] write, long[] gather, float[] mask) {
            this.rows = rows;
            this.tokens = tokens;
            this.length = length;
            this.writeIndex = manager.create(write);
            this.gatherIndex = manager.create(gather);
            this.mask = manager.create(mask, new Shape(rows, 1, tokens, length));
        }

        @Override
        public NDArray beginStep(int newTokens) {
            if (newTokens != tokens) {
                throw new IllegalArgumentException("prepared for " + tokens + " tokens per row, got " + newTokens);
            }
            return mask;
        }

        @Override
        public NDList update(int layer, NDArray k, NDArray v) {
            long kd = (long) kvHeads * headDim;
            NDIndex write = new NDIndex("{}", writeIndex);
            keyPools[layer].set(write, k.reshape(rows * (long) tokens, kd));
            valuePools[layer].set(write, v.reshape(rows * (long) tokens, kd));
            NDIndex read = new NDIndex("{}", gatherIndex);
            return new NDList(keyPools[layer].get(read).reshape(rows, length, kd),
                    valuePools[layer].get(read).reshape(rows, length, kd));
        }

        @Override
        public void endStep() {
            // slots were allocated and lengths advanced when the step was prepared
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
