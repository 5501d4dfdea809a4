package org.nprworkbench.problems.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nprworkbench.tags.NprTags;

/**
 * A response in the NPR tags parsed into its blocks (npr-method.md §1.2), for tests that read what a
 * solution says: the blocks with their labelled plans, steps and takeaway, the free text before each
 * block, and the final text. It also measures the response as the embedded character-level tokenizer
 * sees it (one token per character, one per tag): total tokens T and critical path C (§2.3, §2.6).
 *
 * @param blocks the blocks in order
 * @param finalText the text after the last takeaway
 */
record NprSolution(List<Block> blocks, String finalText) {
    private static final Pattern TAG = Pattern.compile(String.join("|", NprTags.ALL));
    private static final Pattern LABELLED = Pattern.compile("\\s*(\\d+(?:\\.\\d+)*)\\s*:(.*)", Pattern.DOTALL);

    /**
     * One block.
     *
     * @param before the text between the previous block (or the start) and this {@code <guideline>}
     * @param plans the plans, in order
     * @param steps the steps, in order
     * @param takeaway the takeaway text
     */
    record Block(String before, List<Item> plans, List<Item> steps, String takeaway) {
    }

    /**
     * A labelled plan or step.
     *
     * @param label the label without its colon, e.g. {@code 2}
     * @param text the text after the label's colon, stripped
     */
    record Item(String label, String text) {
    }

    /** {@code response} parsed; a response that breaks the block grammar is an {@link IllegalArgumentException} saying where. */
    static NprSolution parse(String response) {
        List<String> tags = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Matcher m = TAG.matcher(response);
        int at = 0;
        while (m.find()) {
            texts.add(response.substring(at, m.start()));
            tags.add(m.group());
            at = m.end();
        }
        texts.add(response.substring(at));
        List<Block> blocks = new ArrayList<>();
        int t = 0;
        while (t < tags.size()) {
            String before = texts.get(t);
            expect(tags, t, NprTags.GUIDELINE_OPEN);
            t++;
            List<Item> plans = new ArrayList<>();
            while (t < tags.size() && tags.get(t).equals(NprTags.PLAN_OPEN)) {
                blank(texts, t, "before a plan");
                expect(tags, t + 1, NprTags.PLAN_CLOSE);
                plans.add(item(texts.get(t + 1)));
                t += 2;
            }
            blank(texts, t, "before </guideline>");
            expect(tags, t, NprTags.GUIDELINE_CLOSE);
            t++;
            List<Item> steps = new ArrayList<>();
            while (t < tags.size() && tags.get(t).equals(NprTags.STEP_OPEN)) {
                blank(texts, t, "before a step");
                expect(tags, t + 1, NprTags.STEP_CLOSE);
                steps.add(item(texts.get(t + 1)));
                t += 2;
            }
            blank(texts, t, "before the takeaway");
            expect(tags, t, NprTags.TAKEAWAY_OPEN);
            expect(tags, t + 1, NprTags.TAKEAWAY_CLOSE);
            if (plans.isEmpty() || plans.size() != steps.size()) {
                throw new IllegalArgumentException("block " + (blocks.size() + 1) + " has " + plans.size() + " plans and "
                        + steps.size() + " steps");
            }
            blocks.add(new Block(before, plans, steps, texts.get(t + 1)));
            t += 2;
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no block");
        }
        return new NprSolution(blocks, texts.get(texts.size() - 1));
    }

    private static void expect(List<String> tags, int i, String tag) {
        if (i >= tags.size() || !tags.get(i).equals(tag)) {
            throw new IllegalArgumentException("tag " + (i + 1) + ": expected " + tag + ", found "
                    + (i < tags.size() ? tags.get(i) : "the end"));
        }
    }

    /** The text before tag {@code i} must be whitespace only. */
    private static void blank(List<String> texts, int i, String where) {
        if (!texts.get(i).isBlank()) {
            throw new IllegalArgumentException("text " + where + ": \"" + texts.get(i) + "\"");
        }
    }

    private static Item item(String text) {
        Matcher m = LABELLED.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("no k: label in \"" + text + "\"");
        }
        return new Item(m.group(1), m.group(2).strip());
    }

    /** T: tokens of {@code response} for a character-level tokenizer with the eight tags as single tokens. */
    static int totalTokens(String response) {
        Matcher m = TAG.matcher(response);
        int tags = 0;
        int tagChars = 0;
        while (m.find()) {
            tags++;
            tagChars += m.group().length();
        }
        return response.length() - tagChars + tags;
    }

    /**
     * C: the largest §2.3 position + 1 of {@code response} in the same tokens: positions count up by
     * one per token; {@code </guideline>} sets g; each {@code <step>} restarts at g + 1; each
     * {@code </step>} raises maxLen to its position − g; {@code <takeaway>} restarts at g + maxLen + 1.
     */
    static int criticalPath(String response) {
        Matcher m = TAG.matcher(response);
        int pos = -1;
        int max = -1;
        int g = 0;
        int maxLen = 0;
        int at = 0;
        while (true) {
            boolean found = m.find();
            int end = found ? m.start() : response.length();
            pos += end - at;
            max = Math.max(max, pos);
            if (!found) {
                return max + 1;
            }
            String tag = m.group();
            pos = switch (tag) {
                case NprTags.STEP_OPEN -> g + 1;
                case NprTags.TAKEAWAY_OPEN -> g + maxLen + 1;
                default -> pos + 1;
            };
            if (tag.equals(NprTags.GUIDELINE_CLOSE)) {
                g = pos;
                maxLen = 0;
            } else if (tag.equals(NprTags.STEP_CLOSE)) {
                maxLen = Math.max(maxLen, pos - g);
            }
            max = Math.max(max, pos);
            at = m.end();
        }
    }
}
