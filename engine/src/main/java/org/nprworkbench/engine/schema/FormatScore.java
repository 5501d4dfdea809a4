package org.nprworkbench.engine.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nprworkbench.tags.NprTags;

/**
 * The text format score of npr-method.md §1.4(a): the released grader's
 * {@code evals/utils/grader.py::compute_format_score}, ported check for check (the same regular
 * expressions with DOTALL, the same order of checks and early returns, the same penalties added in
 * the same order, so the doubles are bit-identical), plus the clamp to [-2, 0]. It filters
 * rejection-sampled data and is reported at evaluation. A differential test holds it to the released
 * Python function on thousands of generated traces.
 *
 * <p>The steps, as in the released function:
 * <ol>
 *   <li>Remove all whitespace, {@code re.sub(r"\s+", "", text.strip())}. Python 3's {@code \s} on a
 *       str is Unicode White_Space plus the information separators U+001C..U+001F, so
 *       {@link #WHITESPACE} is {@code [\s\x1C-\x1F]} with {@link Pattern#UNICODE_CHARACTER_CLASS}.
 *       Lengths count code points, like Python's {@code len}.</li>
 *   <li>Find the blocks left to right; none → -1.5.</li>
 *   <li>For each block in order: the text since the previous block holding a tag → -1.5 (return);
 *       0 plans → -1.0 (return); the guideline not exactly its plans → -0.4; text left in the
 *       guideline once each plan is cut out → -0.2; #steps ≠ #plans → -1.0 (return); text left in
 *       the step region once each step is cut out → -0.2; each plan under 3 characters or holding a
 *       tag → -0.4; each step under 6 characters or holding a tag → -0.4; a takeaway under 6
 *       characters → -0.4.</li>
 *   <li>A tag after the last block → -1.0 (return).</li>
 *   <li>Any empty {@code \boxed{}} → -1.0.</li>
 * </ol>
 *
 * <p>The block pattern is the released
 * {@code <guideline>(.*?)</guideline>((?:<step>.*?</step>)+)<takeaway>(.*?)</takeaway>} written with
 * the repetition removed: {@code ((?:<step>.*?</step>)+)} and {@code (<step>.*?</step>)} accept the
 * same strings (a run of steps is one {@code <step>…</step>} whose {@code .*?} runs across the inner
 * tags), and under leftmost-first backtracking both end the region at the first {@code </step>} that
 * a {@code <takeaway>…</takeaway>} follows, so every match and group is the same. The repeated form
 * costs exponential time in Python on many steps without a takeaway (about 2x per step) and
 * overflows {@code java.util.regex}'s stack near 2000 steps; the flat form does neither. The test
 * checks the two forms agree on every generated trace.
 */
public final class FormatScore {
    /** Python 3's {@code \s} for str patterns (29 code points; see the class comment). */
    static final Pattern WHITESPACE = Pattern.compile("[\\s\\x1C-\\x1F]+", Pattern.UNICODE_CHARACTER_CLASS);
    /** The released block pattern, as written there (kept for the equivalence test). */
    static final String RELEASED_BLOCK = "<guideline>(.*?)</guideline>((?:<step>.*?</step>)+)<takeaway>(.*?)</takeaway>";
    /** The released block pattern without the repetition: the same matches (see the class comment). */
    static final Pattern BLOCK = Pattern.compile(
            "<guideline>(.*?)</guideline>(<step>.*?</step>)<takeaway>(.*?)</takeaway>", Pattern.DOTALL);
    private static final Pattern PLAN = Pattern.compile("<plan>(.*?)</plan>", Pattern.DOTALL);
    private static final Pattern STEP = Pattern.compile("<step>(.*?)</step>", Pattern.DOTALL);
    private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{(.*?)\\}");
    private static final String PLANS_REJOINED = NprTags.PLAN_CLOSE + NprTags.PLAN_OPEN;
    private static final String STEPS_REJOINED = NprTags.STEP_CLOSE + NprTags.STEP_OPEN;

    private FormatScore() {
    }

    /** Scores {@code text} (a response, without the prompt). */
    public static FormatReport score(String text) {
        return new Scorer(Stripped.of(text)).run();
    }

    /** {@code text} without whitespace, and for each of its characters the offset in the original. */
    record Stripped(String text, int[] offsets) {
        static Stripped of(String original) {
            StringBuilder sb = new StringBuilder(original.length());
            int[] offsets = new int[original.length() + 1];
            Matcher m = WHITESPACE.matcher(original);
            int from = 0;
            while (true) {
                boolean found = m.find();
                int to = found ? m.start() : original.length();
                for (int i = from; i < to; i++) {
                    offsets[sb.length()] = i;
                    sb.append(original.charAt(i));
                }
                if (!found) {
                    break;
                }
                from = m.end();
            }
            offsets[sb.length()] = original.length();
            return new Stripped(sb.toString(), offsets);
        }
    }

    /** The scoring pass over one stripped text; mirrors the released function line by line. */
    private static final class Scorer {
        private final String text;
        private final int[] offsets;
        private final List<FormatViolation> found = new ArrayList<>();
        private double score = 0.0;

        Scorer(Stripped stripped) {
            this.text = stripped.text();
            this.offsets = stripped.offsets();
        }

        FormatReport run() {
            List<MatchResult> blockMatches = BLOCK.matcher(text).results().toList();
            if (blockMatches.isEmpty()) {
                return terminal(FormatRule.NO_BLOCK, 0, "no <guideline>…</guideline><step>…</step>"
                        + "<takeaway>…</takeaway> block");
            }
            int pos = 0;
            for (int n = 1; n <= blockMatches.size(); n++) {
                MatchResult bm = blockMatches.get(n - 1);
                if (bm.start() != pos) {
                    int tag = firstTag(pos, bm.start());
                    if (tag >= 0) {
                        return terminal(FormatRule.TAG_OUTSIDE_BLOCK, tag, "tag " + tagAt(tag)
                                + " before block " + n + ", outside any block");
                    }
                }
                pos = bm.end();
                FormatReport end = checkBlock(n, bm);
                if (end != null) {
                    return end;
                }
            }
            if (pos < text.length()) {
                int tag = firstTag(pos, text.length());
                if (tag >= 0) {
                    return terminal(FormatRule.TAG_AFTER_LAST_BLOCK, tag, "tag " + tagAt(tag) + " after the last block");
                }
            }
            Matcher boxed = BOXED.matcher(text);
            while (boxed.find()) {
                if (boxed.group(1).isEmpty()) {
                    add(FormatRule.EMPTY_BOXED, boxed.start(), "empty \\boxed{}");
                    break;
                }
            }
            return new FormatReport(Math.max(-2.0, Math.min(0.0, score)), found);
        }

        /** The checks of block {@code n} (1-based); returns the report when a terminal rule fires. */
        private FormatReport checkBlock(int n, MatchResult bm) {
            String guideline = bm.group(1);
            String steps = bm.group(2);
            String takeaway = bm.group(3);
            int guidelineAt = bm.start(1);
            int stepsAt = bm.start(2);

            List<MatchResult> plans = PLAN.matcher(guideline).results().toList();
            if (plans.isEmpty()) {
                return terminal(FormatRule.NO_PLANS, bm.start(), "block " + n + ": the guideline has no <plan>…</plan>");
            }
            String plansConcat = rejoin(plans, NprTags.PLAN_OPEN, NprTags.PLAN_CLOSE);
            int strayPlanText = guidelineAt + firstUncovered(plans);
            if (!plansConcat.equals(guideline)) {
                add(FormatRule.GUIDELINE_NOT_ONLY_PLANS, strayPlanText,
                        "block " + n + ": the guideline is not just its plans back to back");
            }
            String leftover = cutOut(PLAN, guideline, PLANS_REJOINED);
            if (!leftover.isEmpty()) {
                add(FormatRule.PLANS_NOT_ADJACENT, strayPlanText, "block " + n
                        + ": text around the plans in the guideline: \"" + clip(leftover) + "\"");
            }

            List<MatchResult> stepTexts = STEP.matcher(steps).results().toList();
            if (stepTexts.size() != plans.size()) {
                return terminal(FormatRule.STEP_COUNT_MISMATCH, bm.start(), "block " + n + ": " + plans.size()
                        + " plans but " + stepTexts.size() + " steps");
            }
            leftover = cutOut(STEP, steps, STEPS_REJOINED);
            if (!leftover.isEmpty()) {
                int strayStepText = stepsAt + firstUncovered(stepTexts);
                add(FormatRule.STEPS_NOT_ADJACENT, strayStepText, "block " + n
                        + ": text between the steps: \"" + clip(leftover) + "\"");
            }

            for (int k = 0; k < plans.size(); k++) {
                MatchResult p = plans.get(k);
                String why = shortOrTagged(p.group(1), guidelineAt + p.start(1), 3);
                if (why != null) {
                    add(FormatRule.BAD_PLAN, guidelineAt + p.start(), "block " + n + ", plan " + (k + 1) + ": " + why);
                }
            }
            for (int k = 0; k < stepTexts.size(); k++) {
                MatchResult st = stepTexts.get(k);
                String why = shortOrTagged(st.group(1), stepsAt + st.start(1), 6);
                if (why != null) {
                    add(FormatRule.BAD_STEP, stepsAt + st.start(), "block " + n + ", step " + (k + 1) + ": " + why);
                }
            }
            int length = takeaway.codePointCount(0, takeaway.length());
            if (length < 6) {
                add(FormatRule.SHORT_TAKEAWAY, bm.start(3), "block " + n + ": takeaway has "
                        + length + " non-whitespace characters, fewer than 6");
            }
            return null;
        }

        /** The bodies back to back, each in its tags ({@code "".join(f"<plan>{p}</plan>" for p in plans)}). */
        private static String rejoin(List<MatchResult> bodies, String open, String close) {
            StringBuilder sb = new StringBuilder();
            for (MatchResult b : bodies) {
                sb.append(open).append(b.group(1)).append(close);
            }
            return sb.toString();
        }

        /**
         * The released adjacency check: replace every match of {@code <tag>.*?</tag>} by
         * {@code </tag><tag>}, then delete every {@code </tag><tag>}; what is left is stray text.
         */
        private static String cutOut(Pattern element, String region, String rejoined) {
            return element.matcher(region).replaceAll(rejoined).replace(rejoined, "");
        }

        /** Why a plan or step body is bad ({@code len(body) < min or has_invalid_content(body)}), or null. */
        private String shortOrTagged(String body, int at, int min) {
            int length = body.codePointCount(0, body.length());
            if (length < min) {
                return length + " non-whitespace characters, fewer than " + min;
            }
            int tag = firstTag(at, at + body.length());
            return tag >= 0 ? "contains the tag " + tagAt(tag) : null;
        }

        /** Index of the first tag lying wholly in [from, to) of the stripped text, or -1. */
        private int firstTag(int from, int to) {
            int best = -1;
            for (String tag : NprTags.ALL) {
                int i = text.indexOf(tag, from);
                if (i >= 0 && i + tag.length() <= to && (best < 0 || i < best)) {
                    best = i;
                }
            }
            return best;
        }

        private String tagAt(int i) {
            for (String tag : NprTags.ALL) {
                if (text.startsWith(tag, i)) {
                    return tag;
                }
            }
            throw new IllegalStateException("no tag at " + i);
        }

        /** The first index not inside one of {@code matches} (sorted, non-overlapping) of a region. */
        private static int firstUncovered(List<MatchResult> matches) {
            int at = 0;
            for (MatchResult m : matches) {
                if (m.start() > at) {
                    return at;
                }
                at = m.end();
            }
            return at;
        }

        private void add(FormatRule rule, int strippedIndex, String detail) {
            found.add(new FormatViolation(rule, rule.penalty(), offsets[strippedIndex], detail));
            score -= rule.penalty();
        }

        private FormatReport terminal(FormatRule rule, int strippedIndex, String detail) {
            found.add(new FormatViolation(rule, rule.penalty(), offsets[strippedIndex], detail));
            return new FormatReport(-rule.penalty(), found);
        }

        private static String clip(String text) {
            return text.length() <= 40 ? text : text.substring(0, 37) + "...";
        }
    }
}
