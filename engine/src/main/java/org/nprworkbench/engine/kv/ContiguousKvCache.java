package org.nprworkbench.engine.kv;

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
 * A causal KV cache for a batch of independent sequences decoded in lockstep: one preallocated
 * buffer [B, capacity, kvHeads * headDim] per layer for keys and one for values, appended in place.
 * Rows may be left-padded: the first {@code padLeft[b]} slots of row b are never visible. This is the
 * cache of the sequential engine and of plain sampling.
 */
public final class ContiguousKvCache implements KvCache, AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int batch;
    private final int capacity;
    private final int[] padLeft;
    private int length;
    private int step;

    /** A cache for {@code batch} rows of at most {@code capacity} tokens, on the model's device. */
    public ContiguousKvCache(Qwen3Model model, int batch, int capacity, int[] padLeft) {
        Qwen3Config c = model.config();
        this.manager = model.manager().newSubManager();
        this.batch = batch;
        this.capacity = capacity;
        this.padLeft = padLeft == null ? new int[batch] : padLeft.clone();
        if (this.padLeft.length != batch) {
            throw new IllegalArgumentException("padLeft has " + this.padLeft.length + " rows, batch is " + batch);
        }
        Shape s = new Shape(batch, capacity, (long) c.numKvHeads() * c.headDim());
        this.keys = new NDArray[c.numLayers()];
        this.values = new NDArray[c.numLayers()];
        for (int l = 0; l < keys.length; l++) {
            keys[l] = manager.zeros(s, DataType.FLOAT32);
            values[l] = manager.zeros(s, DataType.FLOAT32);
            NDScope.unregister(keys[l], values[l]); // owned by the cache, not by the caller's scope
        }
    }

    /** Tokens stored per row (padding included). */
    public int length() {
        return length;
    }

    /** Bytes held by the key and value buffers. */
    public long bytes() {
        long per = keys[0].getShape().size() * 4L;
        return per * 2L * keys.length;
    }

    @Override
    public NDArray beginStep(int newTokens) {
        if (length + newTokens > capacity) {
            throw new IllegalStateException("KV cache full: " + length + " + " + newTokens + " > " + capacity);
        }
        step = newTokens;
        int len = length + newTokens;
        float[] m = new float[batch * newTokens * len];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < newTokens; i++) {
                int q = length + i;
                int base = (b * newTokens + i) * len;
                for (int j = 0; j < len; j++) {
                    m[base + j] = (j > q || j < padLeft[b]) ? Qwen3Model.HIDDEN : 0f;
                }
            }
        }
        return keys[0].getManager().create(m, new Shape(batch, 1, newTokens, len));
    }

    @Override
    public NDList update(int layer, NDArray k, NDArray v) {
        NDIndex slot = new NDIndex(":, {}:{}, :", length, length + step);
        keys[layer].set(slot, k);
        values[layer].set(slot, v);
        NDIndex used = new NDIndex(":, 0:{}, :", length + step);
        return new NDList(keys[layer].get(used), values[layer].get(used));
    }

    @Override
    public void endStep() {
        length += step;
        step = 0;
    }

    @Override
    public void close() {
        manager.close();
    }
}
