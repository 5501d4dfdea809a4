package org.nprworkbench.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.nprworkbench.engine.decode.DecodeRequest;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.decode.EngineRun;
import org.nprworkbench.engine.decode.NprEngine;
import org.nprworkbench.engine.decode.ReplaySource;
import org.nprworkbench.engine.decode.SampledSource;
import org.nprworkbench.engine.decode.TrajectoryResult;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.engine.tokenizer.TextTokenizer;

/**
 * {@code npr bench engine}: the parallel engine against the sequential engine, side by side in one
 * run on the same model.
 *
 * <ul>
 * <li><b>Forced replay</b>: the same parallel-structured traces are teacher-forced through both
 *     engines, one trajectory at a time, each trace on both engines back to back; the wall-clock
 *     speedup (the median over repetitions of sequential time / parallel time) is compared with the
 *     structural limit T/C, and efficiency = speedup / (T/C).</li>
 * <li><b>Sampled throughput</b>: both engines sample answers to the same prompts (several samples
 *     each, all in one continuous batch); TPS = generated tokens / wall time, the paper's measure.</li>
 * <li><b>Memory</b>: peak key/value bytes of the lane store against what the same rows would hold
 *     with a private copy of their context each.</li>
 * </ul>
 * Each timing is the median of several repetitions after a warm-up repetition.
 */
public final class EngineBenchmark {
    /** Replay figures. */
    public record Replay(int traces, int branches, int blocks, double meanT, double meanC, double structuralLimit,
                         double parallelSeconds, double sequentialSeconds, double speedup, double efficiency) {
    }

    /**
     * Sampled-throughput figures. {@code structuralLimit} is T/C of the parallel engine's answers
     * (total over critical-path tokens, summed over answers): the most any engine could gain on them
     * one answer at a time.
     */
    public record Sampled(int prompts, int samplesEach, int maxNewTokens, long parallelTokens, long sequentialTokens,
                          double parallelTps, double sequentialTps, double tpsRatio, double parallelRate,
                          double malformedShare, double structuralLimit) {
    }

    /** Memory figures from the replay run with a long prompt. */
    public record Memory(int promptTokens, int branches, long peakSharedBytes, long peakCopiedBytes, double ratio) {
    }

    /** All figures. */
    public record Result(Replay replay, Sampled sampled, Memory memory) {
    }

    private EngineBenchmark() {
    }

    /**
     * A canonical NPR trace with {@code blocks} blocks of {@code branches} branches, each step about
     * {@code stepChars} characters (so about that many tokens with the character tokenizer), its steps
     * and takeaways opened as {@code layout} forces them.
     */
    public static String syntheticTrace(SplittableRandom rnd, int blocks, int branches, int stepChars, ForcedLayout layout) {
        StringBuilder t = new StringBuilder();
        for (int b = 0; b < blocks; b++) {
            t.append("<guideline>\n");
            for (int k = 1; k <= branches; k++) {
                t.append("<plan>").append(k).append(": part ").append(k).append("</plan>\n");
            }
            t.append("</guideline>\n");
            for (int k = 1; k <= branches; k++) {
                int len = stepChars - 4 + rnd.nextInt(9);
                t.append(layout.stepOpening(Integer.toString(k))).append(' ');
                for (int i = 0; i < len; i++) {
                    t.append((char) ('a' + rnd.nextInt(26)));
                }
                t.append("</step>\n");
            }
            t.append(layout.takeawayOpening()).append("merge</takeaway>\n");
        }
        return t.append("so \\boxed{").append(rnd.nextInt(100)).append('}').toString();
    }

    /**
     * The replay measurement, traces written in the checkpoint's {@code layout}; {@code progress}
     * receives a line after each repetition.
     */
    public static Replay replay(Qwen3Model model, TextTokenizer tok, ForcedLayout layout, int traces, int blocks,
                                int branches, int stepChars, int repetitions, Consumer<String> progress) {
        SplittableRandom rnd = new SplittableRandom(42);
        List<int[]> responses = new ArrayList<>();
        for (int i = 0; i < traces; i++) {
            int[] ids = tok.encode(syntheticTrace(rnd, blocks, branches, stepChars, layout));
            int[] r = java.util.Arrays.copyOf(ids, ids.length + 1);
            r[ids.length] = tok.tags().eos();
            responses.add(r);
        }
        int[] prompt = tok.encode("<bos>Solve the task.<sep>");
        int budget = responses.stream().mapToInt(r -> r.length).max().orElseThrow() + 64;
        NprEngine par = new NprEngine(model, tok, EngineConfig.parallel(budget, layout).withMaxActive(1));
        NprEngine seq = new NprEngine(model, tok, EngineConfig.sequential(budget).withMaxActive(1));
        double meanT = 0;
        double meanC = 0;
        double[][] times = new double[2][repetitions];
        double[] ratios = new double[repetitions];
        for (int rep = -1; rep < repetitions; rep++) {
            double[] sum = new double[2];
            for (int i = 0; i < responses.size(); i++) {
                // Each trace runs on both engines back to back, in alternating order, so that the
                // machine's drifts (other load, clock changes) fall on both sides of the ratio alike.
                for (int k = 0; k < 2; k++) {
                    boolean parallel = (rep + i + k) % 2 == 0;
                    DecodeRequest req = new DecodeRequest("t" + i, 0, prompt,
                            new ReplaySource(responses.get(i), tok.tags(), parallel));
                    EngineRun run = (parallel ? par : seq).run(List.of(req));
                    TrajectoryResult r = run.results().get(0);
                    if (r.status() != TrajectoryResult.Status.COMPLETE) {
                        throw new IllegalStateException("replay failed: " + r.reason());
                    }
                    sum[parallel ? 0 : 1] += run.wallSeconds();
                    if (parallel && rep < 0) {
                        meanT += r.totalTokens() / (double) traces;
                        meanC += r.criticalPath() / (double) traces;
                    }
                }
            }
            if (rep >= 0) {
                times[0][rep] = sum[0];
                times[1][rep] = sum[1];
                ratios[rep] = sum[1] / sum[0];
            }
            progress.accept(String.format("replay %s: sequential %.2f s, parallel %.2f s (%.2fx)",
                    rep < 0 ? "warm-up" : (rep + 1) + "/" + repetitions, sum[1], sum[0], sum[1] / sum[0]));
        }
        double limit = meanT / meanC;
        double speedup = median(ratios);
        return new Replay(traces, branches, blocks, meanT, meanC, limit, median(times[0]), median(times[1]),
                speedup, speedup / limit);
    }

    /** Key/value memory of one replayed block after a {@code promptTokens}-token prompt. */
    public static Memory memory(Qwen3Model model, TextTokenizer tok, ForcedLayout layout, int promptTokens, int branches) {
        SplittableRandom rnd = new SplittableRandom(7);
        int[] ids = tok.encode(syntheticTrace(rnd, 1, branches, 24, layout));
        int[] response = java.util.Arrays.copyOf(ids, ids.length + 1);
        response[ids.length] = tok.tags().eos();
        int[] prompt = tok.encode("<bos>" + "x".repeat(promptTokens - 2) + "<sep>");
        NprEngine par = new NprEngine(model, tok, EngineConfig.parallel(response.length + 64, layout).withMaxActive(1));
        EngineRun run = par.run(List.of(new DecodeRequest("m", 0, prompt, new ReplaySource(response, tok.tags(), true))));
        return new Memory(prompt.length, branches, run.peakKvBytes(), run.peakCopiedKvBytes(),
                (double) run.peakCopiedKvBytes() / run.peakKvBytes());
    }

    /**
     * The sampled-throughput measurement, the parallel engine forcing the checkpoint's {@code layout};
     * {@code progress} receives a line after each engine run.
     */
    public static Sampled sampled(Qwen3Model model, TextTokenizer tok, ForcedLayout layout, List<int[]> prompts,
                                  int samples, int maxNewTokens, long seed, int repetitions, Consumer<String> progress) {
        SamplingParams params = SamplingParams.paperEval(seed);
        double[][] tps = new double[2][repetitions];
        double[] ratios = new double[repetitions];
        long[] tokens = new long[2];
        double parallelRate = 0;
        double malformed = 0;
        double limit = 0;
        for (int rep = -1; rep < repetitions; rep++) {
            for (int k = 0; k < 2; k++) {
                boolean parallel = (rep + k) % 2 == 0; // alternate which engine goes first
                int e = parallel ? 0 : 1;
                EngineConfig cfg = parallel ? EngineConfig.parallel(maxNewTokens, layout) : EngineConfig.sequential(maxNewTokens);
                List<DecodeRequest> reqs = new ArrayList<>();
                for (int p = 0; p < prompts.size(); p++) {
                    for (int s = 0; s < samples; s++) {
                        reqs.add(new DecodeRequest("p" + p, s, prompts.get(p),
                                new SampledSource(params, model.config().vocabSize())));
                    }
                }
                EngineRun run = new NprEngine(model, tok, cfg.withMaxActive(Math.max(1, reqs.size()))).run(reqs);
                progress.accept(String.format("sampled %s, %s engine: %d tokens, %.0f tok/s",
                        rep < 0 ? "warm-up" : (rep + 1) + "/" + repetitions, parallel ? "parallel" : "sequential",
                        run.generatedTokens(), run.tokensPerSecond()));
                if (rep >= 0) {
                    tps[e][rep] = run.tokensPerSecond();
                    tokens[e] = run.generatedTokens();
                }
                if (parallel && rep < 0) {
                    parallelRate = run.results().stream().filter(TrajectoryResult::forked).count()
                            / (double) run.results().size();
                    malformed = run.results().stream().filter(r -> r.status() == TrajectoryResult.Status.MALFORMED).count()
                            / (double) run.results().size();
                    limit = run.results().stream().mapToLong(TrajectoryResult::totalTokens).sum()
                            / (double) Math.max(1, run.results().stream().mapToLong(TrajectoryResult::criticalPath).sum());
                }
            }
        }
        for (int rep = 0; rep < repetitions; rep++) {
            ratios[rep] = tps[0][rep] / tps[1][rep];
        }
        return new Sampled(prompts.size(), samples, maxNewTokens, tokens[0], tokens[1], median(tps[0]), median(tps[1]),
                median(ratios), parallelRate, malformed, limit);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }
}
