package org.nprworkbench.engine.schema;

import java.util.ArrayList;
import java.util.List;

import org.nprworkbench.tags.NprTags;

/**
 * The text format score of npr-method.md §1.4(a), ported from the grader version
 * ({@code evals/utils/grader.py::compute_format_score}) that filters rejection-sampled data and is
 * reported at evaluation. It works on the text with all whitespace removed; every length threshold
 * counts non-whitespace characters.
 *
 * <p>Blocks are found left to right with the grader's non-greedy pattern
 * {@code <guideline>(.*?)</guideline>((?:<step>…</step>)+)<takeaway>(.*?)</takeaway>}: the steps must
 * follow the guideline and each other back to back, so stray text between two steps keeps the block
 * from matching at all (the spec's reading of the grader). A step's content ends at its first
 * {@code </step>}. The matching is written out by hand with the same backtracking order as the
 * regular expression (for each {@code <guideline>}, try each later {@code </guideline>} in turn), which
 * avoids the recursion of {@code java.util.regex} on long texts.
 *
 * <p>Penalties ({@link FormatRule}): no block -1.5; a tag before or between blocks -1.5; per block,
 * 0 plans -1.0 or #steps ≠ #plans -1.0 (both terminal), non-plan text in the guideline -0.4 and
 * -0.2 (two checks on one condition), each plan under 3 characters or holding a tag -0.4, each step
 * under 6 characters or holding a tag -0.4, a takeaway under 6 characters -0.4; a tag after the last
 * block -1.0 (terminal); an empty {@code \boxed{}} anywhere -1.0. The result is clamped to [-2, 0].
 * Tag-free text before, between and after blocks is not penalised, and no {@code \boxed{}} at all is
 * not penalised either: correctness is the grader's business.
 */
public final class FormatScore {
    private static final String G_OPEN = NprTags.GUIDELINE_OPEN;
    private static final String G_CLOSE = NprTags.GUIDELINE_CLOSE;
    private static final String P_OPEN = NprTags.PLAN_OPEN;
    private static final String P_CLOSE = NprTags.PLAN_CLOSE;
    private static final String S_OPEN = NprTags.STEP_OPEN;
    private static final String S_CLOSE = NprTags.STEP_CLOSE;
    private static final String T_OPEN = NprTags.TAKEAWAY_OPEN;
    private static final String T_CLOSE = NprTags.TAKEAWAY_CLOSE;
    private static final String EMPTY_BOXED = "\\boxed{}";

    private FormatScore() {
    }

    /** A character range [start, end) of the stripped text. */
    private record Range(int start, int end) {
    }

    /** One matched block: its whole extent, the guideline content, the step contents, the takeaway content. */
    private record Block(int start, int end, Range guideline, List<Range> steps, Range takeaway) {
    }

    /** Scores {@code text} (a response, without the prompt). */
    public static FormatReport score(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int[] orig = new int[text.length() + 1];
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (!isWhitespace(cp)) {
                for (int k = 0; k < n; k++) {
                    orig[sb.length()] = i + k;
                    sb.append(text.charAt(i + k));
                }
            }
            i += n;
        }
        orig[sb.length()] = text.length();
        return new Scorer(sb.toString(), orig).run();
    }

    /** Python's {@code \s} on str: Unicode whitespace, including no-break spaces and NEL. */
    private static boolean isWhitespace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /** The scoring pass over one stripped text. */
    private static final class Scorer {
        private final String s;
        private final int[] orig;
        private final List<FormatViolation> found = new ArrayList<>();
        private double score;

        Scorer(String s, int[] orig) {
            this.s = s;
            this.orig = orig;
        }

        FormatReport run() {
            List<Block> blocks = new ArrayList<>();
            for (Block b = findBlock(0); b != null; b = findBlock(b.end())) {
                blocks.add(b);
            }
            if (blocks.isEmpty()) {
                return terminal(FormatRule.NO_BLOCK, 0, "no <guideline>…</guideline><step>…</step>…"
                        + "<takeaway>…</takeaway> block with back-to-back steps");
            }
            int prev = 0;
            for (Block b : blocks) {
                int tag = firstTag(prev, b.start());
                if (tag >= 0) {
                    return terminal(FormatRule.TAG_OUTSIDE_BLOCK, tag, "tag " + tagAt(tag)
                            + " outside a complete block (before or between blocks)");
                }
                prev = b.end();
            }
            for (int i = 0; i < blocks.size(); i++) {
                FormatReport end = scoreBlock(i + 1, blocks.get(i));
                if (end != null) {
                    return end;
                }
            }
            int tag = firstTag(prev, s.length());
            if (tag >= 0) {
                return terminal(FormatRule.TAG_AFTER_LAST_BLOCK, tag, "tag " + tagAt(tag) + " after the last block");
            }
            int boxed = s.indexOf(EMPTY_BOXED);
            if (boxed >= 0) {
                add(FormatRule.EMPTY_BOXED, boxed, "empty \\boxed{}");
            }
            return new FormatReport(Math.max(-2.0, Math.min(0.0, score)), found);
        }

        /** Scores block number {@code n} (1-based); returns the report when a terminal rule fires. */
        private FormatReport scoreBlock(int n, Block b) {
            Range g = b.guideline();
            List<Range> plans = new ArrayList<>();
            StringBuilder stray = new StringBuilder();
            int strayAt = -1;
            int at = g.start();
            while (true) {
                int open = s.indexOf(P_OPEN, at);
                int close = open < 0 || open >= g.end() ? -1 : s.indexOf(P_CLOSE, open + P_OPEN.length());
                if (close < 0 || close + P_CLOSE.length() > g.end()) {
                    if (at < g.end() && strayAt < 0) {
                        strayAt = at;
                    }
                    stray.append(s, at, g.end());
                    break;
                }
                if (open > at && strayAt < 0) {
                    strayAt = at;
                }
                stray.append(s, at, open);
                plans.add(new Range(open + P_OPEN.length(), close));
                at = close + P_CLOSE.length();
            }
            if (plans.isEmpty()) {
                return terminal(FormatRule.NO_PLANS, b.start(), "block " + n + ": the guideline has no <plan>…</plan>");
            }
            if (plans.size() != b.steps().size()) {
                return terminal(FormatRule.STEP_COUNT_MISMATCH, b.start(), "block " + n + ": " + plans.size()
                        + " plans but " + b.steps().size() + " steps");
            }
            if (stray.length() > 0) {
                String what = "block " + n + ": text outside the plans inside the guideline: \"" + clip(stray) + "\"";
                add(FormatRule.GUIDELINE_STRAY_TEXT, strayAt, what);
                add(FormatRule.GUIDELINE_STRAY_TEXT_SECOND_CHECK, strayAt, what);
            }
            for (int k = 0; k < plans.size(); k++) {
                Range p = plans.get(k);
                String why = shortOrTagged(p, 3);
                if (why != null) {
                    add(FormatRule.BAD_PLAN, p.start() - P_OPEN.length(), "block " + n + ", plan " + (k + 1) + ": " + why);
                }
            }
            for (int k = 0; k < b.steps().size(); k++) {
                Range st = b.steps().get(k);
                String why = shortOrTagged(st, 6);
                if (why != null) {
                    add(FormatRule.BAD_STEP, st.start() - S_OPEN.length(), "block " + n + ", step " + (k + 1) + ": " + why);
                }
            }
            Range t = b.takeaway();
            int len = s.codePointCount(t.start(), t.end());
            if (len < 6) {
                add(FormatRule.SHORT_TAKEAWAY, t.start() - T_OPEN.length(), "block " + n + ": takeaway has "
                        + len + " non-whitespace characters, fewer than 6");
            }
            return null;
        }

        private String shortOrTagged(Range r, int min) {
            int tag = firstTag(r.start(), r.end());
            if (tag >= 0) {
                return "contains the tag " + tagAt(tag);
            }
            int len = s.codePointCount(r.start(), r.end());
            return len < min ? len + " non-whitespace characters, fewer than " + min : null;
        }

        /** The first block starting at or after {@code from}, matched as the grader's regex would. */
        private Block findBlock(int from) {
            for (int i = s.indexOf(G_OPEN, from); i >= 0; i = s.indexOf(G_OPEN, i + 1)) {
                int content = i + G_OPEN.length();
                for (int j = s.indexOf(G_CLOSE, content); j >= 0; j = s.indexOf(G_CLOSE, j + 1)) {
                    Block b = blockAfterGuideline(i, new Range(content, j));
                    if (b != null) {
                        return b;
                    }
                }
            }
            return null;
        }

        /** The rest of a block once the guideline content is fixed: back-to-back steps, then a takeaway. */
        private Block blockAfterGuideline(int start, Range guideline) {
            int q = guideline.end() + G_CLOSE.length();
            List<Range> steps = new ArrayList<>();
            while (s.startsWith(S_OPEN, q)) {
                int close = s.indexOf(S_CLOSE, q + S_OPEN.length());
                if (close < 0) {
                    break;
                }
                steps.add(new Range(q + S_OPEN.length(), close));
                q = close + S_CLOSE.length();
            }
            if (steps.isEmpty() || !s.startsWith(T_OPEN, q)) {
                return null;
            }
            int close = s.indexOf(T_CLOSE, q + T_OPEN.length());
            if (close < 0) {
                return null;
            }
            return new Block(start, close + T_CLOSE.length(), guideline, steps, new Range(q + T_OPEN.length(), close));
        }

        /** Index of the first tag in [from, to) of the stripped text, or -1. */
        private int firstTag(int from, int to) {
            int best = -1;
            for (String tag : NprTags.ALL) {
                int i = s.indexOf(tag, from);
                if (i >= 0 && i + tag.length() <= to && (best < 0 || i < best)) {
                    best = i;
                }
            }
            return best;
        }

        private String tagAt(int i) {
            for (String tag : NprTags.ALL) {
                if (s.startsWith(tag, i)) {
                    return tag;
                }
            }
            throw new IllegalStateException("no tag at " + i);
        }

        private void add(FormatRule rule, int strippedIndex, String detail) {
            found.add(new FormatViolation(rule, rule.penalty(), orig[strippedIndex], detail));
            score -= rule.penalty();
        }

        private FormatReport terminal(FormatRule rule, int strippedIndex, String detail) {
            found.add(new FormatViolation(rule, rule.penalty(), orig[strippedIndex], detail));
            return new FormatReport(-rule.penalty(), found);
        }

        private static String clip(CharSequence text) {
            return text.length() <= 40 ? text.toString() : text.subSequence(0, 37) + "...";
        }
    }
}
