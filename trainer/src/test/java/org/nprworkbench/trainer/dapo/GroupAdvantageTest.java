package org.nprworkbench.trainer.dapo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** GRPO/DAPO group advantages on hand-computed groups. */
class GroupAdvantageTest {
    @Test
    void groupMeanAndUnbiasedGroupStd() {
        // group 0: {1, -1, -1, -1}: mean -0.5, deviations 1.5, -0.5 x3, unbiased var (2.25 + 0.75) / 3 = 1
        // group 1: {-1.5, 1}: mean -0.25, unbiased std sqrt((1.5625 * 2) / 1) = 1.767767
        // group 2: {0.3} alone: mean 0, std 1 (verl)
        double[] adv = GroupAdvantage.compute(new double[] {1, -1, -1, -1, -1.5, 1, 0.3}, new int[] {0, 0, 0, 0, 1, 1, 2});
        double e = GroupAdvantage.EPS;
        double s1 = Math.sqrt(2 * 1.5625);
        assertArrayEquals(new double[] {1.5 / (1 + e), -0.5 / (1 + e), -0.5 / (1 + e), -0.5 / (1 + e),
                -1.25 / (s1 + e), 1.25 / (s1 + e), 0.3 / (1 + e)}, adv, 1e-12);
    }

    @Test
    void zeroSpreadGroupsGetZeroAdvantage() {
        assertArrayEquals(new double[] {0, 0, 0}, GroupAdvantage.compute(new double[] {-1, -1, -1}, new int[] {4, 4, 4}), 0);
    }
}
