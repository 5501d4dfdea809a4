package org.nprworkbench.engine.checkpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nprworkbench.problems.prompt.PromptTemplate;
import org.nprworkbench.tags.NprTags;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * A test fixture: a Qwen-style byte-level BPE {@code tokenizer.json} and its {@code tokenizer_config.json},
 * laid out as Qwen3-4B-Instruct-2507's files are, but with a small merge table learned here.
 *
 * <p>What is real: the NFC normaliser, Qwen's regular-expression split followed by the ByteLevel
 * pre-tokenizer, the ByteLevel decoder, the 256 byte symbols at ids 0-255 in GPT-2's byte-to-unicode
 * order, merges learned by plain BPE training (most frequent pair first) on {@link #corpus()}, Qwen's 26
 * added tokens at their real ids 151,643-151,668 ({@code <|endoftext|>}, {@code <|im_start|>},
 * {@code <|im_end|>}, ..., {@code <|fim_pad|>}, ..., {@code </think>}) and, optionally, the eight NPR
 * tags as special tokens at 151,669-151,676, where adding them to Qwen's tokenizer puts them. The
 * tokenizers library numbers added tokens after the model's vocabulary, whatever ids the file states,
 * so the BPE vocabulary must hold exactly 151,643 entries: the ids between the learned merges and
 * 151,643 are unreachable {@code [unusedN]} placeholders (no merge produces them).
 */
public final class QwenTokenizerFixture {
    /** The first added-token id of Qwen's tokenizer: the size of its BPE vocabulary. */
    public static final int FIRST_ADDED_ID = 151_643;

    /** Qwen's added tokens in id order, from {@link #FIRST_ADDED_ID}; the first 14 are special. */
    public static final List<String> QWEN_ADDED_TOKENS = List.of(
            "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
            "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>",
            "<|vision_end|>", "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>",
            "<tool_call>", "</tool_call>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>",
            "<|repo_name|>", "<|file_sep|>", "<tool_response>", "</tool_response>", "<think>", "</think>");

    /** The id of the first NPR tag when the tags are added: right after Qwen's own added tokens. */
    public static final int FIRST_TAG_ID = FIRST_ADDED_ID + 26;

    /** Qwen2/Qwen3's pre-tokenizer split pattern (as in their tokenizer.json). */
    public static final String SPLIT_PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /**
     * A ChatML chat template in the style of Qwen3-4B-Instruct-2507's (system, user and assistant turns,
     * the assistant header as generation prompt, no think block), without its tool-calling branches.
     */
    public static final String CHAT_TEMPLATE = "{%- if messages[0].role == 'system' %}\n"
            + "    {{- '<|im_start|>system\\n' + messages[0].content + '<|im_end|>\\n' }}\n"
            + "{%- endif %}\n"
            + "{%- for message in messages %}\n"
            + "    {%- if message.role == \"user\" or message.role == \"assistant\" or (message.role == \"system\" and not loop.first) %}\n"
            + "        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}\n"
            + "    {%- endif %}\n"
            + "{%- endfor %}\n"
            + "{%- if add_generation_prompt %}\n"
            + "    {{- '<|im_start|>assistant\\n' }}\n"
            + "{%- endif %}";

    /** Problems and NPR-style reasoning, as the model would read and write them. */
    public static final String CORPUS = """
            What is the value of 12 * 7 + 5? Think about the problem step by step and put the final answer in \\boxed{}.
            <guideline>
            <plan>1: Compute the product of the two numbers.</plan>
            <plan>2: Check the result with another method.</plan>
            </guideline>
            <step>
            1: The product of 12 and 7 is 84, and 84 + 5 = 89.</step>
            <step>
            2: Adding 12 seven times gives 84; with the 5 the total is 89.</step>
            <takeaway>
            Both steps agree that the answer is 89.</takeaway>
            The answer is \\boxed{89}.
            Find the number of ways to choose 3 items from 10 distinct items. The answer is the binomial coefficient.
            Let x be a real number such that x + 3 = 10. Then x = 7, so the value of x is 7.
            You must write your answer strictly following the format defined below: the guideline, the plans,
            the steps and the takeaway, then the final answer for the user.
            """;

    private QwenTokenizerFixture() {
    }

    /**
     * The text the merges are learned from: {@link #CORPUS} and the built-in prompt templates, so that
     * a prompt is about as many tokens as Qwen's real vocabulary makes of it (a few characters per
     * token), not one token per byte.
     */
    public static String corpus() {
        return CORPUS + "\n" + PromptTemplate.npr().text() + "\n" + PromptTemplate.cot().text();
    }

    /** GPT-2's byte-to-unicode table: byte b is written as the character {@code table[b]}. */
    public static char[] byteToUnicode() {
        List<Integer> bytes = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) bytes.add(b);
        for (int b = 0xA1; b <= 0xAC; b++) bytes.add(b);
        for (int b = 0xAE; b <= 0xFF; b++) bytes.add(b);
        char[] table = new char[256];
        for (int b : bytes) table[b] = (char) b;
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            if (!bytes.contains(b)) {
                table[b] = (char) (256 + extra++);
            }
        }
        return table;
    }

    /** The 256 byte symbols in vocabulary order (ids 0-255): printable bytes first, as GPT-2 and Qwen number them. */
    static List<String> byteSymbols() {
        char[] table = byteToUnicode();
        List<String> order = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) order.add(String.valueOf(table[b]));
        for (int b = 0xA1; b <= 0xAC; b++) order.add(String.valueOf(table[b]));
        for (int b = 0xAE; b <= 0xFF; b++) order.add(String.valueOf(table[b]));
        for (int b = 0; b < 256; b++) {
            String s = String.valueOf(table[b]);
            if (!order.contains(s)) order.add(s);
        }
        return order;
    }

    /**
     * Learns up to {@code maxMerges} BPE merges on {@code corpus}: split with {@link #SPLIT_PATTERN}, each
     * piece written in byte-level symbols, then repeatedly the most frequent adjacent pair merged (ties
     * broken by the pair's text), until no pair occurs twice.
     */
    public static List<String[]> learnMerges(String corpus, int maxMerges) {
        char[] table = byteToUnicode();
        Map<List<String>, Integer> words = new LinkedHashMap<>();
        Matcher m = Pattern.compile(SPLIT_PATTERN, Pattern.UNICODE_CHARACTER_CLASS).matcher(corpus);
        while (m.find()) {
            List<String> symbols = new ArrayList<>();
            for (byte b : m.group().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                symbols.add(String.valueOf(table[b & 0xFF]));
            }
            words.merge(symbols, 1, Integer::sum);
        }
        List<String[]> merges = new ArrayList<>();
        while (merges.size() < maxMerges) {
            Map<String, Integer> pairs = new HashMap<>();
            for (Map.Entry<List<String>, Integer> w : words.entrySet()) {
                List<String> s = w.getKey();
                for (int i = 0; i + 1 < s.size(); i++) {
                    pairs.merge(s.get(i) + " " + s.get(i + 1), w.getValue(), Integer::sum);
                }
            }
            String best = null;
            int bestCount = 1;
            for (Map.Entry<String, Integer> p : pairs.entrySet()) {
                if (p.getValue() > bestCount || (p.getValue() == bestCount && best != null && p.getKey().compareTo(best) < 0)) {
                    best = p.getKey();
                    bestCount = p.getValue();
                }
            }
            if (best == null) {
                break;
            }
            String[] pair = best.split(" ");
            merges.add(pair);
            Map<List<String>, Integer> next = new LinkedHashMap<>();
            for (Map.Entry<List<String>, Integer> w : words.entrySet()) {
                List<String> s = w.getKey();
                List<String> t = new ArrayList<>();
                for (int i = 0; i < s.size(); i++) {
                    if (i + 1 < s.size() && s.get(i).equals(pair[0]) && s.get(i + 1).equals(pair[1])) {
                        t.add(pair[0] + pair[1]);
                        i++;
                    } else {
                        t.add(s.get(i));
                    }
                }
                next.merge(t, w.getValue(), Integer::sum);
            }
            words = next;
        }
        return merges;
    }

    /** The added tokens, in id order: Qwen's 26, then (optionally) the eight NPR tags. */
    public static List<String> addedTokens(boolean withNprTags) {
        List<String> all = new ArrayList<>(QWEN_ADDED_TOKENS);
        if (withNprTags) {
            all.addAll(NprTags.ALL);
        }
        return all;
    }

    private static boolean isSpecial(String token) {
        int k = QWEN_ADDED_TOKENS.indexOf(token);
        return k < 0 || k < 14; // Qwen marks its first 14 special; the NPR tags are added as special tokens
    }

    /** The {@code tokenizer.json} document. */
    public static String tokenizerJson(boolean withNprTags) {
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        JsonArray added = new JsonArray();
        List<String> addedTokens = addedTokens(withNprTags);
        for (int i = 0; i < addedTokens.size(); i++) {
            JsonObject t = new JsonObject();
            t.addProperty("id", FIRST_ADDED_ID + i);
            t.addProperty("content", addedTokens.get(i));
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", isSpecial(addedTokens.get(i)));
            added.add(t);
        }
        root.add("added_tokens", added);
        JsonObject normalizer = new JsonObject();
        normalizer.addProperty("type", "NFC");
        root.add("normalizer", normalizer);

        JsonObject split = new JsonObject();
        split.addProperty("type", "Split");
        JsonObject regex = new JsonObject();
        regex.addProperty("Regex", SPLIT_PATTERN);
        split.add("pattern", regex);
        split.addProperty("behavior", "Isolated");
        split.addProperty("invert", false);
        JsonArray pre = new JsonArray();
        pre.add(split);
        pre.add(byteLevel());
        JsonObject preTokenizer = new JsonObject();
        preTokenizer.addProperty("type", "Sequence");
        preTokenizer.add("pretokenizers", pre);
        root.add("pre_tokenizer", preTokenizer);
        root.add("post_processor", byteLevel());
        root.add("decoder", byteLevel());

        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", JsonNull.INSTANCE);
        model.add("unk_token", JsonNull.INSTANCE);
        model.addProperty("continuing_subword_prefix", "");
        model.addProperty("end_of_word_suffix", "");
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        model.addProperty("ignore_merges", false);
        JsonObject vocab = new JsonObject();
        for (String s : byteSymbols()) {
            vocab.addProperty(s, vocab.size());
        }
        JsonArray merges = new JsonArray();
        for (String[] pair : learnMerges(corpus(), 4000)) {
            merges.add(pair[0] + " " + pair[1]);
            if (!vocab.has(pair[0] + pair[1])) {
                vocab.addProperty(pair[0] + pair[1], vocab.size());
            }
        }
        while (vocab.size() < FIRST_ADDED_ID) {
            vocab.addProperty("[unused" + vocab.size() + "]", vocab.size());
        }
        model.add("vocab", vocab);
        model.add("merges", merges);
        root.add("model", model);
        return new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(root);
    }

    private static JsonObject byteLevel() {
        JsonObject b = new JsonObject();
        b.addProperty("type", "ByteLevel");
        b.addProperty("add_prefix_space", false);
        b.addProperty("trim_offsets", false);
        b.addProperty("use_regex", false);
        return b;
    }

    /** The {@code tokenizer_config.json} document, with the ChatML {@link #CHAT_TEMPLATE}. */
    public static String tokenizerConfigJson(boolean withNprTags) {
        JsonObject c = new JsonObject();
        c.addProperty("add_bos_token", false);
        c.addProperty("add_prefix_space", false);
        JsonObject decoder = new JsonObject();
        List<String> addedTokens = addedTokens(withNprTags);
        for (int i = 0; i < addedTokens.size(); i++) {
            JsonObject t = new JsonObject();
            t.addProperty("content", addedTokens.get(i));
            t.addProperty("lstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("rstrip", false);
            t.addProperty("single_word", false);
            t.addProperty("special", isSpecial(addedTokens.get(i)));
            decoder.add(Integer.toString(FIRST_ADDED_ID + i), t);
        }
        c.add("added_tokens_decoder", decoder);
        JsonArray additional = new JsonArray();
        for (String t : addedTokens) {
            if (isSpecial(t) && !t.equals("<|endoftext|>")) {
                additional.add(t);
            }
        }
        c.add("additional_special_tokens", additional);
        c.add("bos_token", JsonNull.INSTANCE);
        c.addProperty("chat_template", CHAT_TEMPLATE);
        c.addProperty("clean_up_tokenization_spaces", false);
        c.addProperty("eos_token", "<|im_end|>");
        c.addProperty("errors", "replace");
        c.addProperty("model_max_length", 262144);
        c.addProperty("pad_token", "<|endoftext|>");
        c.addProperty("split_special_tokens", false);
        c.addProperty("tokenizer_class", "Qwen2Tokenizer");
        c.add("unk_token", JsonNull.INSTANCE);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(c);
    }
}
