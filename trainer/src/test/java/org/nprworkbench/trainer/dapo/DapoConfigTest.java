package org.nprworkbench.trainer.dapo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.trainer.papo.PapoAdvantage;
import org.nprworkbench.trainer.papo.PapoConfig;
import org.nprworkbench.trainer.papo.PapoLoss;
import org.nprworkbench.trainer.reward.RewardRule;

/** The paper's settings (§3.1, §3.2, §5.4) as the presets give them, and the engines each stage must use. */
class DapoConfigTest {
    @Test
    void dapoPaperSettings() {
        DapoConfig c = DapoConfig.paper(32, 16, 1, 30_000, 4, 1);
        assertEquals(0.2, c.clip().epsLow());
        assertEquals(0.28, c.clip().epsHigh());
        assertEquals(10.0, c.clip().dualClip());
        assertTrue(c.dynamicSampling());
        assertEquals(RewardRule.PAPER_FORMAT_ACCURACY, c.reward().rule());
        assertEquals(10, c.reward().overlong().buffer());
        assertEquals(1.0, c.reward().overlong().factor());
        assertFalse(c.engine().parallel());
        assertEquals(1.0, c.sampling().temperature());
        assertEquals(1.0, c.sampling().topP());
        assertEquals(0.999, c.optimizer().beta2(), "verl's AdamW default");
        assertEquals(0.1, c.optimizer().weightDecay());
        assertEquals(1.0, c.optimizer().clipNorm());
        assertThrows(IllegalArgumentException.class, () -> new DapoConfig(32, 16, 1, 4, c.clip(), true, 4, c.reward(),
                EngineConfig.parallel(100, ForcedLayout.COMPACT), c.sampling(), c.optimizer()), "DAPO rollouts are sequential");
        assertThrows(IllegalArgumentException.class, () -> new DapoLoss.Clip(0.2, 0.28, 1.0), "c must exceed 1");
    }

    @Test
    void papoPaperSettings() {
        PapoConfig c = PapoConfig.paper(16, 1, 30_000, ForcedLayout.RELEASED, 1);
        assertTrue(c.engine().parallel());
        assertEquals(PapoLoss.Aggregation.GLOBAL_TOKEN_MEAN, c.aggregation());
        assertEquals(PapoAdvantage.Std.UNBIASED, c.std());
        assertEquals(1.0, c.sampling().temperature());
        assertEquals(0.1, c.optimizer().weightDecay());
        assertThrows(IllegalArgumentException.class, () -> new PapoConfig(16, 1, 1, c.aggregation(), c.std(),
                EngineConfig.sequential(100), c.sampling(), c.optimizer()), "PAPO rollouts come from the parallel engine");
    }
}
