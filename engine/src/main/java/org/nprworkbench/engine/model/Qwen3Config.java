package org.nprworkbench.engine.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;

/**
 * The Qwen3 architecture hyper-parameters, read from and written to a Hugging Face
 * {@code config.json} ({@code model_type} "qwen3", {@code Qwen3ForCausalLM}).
 *
 * @param vocabSize        rows of the embedding (and LM head)
 * @param hiddenSize       model width H
 * @param intermediateSize SwiGLU width I
 * @param numLayers        decoder layers
 * @param numHeads         query heads
 * @param numKvHeads       key/value heads (grouped-query attention: numHeads % numKvHeads == 0)
 * @param headDim          per-head width D (Qwen3 sets it explicitly; not always H / numHeads)
 * @param rmsNormEps       RMSNorm epsilon
 * @param ropeTheta        RoPE base
 * @param maxPositions     longest context the model is configured for
 * @param tieEmbeddings    LM head shares the embedding matrix
 * @param torchDtype       dtype recorded in the file ("float32", "bfloat16", ...); weights are F32 in memory
 * @param bosTokenId       -1 when absent
 * @param eosTokenId       -1 when absent
 */
public record Qwen3Config(
        int vocabSize, int hiddenSize, int intermediateSize, int numLayers,
        int numHeads, int numKvHeads, int headDim,
        double rmsNormEps, double ropeTheta, int maxPositions, boolean tieEmbeddings,
        String torchDtype, int bosTokenId, int eosTokenId) {

    public Qwen3Config {
        if (vocabSize <= 0 || hiddenSize <= 0 || intermediateSize <= 0 || numLayers <= 0
                || numHeads <= 0 || numKvHeads <= 0 || headDim <= 0 || maxPositions <= 0) {
            throw new IllegalArgumentException("all sizes must be positive");
        }
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + numHeads
                    + ") must be a multiple of num_key_value_heads (" + numKvHeads + ")");
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim must be even for rotary embeddings");
        }
    }

    /**
     * The embedded default size: 4 layers, width 256, 4 query heads and 2 key/value heads of width
     * 64, SwiGLU width 768, context 1024, tied head; about 3.2M parameters with the embedded
     * 128-row vocabulary, small enough to train on 2 CPU cores in minutes.
     */
    public static Qwen3Config tiny(int vocabSize) {
        return new Qwen3Config(vocabSize, 256, 768, 4, 4, 2, 64, 1e-6, 10000.0, 1024, true,
                "float32", 1, 2);
    }

    /** A named preset size for {@code npr model init --size}. */
    public static Qwen3Config preset(String size, int vocabSize) {
        return switch (size) {
            case "tiny" -> tiny(vocabSize);
            case "micro" -> new Qwen3Config(vocabSize, 64, 192, 2, 2, 1, 32, 1e-6, 10000.0, 512, true,
                    "float32", 1, 2);
            case "small" -> new Qwen3Config(vocabSize, 512, 1536, 8, 8, 4, 64, 1e-6, 10000.0, 2048, true,
                    "float32", 1, 2);
            default -> throw new BadInputException("unknown model size '" + size
                    + "': choose micro (tests), tiny (the embedded default) or small");
        };
    }

    /** Parameter count, counting a tied head once. */
    public long parameterCount() {
        long h = hiddenSize;
        long attn = h * numHeads * headDim * 2L + h * numKvHeads * headDim * 2L + 2L * headDim;
        long mlp = 3L * h * intermediateSize;
        long layer = attn + mlp + 2 * h;
        long embed = (long) vocabSize * h;
        return embed + numLayers * layer + h + (tieEmbeddings ? 0 : embed);
    }

    /** Largest vocab_size accepted from a file (2^24). */
    public static final int MAX_VOCAB = 1 << 24;
    /** Largest hidden_size accepted from a file. */
    public static final int MAX_HIDDEN = 65_536;
    /** Largest intermediate_size accepted from a file (2^20). */
    public static final int MAX_INTERMEDIATE = 1 << 20;
    /** Most layers accepted from a file (the largest public models have about 130). */
    public static final int MAX_LAYERS = 1024;
    /** Most attention heads accepted from a file. */
    public static final int MAX_HEADS = 1024;
    /** Largest head_dim accepted from a file. */
    public static final int MAX_HEAD_DIM = 1024;
    /** Longest max_position_embeddings accepted from a file (2^24). */
    public static final int MAX_POSITIONS = 1 << 24;
    /** Largest rope_theta accepted from a file. */
    public static final double MAX_ROPE_THETA = 1e12;

    /**
     * Reads {@code config.json}, checking every field it uses before anything else happens: types,
     * bounds (the {@code MAX_} constants), how the head counts divide, and that the file asks for
     * nothing this implementation does not compute (another activation, attention biases, sliding
     * windows, scaled RoPE). Each problem is one line naming the file and the field.
     */
    public static Qwen3Config read(Path file) {
        ConfigFields f = new ConfigFields(parseObject(file), file);
        String type = f.has("model_type") && f.get("model_type").isJsonPrimitive() ? f.get("model_type").getAsString()
                : f.has("model_type") ? ConfigFields.shown(f.get("model_type")) : "<missing>";
        if (!type.equals("qwen3")) {
            throw BadInputException.inFile(file, "unsupported model_type '" + type
                    + "': the workbench runs the Qwen3 architecture (model_type \"qwen3\") only");
        }
        int vocab = f.wholeNumber("vocab_size", 1, MAX_VOCAB);
        int hidden = f.wholeNumber("hidden_size", 1, MAX_HIDDEN);
        int intermediate = f.wholeNumber("intermediate_size", 1, MAX_INTERMEDIATE);
        int layers = f.wholeNumber("num_hidden_layers", 1, MAX_LAYERS);
        int heads = f.wholeNumber("num_attention_heads", 1, MAX_HEADS);
        int kvHeads = f.wholeNumber("num_key_value_heads", 1, heads, heads);
        if (heads % kvHeads != 0) {
            throw f.bad("num_key_value_heads", "(" + kvHeads + ") must divide num_attention_heads (" + heads + ")");
        }
        int headDim;
        if (f.has("head_dim")) {
            headDim = f.wholeNumber("head_dim", 2, MAX_HEAD_DIM);
            if (headDim % 2 != 0) {
                throw f.bad("head_dim", "must be even (rotary embeddings rotate pairs), found " + headDim);
            }
        } else {
            if (hidden % heads != 0 || (hidden / heads) % 2 != 0) {
                throw f.bad("head_dim", "is missing and hidden_size / num_attention_heads = " + hidden + " / " + heads
                        + " is not an even whole number: state head_dim");
            }
            headDim = hidden / heads;
        }
        double eps = f.number("rms_norm_eps", 0, 1, 1e-6);
        double theta = ropeTheta(f);
        int maxPositions = f.wholeNumber("max_position_embeddings", 1, MAX_POSITIONS, 32768);
        boolean tie = f.bool("tie_word_embeddings", true);
        String dtype = f.has("torch_dtype") ? f.string("torch_dtype", null) : f.string("dtype", "float32");
        int bos = f.tokenId("bos_token_id", vocab);
        int eos = f.tokenId("eos_token_id", vocab);
        String act = f.string("hidden_act", "silu");
        if (!act.equals("silu")) {
            throw f.bad("hidden_act", "is \"" + act + "\": Qwen3 uses silu, the only activation the workbench computes");
        }
        if (f.bool("attention_bias", false)) {
            throw f.bad("attention_bias", "is true: the workbench's Qwen3 has no attention biases (Qwen3 checkpoints set it false)");
        }
        if (f.bool("use_sliding_window", false)) {
            throw f.bad("use_sliding_window", "is true: sliding-window attention is not implemented; set it to false");
        }
        return new Qwen3Config(vocab, hidden, intermediate, layers, heads, kvHeads, headDim, eps, theta,
                maxPositions, tie, dtype, bos, eos);
    }

    /**
     * The RoPE base: {@code rope_theta}, or {@code rope_parameters.rope_theta} as newer
     * {@code transformers} write it. Only plain RoPE is computed, so a {@code rope_scaling} (or
     * {@code rope_parameters}) of another type than "default" is refused rather than ignored.
     */
    private static double ropeTheta(ConfigFields f) {
        for (String key : new String[] {"rope_scaling", "rope_parameters"}) {
            if (!f.has(key)) {
                continue;
            }
            JsonElement e = f.get(key);
            if (!e.isJsonObject()) {
                throw f.bad(key, "must be an object or null, found " + ConfigFields.shown(e));
            }
            JsonObject o = e.getAsJsonObject();
            JsonElement kind = o.has("rope_type") ? o.get("rope_type") : o.get("type");
            String name = kind == null || kind.isJsonNull() ? "default" : ConfigFields.shown(kind).replace("\"", "");
            if (!name.equals("default")) {
                throw f.bad(key, "asks for RoPE scaling of type '" + name + "', which the workbench does not compute;"
                        + " remove it to run with plain RoPE (contexts up to the original training length)");
            }
            if (key.equals("rope_parameters") && !f.has("rope_theta") && o.has("rope_theta")) {
                return f.number("rope_parameters.rope_theta", o.get("rope_theta"), 0, MAX_ROPE_THETA);
            }
        }
        return f.number("rope_theta", 0, MAX_ROPE_THETA, 1_000_000.0);
    }

    /** The file's JSON object; a syntax error is reported with its line and column, in our words. */
    private static JsonObject parseObject(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(file, "missing: a checkpoint folder needs a Hugging Face config.json");
        }
        try {
            String fix = "fix the file or copy the model's original config.json";
            JsonElement root = JsonInput.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(),
                    Strictness.STRICT, fix);
            if (!root.isJsonObject()) {
                throw BadInputException.inFile(file, "expected a JSON object");
            }
            return root.getAsJsonObject();
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage());
        }
    }

    /** The {@code config.json} document, with the fields {@code transformers}' Qwen3Config reads. */
    public String toJson() {
        JsonObject o = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add("Qwen3ForCausalLM");
        o.add("architectures", arch);
        o.addProperty("model_type", "qwen3");
        o.addProperty("vocab_size", vocabSize);
        o.addProperty("hidden_size", hiddenSize);
        o.addProperty("intermediate_size", intermediateSize);
        o.addProperty("num_hidden_layers", numLayers);
        o.addProperty("num_attention_heads", numHeads);
        o.addProperty("num_key_value_heads", numKvHeads);
        o.addProperty("head_dim", headDim);
        o.addProperty("hidden_act", "silu");
        o.addProperty("rms_norm_eps", rmsNormEps);
        o.addProperty("rope_theta", ropeTheta);
        o.add("rope_scaling", JsonNull.INSTANCE);
        o.addProperty("max_position_embeddings", maxPositions);
        o.addProperty("attention_bias", false);
        o.addProperty("attention_dropout", 0.0);
        o.addProperty("use_sliding_window", false);
        o.add("sliding_window", JsonNull.INSTANCE);
        o.addProperty("max_window_layers", numLayers);
        o.addProperty("tie_word_embeddings", tieEmbeddings);
        o.addProperty("initializer_range", 0.02);
        o.addProperty("use_cache", true);
        o.addProperty("torch_dtype", torchDtype);
        if (bosTokenId >= 0) {
            o.addProperty("bos_token_id", bosTokenId);
        }
        if (eosTokenId >= 0) {
            o.addProperty("eos_token_id", eosTokenId);
        }
        o.addProperty("transformers_version", "4.51.0");
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(o);
    }

    /** The same configuration with another vocabulary size (after adding tag tokens). */
    /** This configuration with {@code torch_dtype} set to {@code dtype} (what the file records). */
    public Qwen3Config withTorchDtype(String dtype) {
        return new Qwen3Config(vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim,
                rmsNormEps, ropeTheta, maxPositions, tieEmbeddings, dtype, bosTokenId, eosTokenId);
    }

    public Qwen3Config withVocabSize(int v) {
        return new Qwen3Config(v, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim,
                rmsNormEps, ropeTheta, maxPositions, tieEmbeddings, torchDtype, bosTokenId, eosTokenId);
    }
}
