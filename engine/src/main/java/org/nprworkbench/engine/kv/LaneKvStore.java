package org.nprworkbench.engine.kv;

import java.util.ArrayList;
import java.util.Arrays;
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
 * The keys and values of every running trajectory: one contiguous <em>lane</em> per trajectory in a
 * pool preallocated per layer, head-major: [lanes, kvHeads, capacity, headDim] (stored flat as
 * [lanes * kvHeads * capacity, headDim] rows).
 *
 * <p>A trajectory appends its tokens to its lane in the order they are decoded, so the sibling
 * branches of an open block interleave there. Every token carries an owner: {@link #SHARED} (seen by
 * every row of the lane) or the branch that wrote it (seen by that branch only). A query at slot s
 * with owner o sees key j exactly when j <= s and the key is shared or o's own. So the shared prefix
 * is stored once and every branch reads it in place (memory = prefix + the sum of the branch
 * suffixes), and a step reads the lanes' keys as one strided view of the pool, [B, kvHeads, L, D],
 * which folds to [B * kvHeads, L, D] for attention: no per-row gather or copy, however many branches
 * share the prefix. At the join, {@link Lane#merge()} makes the block's
 * tokens shared, so the takeaway sees every step without anything being recomputed or moved.
 *
 * <p>Ownership is explicit: a lane is {@link #acquire() acquired} by one trajectory and
 * {@link #release(Lane) released} when it ends; a released lane holds no tokens.
 */
public final class LaneKvStore implements AutoCloseable {
    /** The owner of tokens every row of a lane sees: prompt, sequential text, guidelines, takeaways, merged steps. */
    public static final int SHARED = -1;

    private final NDManager manager;
    private final NDArray[] keyPools;   // per layer [lanes * kvHeads * capacity, D]
    private final NDArray[] valuePools;
    private final int capacity;
    private final int kvHeads;
    private final int headDim;
    private final Lane[] lanes;
    private int lanesInUse;
    private long tokensHeld;
    private long peakTokens;

    /** A store of {@code lanes} lanes of {@code capacity} tokens each, on the model's device. */
    public LaneKvStore(Qwen3Model model, int lanes, int capacity) {
        if (lanes < 1 || capacity < 1) {
            throw new IllegalArgumentException("lanes and capacity must be positive");
        }
        Qwen3Config c = model.config();
        this.manager = model.manager().newSubManager();
        this.capacity = capacity;
        this.kvHeads = c.numKvHeads();
        this.headDim = c.headDim();
        this.keyPools = new NDArray[c.numLayers()];
        this.valuePools = new NDArray[c.numLayers()];
        Shape pool = new Shape((long) lanes * kvHeads * capacity, headDim);
        for (int l = 0; l < keyPools.length; l++) {
            keyPools[l] = manager.zeros(pool, DataType.FLOAT32);
            valuePools[l] = manager.zeros(pool, DataType.FLOAT32);
            NDScope.unregister(keyPools[l], valuePools[l]);
        }
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane(i);
        }
    }

    /** One trajectory's keys and values: tokens in decode order, each with its owner. */
    public final class Lane {
        private final int index;
        private final int[] owner = new int[capacity];
        private int length;
        private int shared;          // tokens owned by SHARED
        private int[] owned = new int[8]; // tokens per branch owner
        private boolean held;

        private Lane(int index) {
            this.index = index;
        }

        /** Position of this lane in the pool (lower lanes are handed out first). */
        public int index() {
            return index;
        }

        /** Tokens stored. */
        public int length() {
            return length;
        }

        /** Keys a row of this owner attends over: the shared tokens and its own. */
        public int visibleTo(int rowOwner) {
            return rowOwner == SHARED ? shared : shared + (rowOwner < owned.length ? owned[rowOwner] : 0);
        }

        /** The join: every token of the lane becomes shared, so the next rows see all branches. */
        public void merge() {
            Arrays.fill(owner, 0, length, SHARED);
            Arrays.fill(owned, 0);
            shared = length;
        }

        /** Refuses, before anything changes, a step that would append more tokens than the lane holds. */
        private void checkRoom(int tokens) {
            if (length + tokens > capacity) {
                throw new IllegalStateException("lane " + index + " is full (" + capacity + " tokens)");
            }
        }

        private void append(int rowOwner) {
            owner[length++] = rowOwner;
            if (rowOwner == SHARED) {
                shared++;
            } else {
                if (rowOwner >= owned.length) {
                    owned = Arrays.copyOf(owned, Math.max(rowOwner + 1, owned.length * 2));
                }
                owned[rowOwner]++;
            }
            tokensHeld++;
            peakTokens = Math.max(peakTokens, tokensHeld);
        }

        private void checkHeld() {
            if (!held) {
                throw new IllegalStateException("lane " + index + " is not held");
            }
        }

        @Override
        public String toString() {
            return "lane " + index + " (" + length + " tokens" + (held ? "" : ", free") + ")";
        }
    }

    /** The lowest free lane, now held by the caller. */
    public Lane acquire() {
        for (Lane l : lanes) {
            if (!l.held) {
                l.held = true;
                lanesInUse++;
                return l;
            }
        }
        throw new IllegalStateException("all " + lanes.length + " lanes are in use; admit fewer trajectories at once");
    }

    /** Frees a lane and its tokens. */
    public void release(Lane lane) {
        lane.checkHeld();
        tokensHeld -= lane.length;
        lane.length = 0;
        lane.shared = 0;
        Arrays.fill(lane.owned, 0);
        lane.held = false;
        lanesInUse--;
    }

    public int lanesInUse() {
        return lanesInUse;
    }

    /** Tokens stored over all lanes now. */
    public long tokensHeld() {
        return tokensHeld;
    }

    /** Bytes of keys and values one token takes over all layers. */
    public long bytesPerToken() {
        return 2L * kvHeads * headDim * Float.BYTES * keyPools.length;
    }

    /** The most key/value bytes ever held at once (tokens stored, not the preallocated pool). */
    public long peakBytes() {
        return peakTokens * bytesPerToken();
    }

    /** Rows of one lane in a decode step: one new token per row, appended in this order, with the rows' owners. */
    public record Rows(Lane lane, int[] owners) {
    }

    /**
     * Prefill: each group's prompt (its length in {@code lengths}) is computed once and stored, as
     * shared tokens, into every (empty) lane of the group. The packed tokens are the groups' prompts
     * one after another; queries attend causally within their own prompt.
     */
    public KvCache prefill(List<List<Lane>> groups, int[] lengths) {
        int b = groups.size();
        for (int g = 0; g < b; g++) { // validate everything before any lane changes
            for (Lane lane : groups.get(g)) {
                lane.checkHeld();
                if (lane.length != 0) {
                    throw new IllegalArgumentException("prefill into a non-empty " + lane);
                }
                lane.checkRoom(lengths[g]);
            }
        }
        int t = Arrays.stream(lengths).max().orElse(0);
        int n = Arrays.stream(lengths).sum();
        long[] pack = new long[b * t];
        long[] unpack = new long[n];
        float[] mask = new float[b * t * t];
        List<Long> dest = new ArrayList<>();
        List<Long> src = new ArrayList<>();
        boolean copies = false;
        int offset = 0;
        for (int g = 0; g < b; g++) {
            int len = lengths[g];
            for (int i = 0; i < t; i++) {
                pack[g * t + i] = i < len ? offset + i : 0;
                for (int j = 0; j < t; j++) {
                    mask[(g * t + i) * t + j] = i < len && j <= i ? 0f : Qwen3Model.HIDDEN;
                }
            }
            for (int i = 0; i < len; i++) {
                unpack[offset + i] = (long) g * t + i;
            }
            copies |= groups.get(g).size() > 1;
            for (Lane lane : groups.get(g)) {
                for (int i = 0; i < len; i++) {
                    for (int h = 0; h < kvHeads; h++) {
                        dest.add(row(lane.index, h, i));
                        src.add((long) (offset + i) * kvHeads + h);
                    }
                    lane.append(SHARED);
                }
            }
            offset += len;
        }
        boolean identity = n == b * t;
        return new Step(b, t, mask, identity ? null : pack, identity ? null : unpack,
                toArray(dest), copies ? toArray(src) : null, -1, -1, t);
    }

    /**
     * A decode step for the given lanes: entry e's rows each append one token to its lane. The packed
     * tokens are the entries' rows in order, so callers that pass lanes in increasing index with one
     * row each get an identity layout. The attention batch is every lane from the lowest to the highest
     * listed (lanes in between that are not listed are masked out entirely).
     */
    public KvCache decode(List<Rows> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a decode step needs at least one row");
        }
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        int t = 0;
        int n = 0;
        for (Rows e : entries) {
            e.lane.checkHeld();
            lo = Math.min(lo, e.lane.index);
            hi = Math.max(hi, e.lane.index);
            t = Math.max(t, e.owners.length);
            n += e.owners.length;
        }
        int b = hi - lo + 1;
        int len = 0;
        boolean[] seen = new boolean[b];
        for (Rows e : entries) { // validate everything before any lane changes
            if (seen[e.lane.index - lo]) {
                throw new IllegalArgumentException(e.lane + " listed twice in one step");
            }
            seen[e.lane.index - lo] = true;
            e.lane.checkRoom(e.owners.length);
            for (int o : e.owners) {
                if (o < SHARED) {
                    throw new IllegalArgumentException("owner " + o);
                }
            }
            len = Math.max(len, e.lane.length + e.owners.length);
        }
        long[] pack = new long[b * t];
        long[] unpack = new long[n];
        long[] write = new long[n * kvHeads];
        float[] mask = new float[b * t * len];
        Arrays.fill(mask, Qwen3Model.HIDDEN);
        boolean identity = true;
        int k = 0;
        for (Rows e : entries) {
            Lane lane = e.lane;
            int r = lane.index - lo;
            for (int q = 0; q < e.owners.length; q++) {
                int slot = lane.length;
                lane.append(e.owners[q]);
                int query = r * t + q;
                pack[query] = k;
                unpack[k] = query;
                identity &= query == k;
                for (int h = 0; h < kvHeads; h++) {
                    write[k * kvHeads + h] = row(lane.index, h, slot);
                }
                int o = e.owners[q];
                int base = query * len;
                for (int j = 0; j <= slot; j++) {
                    int kOwner = lane.owner[j];
                    if (kOwner == SHARED || kOwner == o) {
                        mask[base + j] = 0f;
                    }
                }
                k++;
            }
        }
        identity &= n == b * t;
        return new Step(b, t, mask, identity ? null : pack, identity ? null : unpack, write, null, lo, hi + 1, len);
    }

    /** The pool row of a lane's kv head h at a slot. */
    private long row(int lane, int h, int slot) {
        return ((long) lane * kvHeads + h) * capacity + slot;
    }

    private static long[] toArray(List<Long> v) {
        long[] a = new long[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }

    /** The KvCache of one prepared step (prefill when {@code laneLo < 0}). */
    private final class Step implements KvCache {
        private final int batch;
        private final int queries;
        private final NDArray mask;
        private final NDArray pack;
        private final NDArray unpack;
        private final NDArray write;
        private final NDArray source;
        private final int laneLo;
        private final int laneHi;
        private final int keys;

        Step(int batch, int queries, float[] mask, long[] pack, long[] unpack, long[] write, long[] source,
             int laneLo, int laneHi, int keys) {
            this.batch = batch;
            this.queries = queries;
            this.mask = manager.create(mask, new Shape(batch, 1, queries, keys));
            this.pack = pack == null ? null : manager.create(pack);
            this.unpack = unpack == null ? null : manager.create(unpack);
            this.write = manager.create(write);
            this.source = source == null ? null : manager.create(source);
            this.laneLo = laneLo;
            this.laneHi = laneHi;
            this.keys = keys;
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public int queries() {
            return queries;
        }

        @Override
        public NDArray mask() {
            return mask;
        }

        @Override
        public NDArray pack() {
            return pack;
        }

        @Override
        public NDArray unpack() {
            return unpack;
        }

        @Override
        public NDList update(int layer, NDArray k, NDArray v) {
            long n = k.getShape().get(0);
            NDArray kh = k.reshape(n * kvHeads, headDim); // row t * kvHeads + h: token t, kv head h
            NDArray vh = v.reshape(n * kvHeads, headDim);
            NDIndex at = new NDIndex("{}", write);
            if (source == null) {
                keyPools[layer].set(at, kh);
                valuePools[layer].set(at, vh);
            } else { // a prompt shared by several samples: the same rows into each lane
                NDIndex from = new NDIndex("{}", source);
                keyPools[layer].set(at, kh.get(from));
                valuePools[layer].set(at, vh.get(from));
            }
            if (laneLo < 0) { // prefill: the prompt attends to itself only
                return new NDList(layout(k), layout(v));
            }
            NDIndex used = new NDIndex("{}:{}, :, 0:{}, :", laneLo, laneHi, keys);
            return new NDList(keyPools[layer].reshape(lanes.length, kvHeads, capacity, headDim).get(used),
                    valuePools[layer].reshape(lanes.length, kvHeads, capacity, headDim).get(used));
        }

        /** Packed [N, kvHeads * D] to [B, kvHeads, T, D]. */
        private NDArray layout(NDArray x) {
            NDArray slots = pack == null ? x : x.get(new NDIndex("{}", pack));
            return slots.reshape(batch, queries, kvHeads, headDim).transpose(0, 2, 1, 3);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
