package org.nprworkbench.trainer.dapo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.trainer.rollout.RolloutBatch;
import org.nprworkbench.trainer.rollout.RolloutFixtures;

/** Dynamic sampling: zero-spread groups dropped, rounds until the target, the cap, and the switch. */
class DynamicSamplingTest {
    /** A round of groups with the given scores (one group per array). */
    private static RolloutBatch round(double[]... groups) {
        List<Rollout> rs = new ArrayList<>();
        for (int g = 0; g < groups.length; g++) {
            for (int s = 0; s < groups[g].length; s++) {
                rs.add(RolloutFixtures.of(g, s, groups[g][s], true));
            }
        }
        return new RolloutBatch(rs, groups.length, 1.0, rs.size() * 5L);
    }

    private static final RolloutBatch[] ROUNDS = {
            // round 0: all correct (drop), spread (keep), all the same format penalty (drop)
            round(new double[] {1, 1, 1}, new double[] {-1, 1, -1}, new double[] {-1.5, -1.5}),
            // round 1: a single response (kept, as verl keeps it), spread (keep)
            round(new double[] {0.5}, new double[] {1, -1}),
            round(new double[] {-0.4, 1}),
    };

    @Test
    void dropsZeroSpreadGroupsAndGeneratesUntilTheTarget() {
        List<Integer> asked = new ArrayList<>();
        DynamicSampling.Outcome o = DynamicSampling.collect(k -> {
            asked.add(k);
            return ROUNDS[k];
        }, 3, 10, true);
        assertEquals(List.of(0, 1), asked, "round 1 reaches 3 accepted prompts, so round 2 is never generated");
        assertEquals(2, o.rounds());
        assertEquals(3, o.accepted().size());
        assertEquals(2, o.droppedGroups());
        assertEquals(11, o.generated().size(), "metrics see every generated rollout");
        assertEquals(List.of(-1.0, 1.0, -1.0, 0.5, 1.0, -1.0), o.acceptedRollouts().stream().map(Rollout::score).toList());
        assertEquals(2.0, o.genSeconds());
    }

    @Test
    void theRoundCapStopsGenerationAndKeepsWhatWasAccepted() {
        DynamicSampling.Outcome o = DynamicSampling.collect(k -> ROUNDS[k], 10, 2, true);
        assertEquals(2, o.rounds());
        assertEquals(3, o.accepted().size(), "trains on the accepted groups although the target was not met");
    }

    @Test
    void allAcceptedGroupsAreKeptBeyondTheTarget() {
        DynamicSampling.Outcome o = DynamicSampling.collect(k -> ROUNDS[k], 2, 10, true);
        assertEquals(2, o.rounds());
        assertEquals(3, o.accepted().size(), "round 1 brings two groups although one would have met the target");
    }

    @Test
    void switchedOffItTakesOneRoundAndEveryGroup() {
        DynamicSampling.Outcome o = DynamicSampling.collect(k -> ROUNDS[k], 32, 10, false);
        assertEquals(1, o.rounds());
        assertEquals(3, o.accepted().size());
        assertEquals(0, o.droppedGroups());
    }
}
