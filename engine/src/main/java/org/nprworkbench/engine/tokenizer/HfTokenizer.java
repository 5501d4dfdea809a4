package org.nprworkbench.engine.tokenizer;

import org.nprworkbench.tags.NprTags;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A {@link TextTokenizer} over a Hugging Face {@code tokenizer.json}, run by DJL's native tokenizers
 * library. If the file lacks the eight NPR tags they are added as special tokens with the next free
 * ids ({@link #addedTagIds()} lists them so the model can initialise their embedding rows,
 * npr-method.md §1.1); {@link #json()} is then the augmented document to save with a checkpoint.
 */
public final class HfTokenizer implements TextTokenizer {
    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "false", "truncation", "false", "padding", "false",
            "modelMaxLength", Integer.toString(Integer.MAX_VALUE));

    private final HuggingFaceTokenizer hf;
    private final String json;
    private final Map<String, Integer> idOf;
    private final int vocabSize;
    private final TagIds tags;
    private final List<Integer> addedTagIds;
    private final String[] tokenStrings;

    private HfTokenizer(HuggingFaceTokenizer hf, String json, Map<String, Integer> idOf, int vocabSize,
                        TagIds tags, List<Integer> addedTagIds) {
        this.hf = hf;
        this.json = json;
        this.idOf = idOf;
        this.vocabSize = vocabSize;
        this.tags = tags;
        this.addedTagIds = addedTagIds;
        this.tokenStrings = new String[vocabSize];
    }

    /** The embedded default character-level tokenizer. */
    public static HfTokenizer embedded() {
        return fromJson(EmbeddedTokenizer.json(), Path.of("<embedded tokenizer.json>"));
    }

    /** Loads {@code tokenizer.json} from a file or a model folder. */
    public static HfTokenizer load(Path fileOrFolder) {
        Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve("tokenizer.json") : fileOrFolder;
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(file, "no tokenizer.json here; a checkpoint folder needs one "
                    + "(npr model init writes the embedded default)");
        }
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read the tokenizer: " + e.getMessage());
        }
    }

    /** Parses a {@code tokenizer.json} document; {@code source} names it in error messages. */
    public static HfTokenizer fromJson(String text, Path source) {
        DjlBootstrap.init();
        JsonObject root = JsonInput.parseObject(text, source.toString(),
                "fix the file or copy the model's original tokenizer.json");
        if (!root.has("model")) {
            throw BadInputException.inFile(source, "not a Hugging Face tokenizer.json (no \"model\" object)");
        }
        Map<String, Integer> idOf = vocabulary(root, source);
        List<Integer> added = new ArrayList<>();
        int next = idOf.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        JsonArray addedTokens = root.has("added_tokens") && root.get("added_tokens").isJsonArray()
                ? root.getAsJsonArray("added_tokens") : new JsonArray();
        for (String tag : NprTags.ALL) {
            if (!idOf.containsKey(tag)) {
                addedTokens.add(EmbeddedTokenizer.addedToken(next, tag));
                idOf.put(tag, next);
                added.add(next);
                next++;
            }
        }
        String doc = text;
        if (!added.isEmpty()) {
            root.add("added_tokens", addedTokens);
            doc = new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(root);
        }
        HuggingFaceTokenizer hf;
        try {
            hf = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), OPTIONS);
        } catch (IOException | RuntimeException e) {
            throw BadInputException.inFile(source, "the tokenizers library rejects this tokenizer.json: "
                    + e.getMessage());
        }
        checkAddedTokenIds(hf, addedTokens, source);
        int vocab = idOf.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        TagIds tagIds = new TagIds(
                idOf.get(NprTags.GUIDELINE_OPEN), idOf.get(NprTags.GUIDELINE_CLOSE),
                idOf.get(NprTags.PLAN_OPEN), idOf.get(NprTags.PLAN_CLOSE),
                idOf.get(NprTags.STEP_OPEN), idOf.get(NprTags.STEP_CLOSE),
                idOf.get(NprTags.TAKEAWAY_OPEN), idOf.get(NprTags.TAKEAWAY_CLOSE),
                first(idOf, EmbeddedTokenizer.BOS),
                first(idOf, EmbeddedTokenizer.EOS, "<|im_end|>", "<|endoftext|>", "</s>"),
                first(idOf, EmbeddedTokenizer.PAD, "<|fim_pad|>", "<|endoftext|>", "<pad>"),
                first(idOf, EmbeddedTokenizer.SEP, "<|im_end|>"));
        return new HfTokenizer(hf, doc, idOf, vocab, tagIds, Collections.unmodifiableList(added));
    }

    /**
     * The tokenizers library numbers added tokens after the model's vocabulary, whatever id the file
     * states; a file whose stated ids differ (a vocabulary with gaps, a hand-edited list) would make every
     * id we look up wrong, so each added token must encode to exactly its stated id.
     */
    private static void checkAddedTokenIds(HuggingFaceTokenizer hf, JsonArray addedTokens, Path source) {
        for (JsonElement e : addedTokens) {
            JsonObject t = e.getAsJsonObject();
            String content = t.get("content").getAsString();
            long stated = t.get("id").getAsLong();
            long[] got = hf.encode(content, false, false).getIds();
            if (got.length != 1 || got[0] != stated) {
                hf.close();
                throw BadInputException.inFile(source, "added token '" + content + "' is listed with id " + stated
                        + " but the tokenizer gives it " + (got.length == 1 ? "id " + got[0] : got.length + " tokens")
                        + " (added tokens are numbered after the model's vocabulary, which must hold ids 0 to "
                        + "the first added id without gaps): the file is inconsistent; re-download it");
            }
        }
    }

    private static Map<String, Integer> vocabulary(JsonObject root, Path source) {
        Map<String, Integer> idOf = new HashMap<>();
        try {
            JsonObject model = root.getAsJsonObject("model");
            JsonElement vocab = model.get("vocab");
            if (vocab != null && vocab.isJsonObject()) {
                for (Map.Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
                    idOf.put(e.getKey(), e.getValue().getAsInt());
                }
            } else if (vocab != null && vocab.isJsonArray()) { // Unigram: [[piece, score], ...]
                JsonArray a = vocab.getAsJsonArray();
                for (int i = 0; i < a.size(); i++) {
                    idOf.put(a.get(i).getAsJsonArray().get(0).getAsString(), i);
                }
            }
            if (root.has("added_tokens") && root.get("added_tokens").isJsonArray()) {
                for (JsonElement e : root.getAsJsonArray("added_tokens")) {
                    JsonObject t = e.getAsJsonObject();
                    idOf.put(t.get("content").getAsString(), t.get("id").getAsInt());
                }
            }
        } catch (RuntimeException e) {
            throw BadInputException.inFile(source, "malformed vocabulary in tokenizer.json: " + e.getMessage());
        }
        if (idOf.isEmpty()) {
            throw BadInputException.inFile(source, "tokenizer.json has an empty vocabulary");
        }
        return idOf;
    }

    private static int first(Map<String, Integer> idOf, String... names) {
        for (String n : names) {
            Integer id = idOf.get(n);
            if (id != null) {
                return id;
            }
        }
        return -1;
    }

    @Override
    public int[] encode(String text) {
        long[] ids = hf.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return hf.decode(l, false);
    }

    @Override
    public String tokenString(int id) {
        if (id < 0 || id >= vocabSize) {
            return "<id " + id + ">";
        }
        String s = tokenStrings[id];
        if (s == null) {
            s = hf.decode(new long[] {id}, false);
            tokenStrings[id] = s;
        }
        return s;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public TagIds tags() {
        return tags;
    }

    /** The id of a token string, or -1. */
    public int idOf(String token) {
        return idOf.getOrDefault(token, -1);
    }

    /** Ids of the tags this tokenizer had to add (empty when the file already had them). */
    public List<Integer> addedTagIds() {
        return addedTagIds;
    }

    /** The {@code tokenizer.json} document, including any added tags. */
    public String json() {
        return json;
    }

    @Override
    public void close() {
        hf.close();
    }
}
