package org.nprworkbench.engine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

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
        assertEquals(List.of(FormatRule.GUIDELINE_STRAY_TEXT, FormatRule.GUIDELINE_STRAY_TEXT_SECOND_CHECK), rules(r));
        assertEquals(text.indexOf("by the way"), r.violations().get(0).offset(), "offset in the original text");
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
    void textBetweenStepsKeepsTheBlockFromMatching() {
        String text = VALID.replace("</step>\n<step>\n2:", "</step> meanwhile <step>\n2:");
        FormatReport r = FormatScore.score(text);
        assertEquals(-1.5, r.score());
        assertEquals(List.of(FormatRule.NO_BLOCK), rules(r));
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
        assertEquals(List.of(FormatRule.GUIDELINE_STRAY_TEXT, FormatRule.GUIDELINE_STRAY_TEXT_SECOND_CHECK), rules(r));
        assertEquals(text.indexOf("</guideline>"), r.violations().get(0).offset());
    }
}
