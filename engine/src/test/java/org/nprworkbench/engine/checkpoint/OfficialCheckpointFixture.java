package org.nprworkbench.engine.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * A test fixture: a synthetic checkpoint folder shaped like the official NPR-4B (Qwen3-4B-Instruct-2507
 * fine-tuned), made at test time because no real weights can be downloaded. Its {@code config.json} has
 * Qwen3-4B-Instruct-2507's fields and values except {@code num_hidden_layers} 2 (and
 * {@code max_window_layers} with it) and {@code hidden_size} 256; so it keeps head_dim 128 with 32 query
 * and 8 key/value heads (a query width of 4096, not the hidden size), the SwiGLU width 9728, the
 * 151,936-row vocabulary, rope theta 5,000,000 and the tied embedding. The weights are BF16, sharded as
 * Hugging Face shards them ({@code model-0000k-of-0000n.safetensors} and
 * {@code model.safetensors.index.json}), with no {@code lm_head.weight}. The tokenizer is
 * {@link QwenTokenizerFixture}'s byte-level BPE with Qwen's special tokens and ChatML template. There is
 * no {@code npr.json}: a downloaded checkpoint has none.
 *
 * <p>The weights are random (matrices uniform with standard deviation 0.02, norm weights 1 ± 0.1), a
 * function of the tensor name only, so {@link #values} gives any tensor's values again. About 59M
 * parameters: 118 MB on disk, 236 MB once loaded as F32.
 */
public final class OfficialCheckpointFixture {
    public static final int VOCAB_SIZE = 151_936;
    public static final int HIDDEN_SIZE = 256;
    public static final int LAYERS = 2;
    public static final int HEADS = 32;
    public static final int KV_HEADS = 8;
    public static final int HEAD_DIM = 128;
    public static final int INTERMEDIATE_SIZE = 9728;
    public static final double ROPE_THETA = 5_000_000;
    public static final int MAX_POSITIONS = 262_144;
    /** Shards of at most this many bytes: the BF16 embedding (78 MB) gets one, the layers another. */
    public static final long MAX_SHARD_BYTES = 64L << 20;

    private OfficialCheckpointFixture() {
    }

    /** Writes the NPR-4B-shaped folder (the eight NPR tags in the tokenizer) into {@code folder}; returns it. */
    public static Path write(Path folder) {
        return write(folder, true);
    }

    /**
     * Writes the folder; without the tags it is shaped like Qwen3-4B-Instruct-2507 itself, whose
     * tokenizer lacks them.
     */
    public static Path write(Path folder, boolean withNprTags) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("config.json"), configJson(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("generation_config.json"), generationConfigJson(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("tokenizer.json"), QwenTokenizerFixture.tokenizerJson(withNprTags),
                    StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("tokenizer_config.json"),
                    QwenTokenizerFixture.tokenizerConfigJson(withNprTags), StandardCharsets.UTF_8);
            ShardedSafetensorsWriter w = new ShardedSafetensorsWriter();
            for (Map.Entry<String, long[]> e : tensorShapes().entrySet()) {
                String name = e.getKey();
                long[] shape = e.getValue();
                w.add(name, TensorDtype.BF16, shape, () -> values(name, shape));
            }
            Path index = w.write(folder, MAX_SHARD_BYTES);
            if (!index.getFileName().toString().equals(SafetensorsWeights.INDEX_FILE)) {
                throw new IllegalStateException("expected sharded weights, got " + index);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Qwen3-4B-Instruct-2507's {@code config.json} with 2 layers of width 256 (keys in its order). */
    public static String configJson() {
        JsonObject c = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add("Qwen3ForCausalLM");
        c.add("architectures", arch);
        c.addProperty("attention_bias", false);
        c.addProperty("attention_dropout", 0.0);
        c.addProperty("bos_token_id", 151643);
        c.addProperty("eos_token_id", 151645);
        c.addProperty("head_dim", HEAD_DIM);
        c.addProperty("hidden_act", "silu");
        c.addProperty("hidden_size", HIDDEN_SIZE);
        c.addProperty("initializer_range", 0.02);
        c.addProperty("intermediate_size", INTERMEDIATE_SIZE);
        c.addProperty("max_position_embeddings", MAX_POSITIONS);
        c.addProperty("max_window_layers", LAYERS);
        c.addProperty("model_type", "qwen3");
        c.addProperty("num_attention_heads", HEADS);
        c.addProperty("num_hidden_layers", LAYERS);
        c.addProperty("num_key_value_heads", KV_HEADS);
        c.addProperty("rms_norm_eps", 1e-06);
        c.add("rope_scaling", JsonNull.INSTANCE);
        c.addProperty("rope_theta", (long) ROPE_THETA);
        c.add("sliding_window", JsonNull.INSTANCE);
        c.addProperty("tie_word_embeddings", true);
        c.addProperty("torch_dtype", "bfloat16");
        c.addProperty("transformers_version", "4.51.0");
        c.addProperty("use_cache", true);
        c.addProperty("use_sliding_window", false);
        c.addProperty("vocab_size", VOCAB_SIZE);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(c);
    }

    private static String generationConfigJson() {
        JsonObject g = new JsonObject();
        g.addProperty("bos_token_id", 151643);
        g.addProperty("do_sample", true);
        JsonArray eos = new JsonArray();
        eos.add(151645);
        eos.add(151643);
        g.add("eos_token_id", eos);
        g.addProperty("pad_token_id", 151643);
        g.addProperty("temperature", 0.7);
        g.addProperty("top_k", 20);
        g.addProperty("top_p", 0.8);
        g.addProperty("transformers_version", "4.51.0");
        return new GsonBuilder().setPrettyPrinting().create().toJson(g);
    }

    /** The tensors of the folder in Hugging Face's state-dict order (tied head: no lm_head.weight). */
    public static Map<String, long[]> tensorShapes() {
        Map<String, long[]> m = new LinkedHashMap<>();
        long h = HIDDEN_SIZE;
        long q = (long) HEADS * HEAD_DIM;
        long kv = (long) KV_HEADS * HEAD_DIM;
        m.put("model.embed_tokens.weight", new long[] {VOCAB_SIZE, h});
        for (int i = 0; i < LAYERS; i++) {
            String p = "model.layers." + i + ".";
            m.put(p + "self_attn.q_proj.weight", new long[] {q, h});
            m.put(p + "self_attn.k_proj.weight", new long[] {kv, h});
            m.put(p + "self_attn.v_proj.weight", new long[] {kv, h});
            m.put(p + "self_attn.o_proj.weight", new long[] {h, q});
            m.put(p + "self_attn.q_norm.weight", new long[] {HEAD_DIM});
            m.put(p + "self_attn.k_norm.weight", new long[] {HEAD_DIM});
            m.put(p + "mlp.gate_proj.weight", new long[] {INTERMEDIATE_SIZE, h});
            m.put(p + "mlp.up_proj.weight", new long[] {INTERMEDIATE_SIZE, h});
            m.put(p + "mlp.down_proj.weight", new long[] {h, INTERMEDIATE_SIZE});
            m.put(p + "input_layernorm.weight", new long[] {h});
            m.put(p + "post_attention_layernorm.weight", new long[] {h});
        }
        m.put("model.norm.weight", new long[] {h});
        return m;
    }

    /** The values written for a tensor, before BF16 rounding: a function of its name and shape only. */
    public static float[] values(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[Math.toIntExact(n)];
        SplittableRandom rnd = new SplittableRandom(name.hashCode());
        boolean norm = name.endsWith("norm.weight");
        double half = norm ? 0.1 : 0.02 * Math.sqrt(3); // uniform on [-a, a] has standard deviation a / sqrt(3)
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((norm ? 1 : 0) + (2 * rnd.nextDouble() - 1) * half);
        }
        return v;
    }
}
