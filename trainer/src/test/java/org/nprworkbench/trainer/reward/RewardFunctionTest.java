package org.nprworkbench.trainer.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nprworkbench.problems.seed.SeedCorpus;
import org.nprworkbench.problems.seed.SolutionStyle;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.TaskRegistry;

/** The reward rules, the overlong shaping and a reward of real responses through the task verifier and format score. */
class RewardFunctionTest {
    @Test
    void paperRuleGivesTheFormatPenaltyWhenMalformedElseAccuracy() {
        RewardRule r = RewardRule.PAPER_FORMAT_ACCURACY;
        assertEquals(1.0, r.score(true, 0.0, false));
        assertEquals(-1.0, r.score(false, 0.0, false));
        assertEquals(-0.4, r.score(true, -0.4, false), "a malformed correct answer gets only its format penalty");
        assertEquals(-1.5, r.score(false, -1.5, false));
        assertEquals(-2.0, r.score(true, -2.0, false));
    }

    @Test
    void releasedRuleIsAccuracyOnlyWithMinusTwoForAnEmptyResponse() {
        RewardRule r = RewardRule.ACCURACY;
        assertEquals(1.0, r.score(true, -1.5, false), "the format term is off in the released code");
        assertEquals(-1.0, r.score(false, 0.0, false));
        assertEquals(-2.0, r.score(false, -1.5, true));
    }

    @Test
    void papoRuleIsPlusMinusOne() {
        RewardRule r = RewardRule.PAPO_ACCURACY;
        assertEquals(1.0, r.score(true, -1.0, false));
        assertEquals(-1.0, r.score(false, 0.0, false));
        assertEquals(-1.0, r.score(false, -1.5, true));
        assertEquals(RewardRule.PAPO_ACCURACY, RewardRule.of("papo"));
        assertThrows(IllegalArgumentException.class, () -> RewardRule.of("grpo"));
    }

    @Test
    void overlongShapingPenalisesOnlyTheLastBufferTokensLinearly() {
        OverlongShaping s = new OverlongShaping(100, 10, 1.0);
        assertEquals(0.0, s.penalty(50));
        assertEquals(0.0, s.penalty(90), "the buffer starts after 90 tokens");
        assertEquals(-0.5, s.penalty(95), 1e-12);
        assertEquals(-1.0, s.penalty(100), 1e-12);
        assertEquals(-0.25, new OverlongShaping(100, 10, 0.5).penalty(95), 1e-12);
        assertEquals(0.0, OverlongShaping.off().penalty(1_000_000));
        // the paper's buffer of 10 tokens at 30,000, scaled
        assertEquals(10, OverlongShaping.paperScaled(30_000).buffer());
        assertEquals(1, OverlongShaping.paperScaled(512).buffer());
        assertEquals(-1.0, OverlongShaping.paperScaled(30_000).penalty(30_000), 1e-12);
    }

    @Test
    void realResponsesAreVerifiedAndFormatScored() {
        Problem p = TaskRegistry.get("arithmetic").generate(Split.TRAIN, 1, 3, 1).get(0);
        String good = SeedCorpus.solution(p, SolutionStyle.NPR, new SplittableRandom(1));
        RewardFunction paper = new RewardFunction(RewardRule.PAPER_FORMAT_ACCURACY, new OverlongShaping(100, 10, 1.0));
        RewardFunction.Reward r = paper.evaluate(p, good, 95);
        assertTrue(r.correct(), good);
        assertEquals(0.0, r.formatScore(), good);
        assertEquals(1.0, r.score());
        assertEquals(0.5, r.reward(), 1e-12, "score plus the overlong penalty");

        String wrong = "The answer is \\boxed{" + p.answer() + "9}.";
        RewardFunction.Reward w = paper.evaluate(p, wrong, 10);
        assertFalse(w.correct());
        assertEquals(-1.5, w.formatScore(), "no block at all");
        assertEquals(-1.5, w.score());
        assertEquals(-1.0, new RewardFunction(RewardRule.ACCURACY, OverlongShaping.off()).evaluate(p, wrong, 10).score());
    }
}
