package org.nprworkbench.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.nprworkbench.engine.autograd.Scalar;
import org.nprworkbench.engine.kv.KvCache;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * A Qwen3 decoder-only transformer on DJL NDArrays: token embedding, per layer RMSNorm, grouped-query
 * attention with per-head q/k RMSNorm and rotary embeddings at explicit position ids, a SwiGLU MLP,
 * a final RMSNorm and a tied or untied LM head. Weights live in F32 in this model's own manager,
 * under their Hugging Face names.
 *
 * <p>Two forward passes share one layer implementation: {@link #forward(NDArray, NDArray, NDArray)}
 * over whole sequences with an explicit mask (SFT and RL; differentiable through DJL autograd), and
 * {@link #decode(NDArray, NDArray, KvCache, long[])} for incremental decoding of packed new tokens over
 * a KV cache (the tokens of many sequences and branches in one step, without padding).
 * Callers scope intermediate arrays with {@link ai.djl.ndarray.NDScope}.
 */
public final class Qwen3Model implements AutoCloseable {
    /** The additive mask value for hidden keys: finite, so a fully hidden (padding) row stays NaN-free. */
    public static final float HIDDEN = -1e9f;

    private final Qwen3Config config;
    private final NDManager manager;
    private final Map<String, NDArray> params;   // trainable arrays by HF name; projections stored [in, out]
    private final Map<String, NDArray> hfViews;  // the same storage in Hugging Face layout ([out, in] views)
    private final Layer[] layers;
    private final NDArray embed;
    private final NDArray finalNorm;
    private final NDArray lmHead;
    private final NDArray invFreq;

    /** One decoder layer's weights; projections are stored transposed, [in, out], so x @ W needs no transpose. */
    private record Layer(NDArray inputNorm, NDArray q, NDArray k, NDArray v, NDArray o,
                         NDArray qNorm, NDArray kNorm, NDArray postNorm,
                         NDArray gate, NDArray up, NDArray down) {
    }

    /**
     * Wraps weights already created in {@code manager}, keyed by Hugging Face name (see
     * {@link #expectedShapes(Qwen3Config)}). Takes ownership of the manager and of the arrays.
     *
     * <p>Projection matrices are kept transposed ([in, out], contiguous), one tensor at a time, each
     * original closed as soon as its copy exists: multiplying by a transposed view sends small-batch
     * matmuls down a slow BLAS path (measured 106 us against 45 us for [4, 256] x [256, 768] on 2
     * cores), which would make every extra decode row (every branch) several times dearer.
     * {@link #weights()} still shows Hugging Face layout, as views of the same storage.
     */
    public Qwen3Model(Qwen3Config config, NDManager manager, Map<String, NDArray> weights) {
        this.config = config;
        this.manager = manager;
        Map<String, NDArray> own = new LinkedHashMap<>();
        Map<String, NDArray> views = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : weights.entrySet()) {
            NDArray a = e.getValue();
            if (isProjection(e.getKey())) {
                // Flattening the transposed view forces a row-major copy (duplicate() alone keeps the
                // strides); the final duplicate() makes it a tensor of its own, not a view, so the
                // optimiser may update it in place.
                NDArray flat = a.transpose().reshape(-1);
                NDArray t = flat.reshape(a.getShape().get(1), a.getShape().get(0)).duplicate();
                flat.close();
                t.setName(e.getKey());
                a.close();
                NDArray view = t.transpose();
                NDScope.unregister(t, view);
                own.put(e.getKey(), t);
                views.put(e.getKey(), view);
            } else {
                own.put(e.getKey(), a);
                views.put(e.getKey(), a);
            }
        }
        this.params = Collections.unmodifiableMap(own);
        this.hfViews = Collections.unmodifiableMap(views);
        this.layers = new Layer[config.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            String p = "model.layers." + i + ".";
            layers[i] = new Layer(w(p + "input_layernorm.weight"),
                    w(p + "self_attn.q_proj.weight"), w(p + "self_attn.k_proj.weight"),
                    w(p + "self_attn.v_proj.weight"), w(p + "self_attn.o_proj.weight"),
                    w(p + "self_attn.q_norm.weight"), w(p + "self_attn.k_norm.weight"),
                    w(p + "post_attention_layernorm.weight"),
                    w(p + "mlp.gate_proj.weight"), w(p + "mlp.up_proj.weight"), w(p + "mlp.down_proj.weight"));
        }
        this.embed = w("model.embed_tokens.weight");
        this.finalNorm = w("model.norm.weight");
        this.lmHead = config.tieEmbeddings() ? embed : w("lm_head.weight");
        // inv_freq[j] = theta^(-2j/D), j < D/2, in float32 as Hugging Face computes it.
        int half = config.headDim() / 2;
        float[] f = new float[half];
        for (int j = 0; j < half; j++) {
            f[j] = (float) (1.0 / Math.pow(config.ropeTheta(), (2.0 * j) / config.headDim()));
        }
        this.invFreq = manager.create(f);
    }

    private static boolean isProjection(String name) {
        return name.endsWith("_proj.weight") || name.equals("lm_head.weight");
    }

    private NDArray w(String name) {
        NDArray a = params.get(name);
        if (a == null) {
            throw new IllegalArgumentException("missing weight " + name);
        }
        return a;
    }

    /** The tensor names and shapes a checkpoint of this configuration must hold, in a stable order. */
    public static Map<String, Shape> expectedShapes(Qwen3Config c) {
        Map<String, Shape> m = new LinkedHashMap<>();
        long h = c.hiddenSize();
        long qd = (long) c.numHeads() * c.headDim();
        long kvd = (long) c.numKvHeads() * c.headDim();
        m.put("model.embed_tokens.weight", new Shape(c.vocabSize(), h));
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            m.put(p + "input_layernorm.weight", new Shape(h));
            m.put(p + "self_attn.q_proj.weight", new Shape(qd, h));
            m.put(p + "self_attn.k_proj.weight", new Shape(kvd, h));
            m.put(p + "self_attn.v_proj.weight", new Shape(kvd, h));
            m.put(p + "self_attn.o_proj.weight", new Shape(h, qd));
            m.put(p + "self_attn.q_norm.weight", new Shape(c.headDim()));
            m.put(p + "self_attn.k_norm.weight", new Shape(c.headDim()));
            m.put(p + "post_attention_layernorm.weight", new Shape(h));
            m.put(p + "mlp.gate_proj.weight", new Shape(c.intermediateSize(), h));
            m.put(p + "mlp.up_proj.weight", new Shape(c.intermediateSize(), h));
            m.put(p + "mlp.down_proj.weight", new Shape(h, c.intermediateSize()));
        }
        m.put("model.norm.weight", new Shape(h));
        if (!c.tieEmbeddings()) {
            m.put("lm_head.weight", new Shape(c.vocabSize(), h));
        }
        return m;
    }

    /**
     * A freshly initialised model: matrices from N(0, 0.02) (Hugging Face's initializer_range), norm
     * weights 1. The values come from a seeded Java generator, so the same seed gives the same model
     * on any machine or device.
     */
    public static Qwen3Model random(Qwen3Config config, Device device, long seed) {
        NDManager manager = NDManager.newBaseManager(device);
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, NDArray> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : expectedShapes(config).entrySet()) {
            float[] data = new float[Math.toIntExact(e.getValue().size())];
            if (e.getKey().endsWith("norm.weight")) {
                java.util.Arrays.fill(data, 1f);
            } else {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) (gaussian(rnd) * 0.02);
                }
            }
            NDArray a = manager.create(data, e.getValue());
            a.setName(e.getKey());
            weights.put(e.getKey(), a);
        }
        return new Qwen3Model(config, manager, weights);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    public Qwen3Config config() {
        return config;
    }

    /** The manager that owns the weights; inputs created on it live as long as the model. */
    public NDManager manager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    /**
     * Weights by Hugging Face name and in Hugging Face layout, in checkpoint order (a tied head appears
     * once, as the embedding). Projections are views of the stored transposes: read them, don't train them.
     */
    public Map<String, NDArray> weights() {
        return hfViews;
    }

    /** The trainable arrays (each weight once). */
    public List<NDArray> parameters() {
        return new ArrayList<>(params.values());
    }

    /**
     * Full-sequence forward: logits [B, T, V] for tokens [B, T] (int64) at positions [B, T] under an
     * additive mask [B, 1, T, T] (0 = visible, {@link #HIDDEN} = hidden). Differentiable.
     */
    public NDArray forward(NDArray tokens, NDArray positions, NDArray mask) {
        return head(hidden(tokens, positions, mask));
    }

    /**
     * Incremental forward of a step's N new tokens, packed ([N] int64 ids at [N] positions), over the
     * keys and values of {@code cache}, which also stores the new ones. Returns logits [N, V], or
     * [select.length, V] for the packed tokens listed in {@code select} (null: all).
     */
    public NDArray decode(NDArray tokens, NDArray positions, KvCache cache, long[] select) {
        long n = tokens.getShape().get(0);
        NDArray x = embed.get(new NDIndex("{}", tokens)).reshape(1, n, config.hiddenSize());   // [1, N, H]
        NDList rope = rotary(positions.reshape(1, n));
        NDArray mask5 = cache.mask().expandDims(1); // [B, 1, 1, T, L]
        for (int i = 0; i < layers.length; i++) {
            Layer l = layers[i];
            x = x.add(packedAttention(rmsNorm(x, l.inputNorm), l, i, rope, mask5, cache));
            x = x.add(mlp(rmsNorm(x, l.postNorm), l));
        }
        x = x.reshape(n, config.hiddenSize());
        if (select != null) {
            x = x.get(new NDIndex("{}", x.getManager().create(select)));
        }
        return head(x);
    }

    private NDArray head(NDArray x) {
        return rmsNorm(x, finalNorm).matMul(config.tieEmbeddings() ? lmHead.transpose() : lmHead);
    }

    /** The final hidden states [B, T, H] (before the final norm). */
    private NDArray hidden(NDArray tokens, NDArray positions, NDArray mask) {
        Shape ts = tokens.getShape();
        long b = ts.get(0);
        long t = ts.get(1);
        NDArray x = embed.get(new NDIndex("{}", tokens.reshape(-1))).reshape(b, t, config.hiddenSize());
        NDList rope = rotary(positions);
        NDArray mask5 = mask.expandDims(1); // [B, 1, 1, T, L]: broadcast over kv heads and groups
        for (int i = 0; i < layers.length; i++) {
            Layer l = layers[i];
            x = x.add(attention(rmsNorm(x, l.inputNorm), l, rope, mask5));
            x = x.add(mlp(rmsNorm(x, l.postNorm), l));
        }
        return x;
    }

    private NDArray rmsNorm(NDArray x, NDArray w) {
        return rmsNorm(x, w, config.rmsNormEps());
    }

    /** RMSNorm over the last axis: x / sqrt(mean(x^2) + eps) * w. */
    static NDArray rmsNorm(NDArray x, NDArray w, double eps) {
        NDArray rms = x.square().mean(new int[] {-1}, true).add(Scalar.of(x, eps)).sqrt();
        return x.div(rms).mul(w);
    }

    private NDList rotary(NDArray positions) {
        return rotary(positions, invFreq);
    }

    /** cos and sin tables [B, T, 1, D] for explicit positions [B, T]: angle = pos * inv_freq, duplicated. */
    static NDList rotary(NDArray positions, NDArray invFreq) {
        NDArray freqs = positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(invFreq); // [B, T, D/2]
        NDArray emb = freqs.concat(freqs, -1).expandDims(2);                                    // [B, T, 1, D]
        return new NDList(emb.cos(), emb.sin());
    }

    /** x * cos + rotate_half(x) * sin, with rotate_half(x) = [-x2, x1] over the two halves of D. */
    static NDArray applyRotary(NDArray x, NDList rope) {
        NDList halves = x.split(2, x.getShape().dimension() - 1);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), -1);
        return x.mul(rope.get(0)).add(rotated.mul(rope.get(1)));
    }

    /** q [B, T, nh, D], k and v [B, T, nkv*D]: projections, per-head RMSNorm on q and k, RoPE on both. */
    private NDList qkv(NDArray h, Layer l, NDList rope) {
        long b = h.getShape().get(0);
        long t = h.getShape().get(1);
        int nh = config.numHeads();
        int nkv = config.numKvHeads();
        int d = config.headDim();
        NDArray q = applyRotary(rmsNorm(h.matMul(l.q).reshape(b, t, nh, d), l.qNorm), rope);
        NDArray k = applyRotary(rmsNorm(h.matMul(l.k).reshape(b, t, nkv, d), l.kNorm), rope)
                .reshape(b, t, (long) nkv * d);
        return new NDList(q, k, h.matMul(l.v));
    }

    private NDArray attention(NDArray h, Layer l, NDList rope, NDArray mask5) {
        NDList qkv = qkv(h, l, rope);
        return attend(qkv.get(0), headMajor(qkv.get(1)), headMajor(qkv.get(2)), mask5).matMul(l.o);
    }

    /** [B, T, nkv*D] to [B, nkv, T, D]. */
    private NDArray headMajor(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), config.numKvHeads(), config.headDim()).transpose(0, 2, 1, 3);
    }

    /**
     * Attention for packed tokens h [1, N, H]: the new keys and values go to the cache, the queries are
     * laid out as [B, T] for the cache's keys [B, L] and the outputs packed back to [1, N, nh*D].
     */
    private NDArray packedAttention(NDArray h, Layer l, int layer, NDList rope, NDArray mask5, KvCache cache) {
        long n = h.getShape().get(1);
        long kd = (long) config.numKvHeads() * config.headDim();
        long qd = (long) config.numHeads() * config.headDim();
        NDList qkv = qkv(h, l, rope);
        NDList kv = cache.update(layer, qkv.get(1).reshape(n, kd), qkv.get(2).reshape(n, kd)); // [B, nkv, L, D] each
        NDArray q = qkv.get(0).reshape(n, qd);
        if (cache.pack() != null) {
            q = q.get(new NDIndex("{}", cache.pack()));                                         // [B*T, nh*D]
        }
        NDArray out = attend(q.reshape(cache.batch(), cache.queries(), config.numHeads(), config.headDim()),
                kv.get(0), kv.get(1), mask5).reshape(-1, qd);                                  // [B*T, nh*D]
        if (cache.unpack() != null) {
            out = out.get(new NDIndex("{}", cache.unpack()));                                   // [N, nh*D]
        }
        return out.reshape(1, n, qd).matMul(l.o);
    }

    /**
     * Masked grouped-query attention: softmax(q k^T / sqrt(D) + mask) v, for queries [B, T, nh, D] over
     * keys and values [B, nkv, L, D] under an additive mask [B, 1, 1, T, L]; returns [B, T, nh*D].
     * Query head h = kv * g + j uses kv head kv, as Hugging Face's repeat_kv does: the g query heads of
     * a kv head are stacked as g*T rows against that head's keys, so the keys are never repeated.
     * The lane KV store keeps keys head-major, so [B, nkv, L, D] folds to [B*nkv, L, D] without a copy.
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask5) {
        Shape qs = q.getShape();
        long b = qs.get(0);
        long t = qs.get(1);
        long nh = qs.get(2);
        long d = qs.get(3);
        long nkv = k.getShape().get(1);
        long len = k.getShape().get(2);
        long g = nh / nkv;
        NDArray qh = q.mul(Scalar.of(q, 1.0 / Math.sqrt(d))).reshape(b, t, nkv, g, d).transpose(0, 2, 3, 1, 4)
                .reshape(b * nkv, g * t, d);                                                   // [B*nkv, g*T, D]
        NDArray scores = qh.matMul(k.reshape(b * nkv, len, d).transpose(0, 2, 1))
                .reshape(b, nkv, g, t, len).add(mask5);                                        // [B, nkv, g, T, L]
        NDArray out = scores.softmax(4).reshape(b * nkv, g * t, len).matMul(v.reshape(b * nkv, len, d));
        return out.reshape(b, nkv, g, t, d).transpose(0, 3, 1, 2, 4).reshape(b, t, nh * d);
    }

    private static NDArray mlp(NDArray h, Layer l) {
        NDArray gate = h.matMul(l.gate);
        NDArray up = h.matMul(l.up);
        return gate.mul(Activation.sigmoid(gate)).mul(up).matMul(l.down);
    }

    @Override
    public void close() {
        manager.close();
    }
}
