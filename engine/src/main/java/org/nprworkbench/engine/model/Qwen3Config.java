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

    /** Reads {@code config.json}; rejects non-Qwen3 models and missing fields with a clear message. */
    public static Qwen3Config read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(file, "missing: a checkpoint folder needs a Hugging Face config.json");
        }
        JsonObject o;
        try {
            o = JsonInput.parseObject(Files.readString(file, StandardCharsets.UTF_8), file.toString(),
                    "fix the file or copy the model's original config.json");
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage());
        }
        String type = o.has("model_type") ? o.get("model_type").getAsString() : "<missing>";
        if (!type.equals("qwen3")) {
            throw BadInputException.inFile(file, "unsupported model_type '" + type
                    + "': the workbench runs the Qwen3 architecture (model_type \"qwen3\") only");
        }
        try {
            int hidden = req(o, "hidden_size", file);
            int heads = req(o, "num_attention_heads", file);
            int headDim = o.has("head_dim") && !o.get("head_dim").isJsonNull()
                    ? o.get("head_dim").getAsInt() : hidden / heads;
            return new Qwen3Config(
                    req(o, "vocab_size", file), hidden, req(o, "intermediate_size", file),
                    req(o, "num_hidden_layers", file), heads,
                    o.has("num_key_value_heads") ? o.get("num_key_value_heads").getAsInt() : heads,
                    headDim,
                    o.has("rms_norm_eps") ? o.get("rms_norm_eps").getAsDouble() : 1e-6,
                    o.has("rope_theta") ? o.get("rope_theta").getAsDouble() : 1_000_000.0,
                    o.has("max_position_embeddings") ? o.get("max_position_embeddings").getAsInt() : 32768,
                    !o.has("tie_word_embeddings") || o.get("tie_word_embeddings").getAsBoolean(),
                    o.has("torch_dtype") && !o.get("torch_dtype").isJsonNull()
                            ? o.get("torch_dtype").getAsString() : "float32",
                    firstInt(o.get("bos_token_id")), firstInt(o.get("eos_token_id")));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw BadInputException.inFile(file, "invalid Qwen3 configuration: " + e.getMessage());
        }
    }

    private static int req(JsonObject o, String key, Path file) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw BadInputException.inFile(file, "missing field \"" + key + "\"");
        }
        return e.getAsInt();
    }

    private static int firstInt(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return -1;
        }
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            return a.isEmpty() ? -1 : a.get(0).getAsInt();
        }
        return e.getAsInt();
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
    public Qwen3Config withVocabSize(int v) {
        return new Qwen3Config(v, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim,
                rmsNormEps, ropeTheta, maxPositions, tieEmbeddings, torchDtype, bosTokenId, eosTokenId);
    }
}
