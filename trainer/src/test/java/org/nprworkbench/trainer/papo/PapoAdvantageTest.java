package org.nprworkbench.trainer.papo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.trainer.rollout.RolloutFixtures;

/** PAPO's filter and advantage on a hand-computed batch. */
class PapoAdvantageTest {
    private static final double E = PapoAdvantage.EPS;

    /**
     * Prompt A: three survivors {+1, -1, -1}. Prompt B: three responses, two dropped (one of them
     * correct: the filter does not look at rewards), one survivor +1: a group of size 1, mean 0.
     * Prompt C: every response dropped: the group is gone. Survivors {+1, -1, -1, +1}: mean 0,
     * unbiased σ = sqrt(4 / 3) = 1.1547.
     */
    private static final List<List<Rollout>> BATCH = List.of(
            List.of(RolloutFixtures.of(0, 0, 1, true), RolloutFixtures.of(0, 1, -1, true), RolloutFixtures.of(0, 2, -1, true)),
            List.of(RolloutFixtures.of(1, 0, 1, false), RolloutFixtures.of(1, 1, -1, false), RolloutFixtures.of(1, 2, 1, true)),
            List.of(RolloutFixtures.of(2, 0, 1, false), RolloutFixtures.of(2, 1, 1, false)));

    @Test
    void groupMeanOfSurvivorsOverTheBatchStdComputedOnce() {
        List<List<Rollout>> s = PapoTrainer.survivors(BATCH);
        assertEquals(2, s.size(), "prompt C's group was emptied by the filter");
        assertEquals(3, s.get(0).size());
        assertEquals(1, s.get(1).size());
        double sigma = Math.sqrt(4.0 / 3.0);
        assertEquals(sigma, PapoAdvantage.batchStd(new double[] {1, -1, -1, 1}, PapoAdvantage.Std.UNBIASED), 1e-12);
        double[] adv = PapoTrainer.advantages(s, PapoAdvantage.Std.UNBIASED);
        double mu = -1.0 / 3.0;
        assertArrayEquals(new double[] {(1 - mu) / (sigma + E), (-1 - mu) / (sigma + E), (-1 - mu) / (sigma + E),
                1 / (sigma + E)}, adv, 1e-12);
        // by hand: 1.1547, -0.5774, -0.5774, 0.8660
        assertArrayEquals(new double[] {1.1547, -0.5774, -0.5774, 0.8660}, adv, 1e-4);
    }

    @Test
    void populationStdIsTheAlternative() {
        double[] adv = PapoTrainer.advantages(PapoTrainer.survivors(BATCH), PapoAdvantage.Std.POPULATION);
        // σ = sqrt(4 / 4) = 1
        assertArrayEquals(new double[] {(4.0 / 3) / (1 + E), (-2.0 / 3) / (1 + E), (-2.0 / 3) / (1 + E), 1 / (1 + E)}, adv, 1e-12);
    }

    @Test
    void theBatchStdIsNotPerGroup() {
        // two groups with very different spreads share one σ; a zero-spread group gets 0
        double[] adv = PapoAdvantage.compute(new double[] {1, -1, -1, -1}, new int[] {0, 0, 1, 1}, PapoAdvantage.Std.UNBIASED);
        double sigma = Math.sqrt((2.25 + 0.25 * 3) / 3); // batch mean -0.5: deviations 1.5, -0.5, -0.5, -0.5
        assertArrayEquals(new double[] {1 / (sigma + E), -1 / (sigma + E), 0, 0}, adv, 1e-12);
        assertEquals(0.0, PapoAdvantage.batchStd(new double[] {1}, PapoAdvantage.Std.UNBIASED));
    }
}
