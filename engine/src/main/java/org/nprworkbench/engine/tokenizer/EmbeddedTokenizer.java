package org.nprworkbench.engine.tokenizer;

import org.nprworkbench.tags.NprTags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * The embedded default tokenizer: a character-level Hugging Face {@code tokenizer.json} that the
 * project generates. Ids 0-4 are {@code <pad> <bos> <eos> <unk> <sep>} ({@code <sep>} ends the
 * prompt), 5-12 the eight NPR tags (single tokens, in {@link NprTags#ALL} order), then newline, tab
 * and the printable ASCII characters. Any other character encodes as {@code <unk>}.
 *
 * <p>It is a BPE model with an empty merge list (so every character is one token) and the
 * {@code Fuse} decoder (so decoding concatenates without spaces).
 */
public final class EmbeddedTokenizer {
    public static final String PAD = "<pad>";
    public static final String BOS = "<bos>";
    public static final String EOS = "<eos>";
    public static final String UNK = "<unk>";
    public static final String SEP = "<sep>";

    private EmbeddedTokenizer() {
    }

    /** The special tokens in id order: the five control tokens, then the eight tags. */
    public static List<String> specialTokens() {
        List<String> s = new ArrayList<>(List.of(PAD, BOS, EOS, UNK, SEP));
        s.addAll(NprTags.ALL);
        return s;
    }

    /** The characters in id order, after the special tokens. */
    public static List<String> characters() {
        List<String> c = new ArrayList<>(List.of("\n", "\t"));
        for (char ch = 32; ch < 127; ch++) {
            c.add(String.valueOf(ch));
        }
        return c;
    }

    /** Number of ids (special tokens plus characters). */
    public static int size() {
        return specialTokens().size() + characters().size();
    }

    /** One entry of a {@code tokenizer.json}'s {@code added_tokens}: a special token matched verbatim. */
    static JsonObject addedToken(int id, String content) {
        JsonObject t = new JsonObject();
        t.addProperty("id", id);
        t.addProperty("content", content);
        t.addProperty("single_word", false);
        t.addProperty("lstrip", false);
        t.addProperty("rstrip", false);
        t.addProperty("normalized", false);
        t.addProperty("special", true);
        return t;
    }

    /** The {@code tokenizer.json} document. */
    public static String json() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        JsonArray added = new JsonArray();
        for (String s : specialTokens()) {
            added.add(addedToken(vocab.size(), s));
            vocab.put(s, vocab.size());
        }
        for (String c : characters()) {
            vocab.put(c, vocab.size());
        }
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", JsonNull.INSTANCE);
        model.addProperty("unk_token", UNK);
        model.add("continuing_subword_prefix", JsonNull.INSTANCE);
        model.add("end_of_word_suffix", JsonNull.INSTANCE);
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        model.addProperty("ignore_merges", false);
        JsonObject v = new JsonObject();
        vocab.forEach(v::addProperty);
        model.add("vocab", v);
        model.add("merges", new JsonArray());

        JsonObject decoder = new JsonObject();
        decoder.addProperty("type", "Fuse");
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        root.add("added_tokens", added);
        root.add("normalizer", JsonNull.INSTANCE);
        root.add("pre_tokenizer", JsonNull.INSTANCE);
        root.add("post_processor", JsonNull.INSTANCE);
        root.add("decoder", decoder);
        root.add("model", model);
        return new GsonBuilder().serializeNulls().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
    }

    /** The {@code tokenizer_config.json} document (no chat template: prompts use {@code <bos>...<sep>}). */
    public static String configJson() {
        JsonObject c = new JsonObject();
        c.addProperty("tokenizer_class", "PreTrainedTokenizerFast");
        c.addProperty("bos_token", BOS);
        c.addProperty("eos_token", EOS);
        c.addProperty("pad_token", PAD);
        c.addProperty("unk_token", UNK);
        c.addProperty("model_max_length", 1024);
        c.addProperty("clean_up_tokenization_spaces", false);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(c);
    }

    /** Writes {@code tokenizer.json} and {@code tokenizer_config.json} into {@code folder}. */
    public static void writeTo(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("tokenizer.json"), json(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("tokenizer_config.json"), configJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tokenizer to " + folder, e);
        }
    }
}
