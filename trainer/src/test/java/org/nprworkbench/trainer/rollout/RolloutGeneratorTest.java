package org.nprworkbench.trainer.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.engine.schema.FormatScore;
import org.nprworkbench.problems.prompt.PromptTemplate;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.reward.OverlongShaping;
import org.nprworkbench.trainer.reward.RewardFunction;
import org.nprworkbench.trainer.reward.RewardRule;

/** One engine run gives every prompt x sample, each with its tokens, validity, T, C, branches and reward. */
class RolloutGeneratorTest {
    @Test
    void parallelRolloutsCarryWhatTheStepsNeed() {
        try (Checkpoint.Loaded ck = MemorisedModel.load()) {
            RolloutGenerator gen = RolloutGenerator.of(ck, PromptTemplate.bare());
            List<Problem> problems = MemorisedModel.problems();
            int budget = MemorisedModel.longestResponse() + 20;
            RolloutBatch b = gen.generate(problems, 3, EngineConfig.parallel(budget, ForcedLayout.COMPACT), new SamplingParams(1.0, 1.0, 0, 1.0, 4),
                    new RewardFunction(RewardRule.PAPER_FORMAT_ACCURACY, OverlongShaping.off()));
            assertEquals(6, b.rollouts().size());
            assertEquals(2, b.groups().size());
            int forked = 0;
            for (int i = 0; i < 6; i++) {
                Rollout r = b.rollouts().get(i);
                Problem p = problems.get(i / 3);
                assertEquals(i / 3, r.group());
                assertEquals(i % 3, r.sample());
                assertEquals(p, r.problem());
                assertArrayEquals(gen.promptTokens(p), r.prompt());
                assertEquals(r.prompt().length, r.responseStart());
                assertTrue(r.responseLength() <= budget);
                // the text is the response without eos; correctness and format come from the real verifier and score
                assertEquals(TaskRegistry.verifier(p.task()).verify(p, r.text()), r.correct());
                assertEquals(FormatScore.score(r.text()).score(), r.formatScore());
                assertEquals(r.formatScore() < 0 ? r.formatScore() : (r.correct() ? 1.0 : -1.0), r.score());
                assertEquals(r.score(), r.reward());
                if (r.complete()) {
                    assertEquals(ck.tokenizer().tags().eos(), r.response()[r.responseLength() - 1]);
                    assertEquals(r.responseLength(), r.totalTokens());
                }
                if (r.forked()) {
                    forked++;
                    assertTrue(r.criticalPath() < r.totalTokens(), "separators share positions: C < T");
                    assertFalse(r.branchesPerBlock().isEmpty());
                }
                if (r.structurallyValid() && r.complete()) {
                    assertEquals(r.branchesPerBlock(), r.layoutBranches(), "the engine forked exactly the layout's blocks");
                }
            }
            assertTrue(forked > 0, "the memorised model writes blocks the engine forks");
        }
    }

    @Test
    void sequentialRolloutsAreTruncatedAtTheBudget() {
        try (Checkpoint.Loaded ck = MemorisedModel.load()) {
            RolloutGenerator gen = RolloutGenerator.of(ck, PromptTemplate.bare());
            RolloutBatch b = gen.generate(MemorisedModel.problems(), 2, EngineConfig.sequential(30),
                    new SamplingParams(1.0, 1.0, 0, 1.0, 4), new RewardFunction(RewardRule.ACCURACY, new OverlongShaping(30, 10, 1.0)));
            for (Rollout r : b.rollouts()) {
                assertTrue(r.truncated(), "30 tokens cannot hold a memorised answer");
                assertFalse(r.complete());
                assertFalse(r.structurallyValid(), "over the length cap");
                assertEquals(30, r.responseLength(), "cut to the budget");
                assertEquals(r.criticalPath(), r.totalTokens(), "sequential: C = T");
                assertFalse(r.forked());
                assertEquals(-1.0, r.score());
                assertEquals(-2.0, r.reward(), 1e-12, "score plus the full overlong penalty");
            }
        }
    }
}
