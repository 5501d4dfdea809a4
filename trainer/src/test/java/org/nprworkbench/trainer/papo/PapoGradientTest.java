package org.nprworkbench.trainer.papo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.InferenceMode;
import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.trainer.batch.TrainingSequence;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The PAPO gradient is (1 / Σ|y|) Σ_i Â_i Σ_t ∇log π(y_it) (§8.3 item 7): the trainer's
 * surrogate (the ratio π/sg[π]) against an explicit sum built one sequence
 * and one token at a time from full forwards under ParallelLayout's mask and positions, and against
 * finite differences of that explicit objective.
 */
class PapoGradientTest {
    private static final String[] PROMPTS = {"6*7?", "Add 2 and 3, then 4.", "Which is prime: 21, 23?"};
    private static final String[] RESPONSES = {
            "<guideline>\n<plan>1: 3*4</plan>\n<plan>2: 5*6</plan>\n</guideline>\n<step>1: 3*4 = 12</step>\n"
                    + "<step>2: 5*6 = 30 and more</step>\n<takeaway>12 and 30.</takeaway>\nSo \\boxed{42}",
            "plain 2 + 3 = 5, 5 + 4 = 9. \\boxed{9}",
            "<guideline>\n<plan>1: 21</plan>\n<plan>2: 23</plan>\n<plan>3: check</plan>\n</guideline>\n<step>1: 21 = 3*7</step>\n"
                    + "<step>2: 23 prime</step>\n<step>3: yes</step>\n<takeaway>23.</takeaway>\n\\boxed{23}"};
    private static final double[] ADV = {1.2, -0.7, 0.3};

    private static Checkpoint.Loaded ck;
    private static List<TrainingSequence> seqs;

    /** A fresh model for each test: the finite-difference test moves the weights and moves them back. */
    @BeforeEach
    void start() throws Exception {
        ck = Checkpoint.fresh("micro", Device.cpu(), 5);
        seqs = new ArrayList<>();
        for (int i = 0; i < PROMPTS.length; i++) {
            int[] p = ck.tokenizer().encode(ck.promptFormat().render(PROMPTS[i]));
            int[] r = ck.tokenizer().encode(RESPONSES[i]);
            int[] all = java.util.Arrays.copyOf(p, p.length + r.length + 1);
            System.arraycopy(r, 0, all, p.length, r.length);
            all[all.length - 1] = ck.tokenizer().tags().eos();
            seqs.add(TrainingSequence.parallel(all, p.length, ck.tokenizer().tags()));
        }
        for (NDArray p : ck.model().parameters()) {
            p.setRequiresGradient(true);
        }
    }

    @AfterEach
    void stop() {
        ck.close();
    }

    /** Copies of every parameter's gradient, then zeroes them. */
    private static float[][] takeGradients() {
        List<NDArray> ps = ck.model().parameters();
        float[][] g = new float[ps.size()][];
        try (InferenceMode off = InferenceMode.enter()) {
            for (int i = 0; i < g.length; i++) {
                NDArray grad = ps.get(i).getGradient();
                g[i] = grad.toFloatArray();
                grad.muli(0);
            }
        }
        return g;
    }

    /**
     * Σ_i c_i Σ_t log π(y_it), one full forward per sequence with ParallelLayout's dense mask and
     * positions, each response token's log-probability picked by hand; differentiable.
     */
    private static NDArray explicitObjective(double[] coef) throws Exception {
        Qwen3Model model = ck.model();
        NDManager nd = model.manager();
        int v = model.config().vocabSize();
        NDArray total = nd.zeros(new Shape(1));
        for (int i = 0; i < seqs.size(); i++) {
            int[] all = seqs.get(i).tokens();
            int pl = seqs.get(i).promptLength();
            ParallelLayout layout = ParallelLayout.of(all, pl, ck.tokenizer().tags());
            int n = all.length;
            long[] ids = new long[n];
            long[] pos = new long[n];
            for (int k = 0; k < n; k++) {
                ids[k] = all[k];
                pos[k] = layout.position(k);
            }
            NDArray mask = nd.create(layout.denseMask(), new Shape(1, 1, n, n)).clip(Qwen3Model.HIDDEN, 0f);
            NDArray ls = model.forward(nd.create(ids, new Shape(1, n)), nd.create(pos, new Shape(1, n)), mask)
                    .logSoftmax(2).reshape(n, v);
            float[] pick = new float[n * v];
            for (int t = pl; t < n; t++) {
                pick[(t - 1) * v + all[t]] = (float) coef[i]; // token t is scored by row t - 1
            }
            total = total.add(ls.mul(nd.create(pick, new Shape(n, v))).sum());
        }
        return total;
    }

    private static double[] coefficients(PapoLoss.Aggregation a) {
        long tokens = seqs.stream().mapToLong(TrainingSequence::responseLength).sum();
        double[] c = new double[seqs.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = PapoLoss.coefficient(a, ADV[i], seqs.get(i).responseLength(), tokens, seqs.size());
        }
        return c;
    }

    /** The largest absolute difference, relative to the largest |expected|, and where it is. */
    private static String difference(float[][] expected, float[][] actual) {
        double maxAbs = 0;
        double maxDiff = 0;
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int k = 0; k < expected[i].length; k++) {
                maxAbs = Math.max(maxAbs, Math.abs(expected[i][k]));
                double d = Math.abs(expected[i][k] - actual[i][k]);
                if (d > maxDiff) {
                    maxDiff = d;
                    worst = i;
                }
            }
        }
        return String.format(java.util.Locale.ROOT, "max difference %.3g against max |g| %.3g (worst in %s)", maxDiff,
                maxAbs, ck.model().parameters().get(worst).getName());
    }

    private static boolean same(float[][] expected, float[][] actual) {
        double maxAbs = 0;
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int k = 0; k < expected[i].length; k++) {
                maxAbs = Math.max(maxAbs, Math.abs(expected[i][k]));
                maxDiff = Math.max(maxDiff, Math.abs(expected[i][k] - actual[i][k]));
            }
        }
        assertTrue(maxAbs > 1e-4, "a non-trivial gradient: " + maxAbs);
        return maxDiff <= 1e-4 * maxAbs;
    }

    /**
     * One sequence per forward, and padded micro-batches of two and three: the trainer's gradient is
     * the explicit sum to float precision, for both aggregations. (The padded batches once disagreed
     * now and then by up to 17%: DJL's {@code mul(Number)} scalar, freed before backward read it; see
     * {@link org.nprworkbench.engine.autograd.Scalar}.)
     */
    @Test
    void trainerGradientEqualsTheExplicitSumForBothAggregations() throws Exception {
        for (PapoLoss.Aggregation a : PapoLoss.Aggregation.values()) {
            double[] coef = coefficients(a);
            double expectedValue = 0;
            for (int i = 0; i < coef.length; i++) {
                expectedValue -= coef[i] * seqs.get(i).responseLength();
            }
            try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(explicitObjective(coef).neg());
            }
            float[][] explicit = takeGradients();
            for (int microBatch = 1; microBatch <= seqs.size(); microBatch++) {
                PapoTrainer.Backward b = PapoTrainer.backward(ck.model(), seqs, ADV, a, microBatch);
                float[][] trainer = takeGradients();
                assertEquals(expectedValue, b.loss(), 1e-5, "the surrogate's value is -Σ coef (the ratio is 1)");
                assertTrue(same(explicit, trainer), a + ", micro-batch " + microBatch + ": " + difference(explicit, trainer));
            }
        }
    }

    @Test
    void gradientAgreesWithFiniteDifferences() throws Exception {
        double[] coef = coefficients(PapoLoss.Aggregation.GLOBAL_TOKEN_MEAN);
        PapoTrainer.backward(ck.model(), seqs, ADV, PapoLoss.Aggregation.GLOBAL_TOKEN_MEAN, 3);
        float[][] g = takeGradients(); // gradient of the loss -J
        double norm = 0;
        for (float[] a : g) {
            for (float x : a) {
                norm += (double) x * x;
            }
        }
        norm = Math.sqrt(norm);
        // J(θ + e u) - J(θ - e u) ≈ 2 e <∇J, u> with u = -g / |g| (the ascent direction of J): = 2 e |g|
        double e = 1e-2;
        List<NDArray> ps = ck.model().parameters();
        double[] j = new double[2];
        for (int side = 0; side < 2; side++) {
            double step = (side == 0 ? e : -e) / norm;
            try (InferenceMode off = InferenceMode.enter(); NDScope scope = new NDScope()) {
                for (int i = 0; i < ps.size(); i++) {
                    ps.get(i).subi(ps.get(i).getManager().create(g[i], ps.get(i).getShape()).mul(step));
                }
                j[side] = explicitObjective(coef).getFloat();
                for (int i = 0; i < ps.size(); i++) {
                    ps.get(i).addi(ps.get(i).getManager().create(g[i], ps.get(i).getShape()).mul(step));
                }
            }
        }
        double fd = (j[0] - j[1]) / (2 * e);
        assertEquals(norm, fd, 0.03 * norm, "directional derivative along the gradient: finite differences " + fd
                + " against |g| " + norm);
    }
}
