package org.nprworkbench.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.nprworkbench.engine.kv.LaneKvStore;
import org.nprworkbench.engine.model.CausalMask;
import org.nprworkbench.engine.model.Qwen3Config;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.AdamW;
import org.nprworkbench.engine.optim.TokenLoss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * {@code npr bench model}: the model's speed on this machine, measured in one run beside the
 * machine's own FP32 matrix-multiply rate, so efficiency reads as a ratio rather than an absolute.
 * Every figure is the median of several timed repetitions after a warm-up.
 */
public final class ModelBenchmark {
    /**
     * The measured figures.
     *
     * @param matmulGflops         FP32 GFLOP/s of a [1024 x 1024] x [1024 x 1024] matmul
     * @param forwardTokensPerSec  full forward, batch 8 x 256 tokens, no gradient
     * @param forwardGflops        model FLOP/s of that forward (2 x matmul parameters + attention)
     * @param decodeMsBatch1       one decode step with a KV cache at context 256, batch 1
     * @param decodeMsBatch8       the same at batch 8 (per step, i.e. for 8 tokens)
     * @param trainTokensPerSec    forward + backward + AdamW step, batch 4 x 256 tokens
     */
    public record Result(String model, long parameters, int threads, double matmulGflops,
                         double forwardTokensPerSec, double forwardGflops, double forwardEfficiency,
                         double decodeMsBatch1, double decodeMsBatch8, double decodeBatch8Speedup,
                         double trainTokensPerSec) {
    }

    private ModelBenchmark() {
    }

    public static Result run(Qwen3Model model, int repetitions) {
        NDManager nd = model.manager();
        Qwen3Config c = model.config();
        double matmul = median(repetitions, () -> {
            try (NDScope s = new NDScope()) {
                NDArray a = nd.randomNormal(new Shape(1024, 1024));
                NDArray b = nd.randomNormal(new Shape(1024, 1024));
                a.matMul(b).getFloat(0, 0); // warm
                long t0 = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    a.matMul(b).getFloat(0, 0);
                }
                double sec = (System.nanoTime() - t0) / 1e9;
                return 10 * 2.0 * 1024 * 1024 * 1024 / sec / 1e9;
            }
        });

        int batch = 8;
        int seq = 256;
        double fwdSec = medianTime(repetitions, () -> {
            try (NDScope s = new NDScope()) {
                NDArray tokens = nd.randomInteger(0, c.vocabSize(), new Shape(batch, seq), ai.djl.ndarray.types.DataType.INT64);
                model.forward(tokens, CausalMask.positions(nd, batch, seq, null), CausalMask.of(nd, batch, seq, null))
                        .getFloat(0, 0, 0);
            }
        });
        double fwdTps = batch * seq / fwdSec;
        long matmulParams = c.parameterCount() - (long) c.vocabSize() * c.hiddenSize() * (c.tieEmbeddings() ? 0 : 1);
        double attnFlops = 4.0 * c.numLayers() * c.numHeads() * c.headDim() * seq * (double) seq / 2 * batch;
        double fwdFlops = 2.0 * matmulParams * batch * seq + attnFlops;
        double fwdGflops = fwdFlops / fwdSec / 1e9;

        decodeMs(model, 8, 4); // warm-up: the JIT compiles DJL's per-op Java path over the first ~1000 ops calls
        double d1 = decodeMs(model, 1, repetitions);
        double d8 = decodeMs(model, 8, repetitions);

        int tb = 4;
        double trainSec;
        try (AdamW opt = new AdamW(model.parameters(), 0.9, 0.95, 1e-8, 0.0, 1.0)) {
            trainSec = medianTime(repetitions, () -> {
                try (NDScope s = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray tokens = nd.randomInteger(0, c.vocabSize(), new Shape(tb, seq), ai.djl.ndarray.types.DataType.INT64);
                    NDArray logits = model.forward(tokens, CausalMask.positions(nd, tb, seq, null), CausalMask.of(nd, tb, seq, null));
                    gc.backward(TokenLoss.meanNll(logits, tokens, nd.ones(new Shape(tb, seq))));
                }
                opt.step(1e-6);
            });
        }
        for (NDArray p : model.parameters()) {
            p.setRequiresGradient(false);
        }
        return new Result(c.numLayers() + " layers x " + c.hiddenSize(), c.parameterCount(),
                Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "0")),
                matmul, fwdTps, fwdGflops, fwdGflops / matmul, d1, d8, 8 * d1 / d8, tb * seq / trainSec);
    }

    /** Median milliseconds of one decode step at context 256 for {@code batch} independent sequences. */
    private static double decodeMs(Qwen3Model model, int batch, int repetitions) {
        NDManager nd = model.manager();
        int prompt = 255;
        int steps = 32;
        int vocab = model.config().vocabSize();
        return median(repetitions, () -> {
            try (NDScope s = new NDScope(); LaneKvStore store = new LaneKvStore(model, batch, prompt + steps)) {
                SplittableRandom rnd = new SplittableRandom(batch);
                List<List<LaneKvStore.Lane>> lanes = new ArrayList<>();
                int[] lengths = new int[batch];
                long[] last = new long[batch];
                for (int b = 0; b < batch; b++) {
                    lanes.add(List.of(store.acquire()));
                    lengths[b] = prompt;
                    last[b] = (long) (b + 1) * prompt - 1;
                }
                long[] ids = new long[batch * prompt];
                long[] pos = new long[batch * prompt];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = rnd.nextInt(vocab);
                    pos[i] = i % prompt;
                }
                model.decode(nd.create(ids), nd.create(pos), store.prefill(lanes, lengths), last).toFloatArray();
                long t0 = System.nanoTime();
                for (int i = 0; i < steps - 1; i++) {
                    try (NDScope step = new NDScope()) {
                        long[] next = new long[batch];
                        long[] at = new long[batch];
                        List<LaneKvStore.Rows> rows = new ArrayList<>();
                        for (int b = 0; b < batch; b++) {
                            next[b] = rnd.nextInt(vocab);
                            at[b] = prompt + i;
                            rows.add(new LaneKvStore.Rows(lanes.get(b).get(0), new int[] {LaneKvStore.SHARED}));
                        }
                        model.decode(nd.create(next), nd.create(at), store.decode(rows), null).toFloatArray();
                    }
                }
                return (System.nanoTime() - t0) / 1e6 / (steps - 1);
            }
        });
    }

    private static double medianTime(int repetitions, Runnable r) {
        r.run(); // warm-up
        return median(repetitions, () -> {
            long t0 = System.nanoTime();
            r.run();
            return (System.nanoTime() - t0) / 1e9;
        });
    }

    private static double median(int repetitions, DoubleSupplier f) {
        double[] v = new double[Math.max(1, repetitions)];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.getAsDouble();
        }
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }
}
