package org.nprworkbench.engine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

/** The format score on hand-made cases; {@link FormatScoreParityTest} holds it to the released function. */
class FormatScoreTest {
    /** The valid example of npr-method.md §1.3. */
    static final String VALID = """
            <guideline>
            <plan>1: Trial-divide 391 by primes up to 19.</plan>
            <plan>2: Try writing 391 as a difference of two squares.</plan>
            <plan>3: Compute 391 mod 7 directly.</plan>
            </guideline>
            <step>
            1: 391/17 = 23 exactly, so 391 = 17*23 and it is composite.
            </step>
            <step>
            2: 400 - 9 = 391 = (20-3)(20+3) = 17*23, so it is composite.
            </step>
            <step>
            3: 7*55 = 385, and 391 - 385 = 6, so the remainder is 6.
            </step>
            <takeaway>
            Steps 1 and 2 agree that 391 = 17*23 is composite. Step 3 gives remainder 6. No further block is needed.
            </takeaway>
            391 is not prime (17*23), and 391 mod 7 = 6. \\boxed{6}
            """;

    private static List<FormatRule> rules(FormatReport r) {
        return r.violations().stream().map(FormatViolation::rule).toList();
    }

    private static String block(String plans, String steps, String takeaway) {
        return "<guideline>" + plans + "</guideline>" + steps + "<takeaway>" + takeaway + "</takeaway>";
    }

    @Test
    void theSpecExampleScoresZero() {
        FormatReport r = FormatScore.score(VALID);
        assertEquals(0.0, r.score());
        assertTrue(r.wellFormed());
        assertEquals(List.of(), r.violations());
    }

    @Test
    void theMinimalSingleBranchTrajectoryScoresZero() {
        assertEquals(0.0, FormatScore.score(block("<plan>1: abc</plan>", "<step>1: abcd</step>", "summing up")
                + " so \\boxed{x}").score());
    }

    @Test
    void aMissingTakeawayFindsNoBlock() {
        FormatReport r = FormatScore.score(VALID.replaceAll("(?s)<takeaway>.*</takeaway>", ""));
        assertEquals(-1.5, r.score());
        assertEquals(List.of(FormatRule.NO_BLOCK), rules(r));
    }

    @Test
    void threePlansButTwoStepsIsACountMismatch() {
        FormatReport r = FormatScore.score(VALID.replaceAll("(?s)<step>\\s*3:.*?</step>", ""));
        assertEquals(-1.0, r.score());
        assertEquals(List.of(FormatRule.STEP_COUNT_MISMATCH), rules(r));
    }

    @Test
    void textBetweenPlansCostsBothGuidelineChecks() {
        String text = VALID.replace("</plan>\n<plan>2:", "</plan> by the way <plan>2:");
        FormatReport r = FormatScore.score(text);
        assertEquals(-0.6, r.score(), 1e-12);
        assertEquals(List.of(FormatRule.GUIDELINE_NOT_ONLY_PLANS, FormatRule.PLANS_NOT_ADJACENT), rules(r));
        assertEquals(text.indexOf("by the way"), r.violations().get(0).offset(), "offset in the original text");
    }

    @Test
    void theTwoGuidelineChecksAreSeparateChecks() {
        // a stray </plan><plan> after the last plan: the guideline is not just its plans (-0.4), but
        // cutting the plans out leaves only "</plan><plan>" pairs, which the adjacency check deletes
        String text = block("<plan>1: ok</plan></plan><plan>", "<step>1: fine step</step>", "long enough");
        FormatReport r = FormatScore.score(text);
        assertEquals(List.of(FormatRule.GUIDELINE_NOT_ONLY_PLANS), rules(r));
        assertEquals(-0.4, r.score(), 1e-12);
    }

    @Test
    void aStepBeforeAnyGuidelineIsATagOutsideABlock() {
        String text = "<step>1: warm up first</step>\n" + VALID;
        FormatReport r = FormatScore.score(text);
        assertEquals(-1.5, r.score());
        assertEquals(List.of(FormatRule.TAG_OUTSIDE_BLOCK), rules(r));
        assertEquals(0, r.violations().get(0).offset());
    }

    @Test
    void aStepHoldingAGuidelineIsABadStep() {
        String text = VALID.replace("so the remainder is 6.", "<guideline> so the remainder is 6.");
        FormatReport r = FormatScore.score(text);
        assertEquals(-0.4, r.score(), 1e-12);
        assertEquals(List.of(FormatRule.BAD_STEP), rules(r));
        assertEquals(text.indexOf("<step>\n3:"), r.violations().get(0).offset());
    }

    @Test
    void sixPlansPassTheGraderWhichHasNoBranchLimit() {
        StringBuilder plans = new StringBuilder();
        StringBuilder steps = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            plans.append("<plan>").append(i).append(": try it</plan>\n");
            steps.append("<step>").append(i).append(": worked</step>\n");
        }
        assertEquals(0.0, FormatScore.score(block(plans.toString(), steps.toString(), "all agree") + "\\boxed{1}").score());
    }

    @Test
    void textBetweenStepsCostsTheStepAdjacencyCheck() {
        // the released step pattern ((?:<step>.*?</step>)+) backtracks across "</step>XX<step>"
        String text = VALID.replace("</step>\n<step>\n2:", "</step>XX<step>\n2:");
        FormatReport r = FormatScore.score(text);
        assertEquals(-0.2, r.score(), 1e-12);
        assertEquals(List.of(FormatRule.STEPS_NOT_ADJACENT), rules(r));
        assertEquals(text.indexOf("XX"), r.violations().get(0).offset());
    }

    @Test
    void aFirstBlockWithoutPlansEndsScoringBeforeALaterTaggedGap() {
        String first = block("no plans here", "<step>1: fine step</step>", "long enough");
        String second = block("<plan>1: ok</plan>", "<step>1: fine step</step>", "long enough");
        FormatReport r = FormatScore.score(first + " <plan> " + second + " \\boxed{2}");
        assertEquals(-1.0, r.score());
        assertEquals(List.of(FormatRule.NO_PLANS), rules(r));
        assertEquals(0, r.violations().get(0).offset());
        FormatReport gapFirst = FormatScore.score(second + " <plan> " + first);
        assertEquals(-1.5, gapFirst.score(), "a tagged gap before a block without plans is found first");
        assertEquals(List.of(FormatRule.TAG_OUTSIDE_BLOCK), rules(gapFirst));
    }

    @Test
    void lengthsCountCodePointsNotUtf16Units() {
        // "1:𝑥𝑥" is 4 code points (6 UTF-16 units): too short for a step, as Python's len() says
        FormatReport r = FormatScore.score(block("<plan>1: ok</plan>", "<step>1: \uD835\uDC65\uD835\uDC65</step>", "long enough"));
        assertEquals(List.of(FormatRule.BAD_STEP), rules(r));
        assertEquals(0.0, FormatScore.score(block("<plan>1:\uD835\uDC65</plan>", "<step>1: a \uD835\uDC65\uD835\uDC65 b</step>",
                "\uD835\uDC65\uD835\uDC65\uD835\uDC65\uD835\uDC65\uD835\uDC65\uD835\uDC65")).score());
    }

    @Test
    void whitespaceIsPythonsUnicodeWhitespace() {
        // [c for c in range(0x110000) if re.fullmatch(r"\s", chr(c))] in Python 3.11
        Set<Integer> python = Set.of(0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
                0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
                0x2029, 0x202f, 0x205f, 0x3000);
        StringBuilder every = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) { // lone surrogates would pair up
                every.appendCodePoint(cp);
            }
        }
        Set<Integer> stripped = new HashSet<>();
        Matcher m = FormatScore.WHITESPACE.matcher(every);
        while (m.find()) {
            m.group().codePoints().forEach(stripped::add);
        }
        assertEquals(new TreeSet<>(python), new TreeSet<>(stripped));
        String spaced = "<guide\u2003line><plan>1:\u00a0ok</plan></guideline>\u001c<step>1: fine\u0085step</step>"
                + "<takeaway>long\u3000enough</takeaway>";
        assertEquals(0.0, FormatScore.score(spaced).score());
        FormatReport zeroWidth = FormatScore.score(spaced.replace("<guide\u2003line>", "<guide\u200bline>"));
        assertEquals(List.of(FormatRule.NO_BLOCK), rules(zeroWidth), "U+200B is not whitespace");
    }

    @Test
    void manyStepsWithoutATakeawayAreScoredQuickly() {
        // the released pattern's repetition backtracks exponentially here; the flat form does not
        String text = block("<plan>1: ok</plan>", "", "x").replace("<takeaway>x</takeaway>", "")
                + "<step>1: fine step</step>".repeat(5000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertEquals(-1.5, FormatScore.score(text).score()));
    }

    @Test
    void penaltiesAddUp() {
        // a 2-character plan (-0.4), a 5-character step (-0.4), a 5-character takeaway (-0.4), an empty box (-1.0)
        FormatReport r = FormatScore.score(block("<plan>1:</plan>", "<step>1: ab c</step>", "d o n e s") + "\\boxed{ }");
        assertEquals(List.of(FormatRule.BAD_PLAN, FormatRule.BAD_STEP, FormatRule.SHORT_TAKEAWAY, FormatRule.EMPTY_BOXED), rules(r));
        assertEquals(-2.0, r.score(), 1e-12, "-2.2 clamped to -2");
        FormatReport two = FormatScore.score(block("<plan>1: ok</plan>", "<step>1: fine step</step>", "short") + "\\boxed{}");
        assertEquals(-1.4, two.score(), 1e-12);
    }

    @Test
    void whitespaceDoesNotCountTowardLengths() {
        assertEquals(0.0, FormatScore.score(block("<plan>1: a</plan>", "<step>1:  a  b  c  d</step>", "a b c d e f")).score());
        FormatReport r = FormatScore.score(block("<plan>1: a</plan>", "<step>1:\n a b c\n</step>", "a b c d e f"));
        assertEquals(List.of(FormatRule.BAD_STEP), rules(r));
    }

    @Test
    void aTerminalRuleOverridesEarlierPenalties() {
        String first = block("<plan>1: ok</plan>", "<step>1: fine step</step>", "short");
        String second = block("no plans here", "<step>1: fine step</step>", "long enough");
        FormatReport r = FormatScore.score(first + "\n" + second + " \\boxed{2}");
        assertEquals(-1.0, r.score());
        assertEquals(List.of(FormatRule.SHORT_TAKEAWAY, FormatRule.NO_PLANS), rules(r));
        assertEquals(first.length() + 1, r.violations().get(1).offset());
    }

    @Test
    void aTagAfterTheLastBlockIsTerminal() {
        FormatReport r = FormatScore.score(VALID + "\n<plan>");
        assertEquals(-1.0, r.score());
        assertEquals(List.of(FormatRule.TAG_AFTER_LAST_BLOCK), rules(r));
    }

    @Test
    void freeTextBetweenBlocksIsAllowed() {
        String b = block("<plan>1: ok</plan>", "<step>1: fine step</step>", "long enough");
        assertEquals(0.0, FormatScore.score("Let me think. " + b + " Now a second round. " + b + " \\boxed{3}").score());
    }

    @Test
    void theGuidelineBacktracksToALaterCloseWhenTheFirstFails() {
        // the first </guideline> is not followed by a step, so the guideline content runs to the second one
        String text = "<guideline><plan>1: ok</plan></guideline> oops <plan>2: more</plan></guideline>"
                + "<step>1: fine step</step><step>2: fine step</step><takeaway>long enough</takeaway>";
        FormatReport r = FormatScore.score(text);
        assertEquals(List.of(FormatRule.GUIDELINE_NOT_ONLY_PLANS, FormatRule.PLANS_NOT_ADJACENT), rules(r));
        assertEquals(text.indexOf("</guideline>"), r.violations().get(0).offset());
    }
}
