package org.nprworkbench.trainer.dapo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/** DAPO's clipped surrogate and dual clip on hand-computed tokens, scalar and on arrays, values and gradients. */
class DapoLossTest {
    private static final DapoLoss.Clip PAPER = DapoLoss.Clip.paper(); // 0.2, 0.28, c = 10
    // ratio, advantage, expected per-token loss (hand-computed)
    private static final double[][] CASES = {
            {1.5, 1.0, -1.28},   // A > 0, r above 1 + 0.28: clipped at 1.28
            {0.5, 1.0, -0.5},    // A > 0, r below 1 - 0.2: the unclipped -A r is larger, so it stays (pessimistic bound)
            {1.1, 2.0, -2.2},    // inside the clip range: -A r
            {0.5, -1.0, 0.8},    // A < 0, r below 0.8: clipped at 0.8
            {1.5, -1.0, 1.5},    // A < 0, r above 1.28: -A r = 1.5 (max), under the dual clip 10
            {20.0, -1.0, 10.0},  // A < 0, r = 20: the dual clip caps -A r = 20 at -A c = 10
            {30.0, -0.5, 5.0},   // dual clip at -A c = 5
            {1.0, 0.0, 0.0},     // no advantage, no loss
    };

    private static NDManager nd;

    @BeforeAll
    static void start() {
        DjlBootstrap.init();
        nd = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        nd.close();
    }

    @Test
    void perTokenLossesMatchHandComputedValues() {
        for (double[] c : CASES) {
            assertEquals(c[2], DapoLoss.tokenLoss(c[0], c[1], PAPER), 1e-12, "r=" + c[0] + " A=" + c[1]);
        }
        assertTrue(DapoLoss.ratioClipped(1.5, 1.0, PAPER));
        assertFalse(DapoLoss.ratioClipped(1.1, 2.0, PAPER));
        assertTrue(DapoLoss.ratioClipped(0.5, -1.0, PAPER));
        assertTrue(DapoLoss.dualClipped(20, -1.0, PAPER));
        assertFalse(DapoLoss.dualClipped(1.5, -1.0, PAPER));
        assertFalse(DapoLoss.dualClipped(20, 1.0, PAPER), "the dual clip applies to negative advantages only");
        // verl clamps the log-ratio at 20
        assertEquals(Math.exp(20), DapoLoss.ratio(0, -50), 1e-6 * Math.exp(20));
    }

    @Test
    void arrayLossesAndGradientsMatchTheFormula() {
        int n = CASES.length;
        float[] logRatio = new float[n];
        float[] adv = new float[n];
        for (int i = 0; i < n; i++) {
            logRatio[i] = (float) Math.log(CASES[i][0]);
            adv[i] = (float) CASES[i][1];
        }
        NDArray lp = nd.create(logRatio, new Shape(1, n));
        lp.setRequiresGradient(true);
        NDArray old = nd.zeros(new Shape(1, n));
        float[] losses;
        float[] grad;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = DapoLoss.tokenLosses(lp, old, nd.create(adv, new Shape(1, n)), PAPER);
            losses = l.toFloatArray();
            gc.backward(l.sum());
        }
        grad = lp.getGradient().toFloatArray();
        for (int i = 0; i < n; i++) {
            double r = CASES[i][0];
            double a = CASES[i][1];
            assertEquals(CASES[i][2], losses[i], 1e-5, "loss of token " + i);
            // d loss / d log π = -A r where the unclipped term is the active one, 0 where a clip binds
            boolean active = !DapoLoss.ratioClipped(r, a, PAPER) && !DapoLoss.dualClipped(r, a, PAPER);
            assertEquals(active ? -a * r : 0.0, grad[i], 1e-5, "gradient of token " + i + " (r=" + r + ", A=" + a + ")");
        }
    }

    @Test
    void tokenMeanOverAMiniBatchWeighsEveryResponseTokenEqually() {
        // two sequences of 3 and 1 response tokens (one padding slot): mean over the 4 tokens, not over sequences
        NDArray lp = nd.create(new float[] {(float) Math.log(1.5), 0, 0, (float) Math.log(20), 0, 0}, new Shape(2, 3));
        NDArray adv = nd.create(new float[] {1, 1, 1, -1, -1, -1}, new Shape(2, 3));
        NDArray w = nd.create(new float[] {1, 1, 1, 1, 0, 0}, new Shape(2, 3));
        float mean = DapoLoss.tokenLosses(lp, nd.zeros(new Shape(2, 3)), adv, PAPER).mul(w).sum().div(4f).getFloat();
        assertEquals((-1.28 - 1 - 1 + 10) / 4, mean, 1e-5);
    }
}
