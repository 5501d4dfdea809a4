package org.nprworkbench.trainer.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.model.CausalMask;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.InferenceMode;
import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.tokenizer.TagIds;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/** Packed training batches give each row exactly its own forward: ParallelLayout's mask and positions, or causal. */
class SequenceBatchTest {
    static final String TRACE = "<guideline>\n<plan>1: 3*4</plan>\n<plan>2: 5*6</plan>\n</guideline>\n"
            + "<step>1: 3*4 = 12</step>\n<step>2: 5*6 = 30, longer</step>\n"
            + "<takeaway>12 and 30.</takeaway>\nSo \\boxed{42}";

    private static Checkpoint.Loaded ck;

    @BeforeAll
    static void start() {
        ck = Checkpoint.fresh("micro", Device.cpu(), 11);
    }

    @AfterAll
    static void stop() {
        ck.close();
    }

    static int[] sequence(String prompt, String response) {
        int[] p = ck.tokenizer().encode(ck.promptFormat().render(prompt));
        int[] r = ck.tokenizer().encode(response);
        int[] all = java.util.Arrays.copyOf(p, p.length + r.length + 1);
        System.arraycopy(r, 0, all, p.length, r.length);
        all[all.length - 1] = ck.tokenizer().tags().eos();
        return all;
    }

    static int promptLength(String prompt) {
        return ck.tokenizer().encode(ck.promptFormat().render(prompt)).length;
    }

    /** log p of every response token from one full forward of the whole sequence with the given mask and positions. */
    static float[] reference(int[] all, int promptLength, boolean parallel) throws MalformedStructureException {
        Qwen3Model model = ck.model();
        int n = all.length;
        long[] ids = new long[n];
        long[] pos = new long[n];
        ParallelLayout layout = parallel ? ParallelLayout.of(all, promptLength, ck.tokenizer().tags()) : null;
        for (int i = 0; i < n; i++) {
            ids[i] = all[i];
            pos[i] = parallel ? layout.position(i) : i;
        }
        try (InferenceMode off = InferenceMode.enter(); NDScope scope = new NDScope()) {
            NDManager nd = model.manager();
            NDArray mask = parallel ? nd.create(layout.denseMask(), new Shape(1, 1, n, n)).clip(Qwen3Model.HIDDEN, 0f)
                    : CausalMask.of(nd, 1, n, null);
            float[] lp = model.forward(nd.create(ids, new Shape(1, n)), nd.create(pos, new Shape(1, n)), mask)
                    .logSoftmax(2).toFloatArray();
            int v = model.config().vocabSize();
            float[] out = new float[n - promptLength];
            for (int i = promptLength; i < n; i++) {
                out[i - promptLength] = lp[(i - 1) * v + all[i]];
            }
            return out;
        }
    }

    static float[][] batchLogProbs(List<TrainingSequence> seqs) {
        try (InferenceMode off = InferenceMode.enter(); NDScope scope = new NDScope()) {
            SequenceBatch b = SequenceBatch.of(seqs);
            float[] flat = b.forward(ck.model(), false).logProbs().toFloatArray();
            float[][] out = new float[seqs.size()][];
            for (int r = 0; r < seqs.size(); r++) {
                out[r] = b.responseValues(flat, r);
            }
            return out;
        }
    }

    @Test
    void eachRowMatchesItsOwnFullForwardWhateverItIsPackedWith() throws Exception {
        TagIds tags = ck.tokenizer().tags();
        int[] npr = sequence("6*7?", TRACE);
        int pl = promptLength("6*7?");
        int[] plain = sequence("a much longer prompt, so this row is the widest of the batch", "plain text answer 42 and more");
        int pl2 = promptLength("a much longer prompt, so this row is the widest of the batch");
        TrainingSequence par = TrainingSequence.parallel(npr, pl, tags);
        TrainingSequence cau = TrainingSequence.causal(plain, pl2);
        TrainingSequence nprCausal = TrainingSequence.causal(npr, pl);

        float[][] packed = batchLogProbs(List.of(par, cau, nprCausal));
        assertArrayEquals(reference(npr, pl, true), packed[0], 2e-5f, "parallel row: ParallelLayout's mask and positions");
        assertArrayEquals(reference(plain, pl2, false), packed[1], 2e-5f, "causal row");
        assertArrayEquals(reference(npr, pl, false), packed[2], 2e-5f, "the same tokens causally");
        assertArrayEquals(batchLogProbs(List.of(par))[0], packed[0], 2e-5f, "padding and neighbours change nothing");

        // the parallel mask matters: step 2 cannot see step 1 under it
        float[] p = packed[0];
        float[] c = packed[2];
        double diff = 0;
        for (int i = 0; i < p.length; i++) {
            diff = Math.max(diff, Math.abs(p[i] - c[i]));
        }
        assertEquals(true, diff > 1e-3, "parallel and causal log-probs differ on the second step");
    }

    @Test
    void responseTargetsAndIndices() throws Exception {
        int[] npr = sequence("6*7?", TRACE);
        int pl = promptLength("6*7?");
        TrainingSequence s = TrainingSequence.parallel(npr, pl, ck.tokenizer().tags());
        SequenceBatch b = SequenceBatch.of(List.of(TrainingSequence.causal(new int[] {1, 5, 6}, 1), s));
        assertEquals(npr.length - 1, b.width());
        assertEquals(2 + s.responseLength(), b.responseTokens());
        float[] w = b.responseWeights();
        assertEquals(1f, w[0]);
        assertEquals(1f, w[1]);
        assertEquals(0f, w[2], "padding");
        assertEquals(b.width() + pl - 1, b.index(1, 0));
        float[] perRow = b.perRow(new double[] {2, -3});
        assertEquals(2f, perRow[1]);
        assertEquals(0f, perRow[b.width()], "a prompt target of row 1");
        assertEquals(-3f, perRow[b.index(1, s.responseLength() - 1)]);
        assertThrows(IllegalArgumentException.class, () -> TrainingSequence.causal(new int[] {1, 2}, 2), "no response");
        assertThrows(MalformedStructureException.class,
                () -> TrainingSequence.parallel(sequence("x", "<step>1: no block</step> \\boxed{1}"), promptLength("x"),
                        ck.tokenizer().tags()));
    }
}
