package org.nprworkbench.engine.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.model.CausalMask;
import org.nprworkbench.engine.model.Qwen3Config;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.engine.schema.StructureValidator;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.engine.tokenizer.HfTokenizer;
import org.nprworkbench.engine.tokenizer.PromptFormat;
import org.nprworkbench.engine.tokenizer.TagIds;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/** The fork/join engine against the one full forward pass, its budgets, its KV ownership and bad streams. */
class NprEngineTest {
    private static HfTokenizer tok;
    private static Qwen3Model model;
    private static TagIds tags;

    static final String TRACE = trace(ForcedLayout.COMPACT);

    /** Two blocks (3 branches, then 1), steps and takeaways opened as {@code layout} forces them. */
    static String trace(ForcedLayout layout) {
        return "<guideline>\n<plan>1: 3*4</plan>\n<plan>2: 5*6</plan>\n<plan>3: add</plan>\n</guideline>\n"
                + layout.stepOpening("1") + " 3*4 = 12</step>\n" + layout.stepOpening("2") + " 5*6 = 30, long</step>\n"
                + layout.stepOpening("3") + " 12+30 = 42</step>\n"
                + layout.takeawayOpening() + "The parts give 42.</takeaway>\n"
                + "<guideline>\n<plan>1: check</plan>\n</guideline>\n" + layout.stepOpening("1") + " 42 ok</step>\n"
                + layout.takeawayOpening() + "Done.</takeaway>\n" + "So \\boxed{42}";
    }

    @BeforeAll
    static void start() {
        DjlBootstrap.init();
        tok = HfTokenizer.embedded();
        tags = tok.tags();
        // 4 query heads over 2 kv heads, untied head: every path of the model is used.
        model = Qwen3Model.random(new Qwen3Config(128, 48, 96, 2, 4, 2, 12, 1e-6, 10000, 1024, false,
                "float32", 1, 2), Device.cpu(), 21);
    }

    @AfterAll
    static void stop() {
        model.close();
        tok.close();
    }

    static int[] prompt(String text) {
        return tok.encode(PromptFormat.PLAIN.render(text));
    }

    static DecodeRequest replay(String id, String prompt, int[] response, boolean parallel) {
        return new DecodeRequest(id, 0, prompt(prompt), new ReplaySource(response, tags, parallel));
    }

    /** log p of every response token from one full forward with the parallel mask and positions. */
    static float[] fullForwardLogProbs(int[] all, int promptLength, boolean parallel) throws Exception {
        int n = all.length;
        float[] mask;
        int[] positions;
        if (parallel) {
            ParallelLayout layout = ParallelLayout.of(all, promptLength, tags);
            mask = layout.denseMask();
            positions = layout.positions();
        } else {
            mask = null;
            positions = new int[n];
            for (int i = 0; i < n; i++) {
                positions[i] = i;
            }
        }
        try (NDScope scope = new NDScope()) {
            NDManager nd = model.manager();
            long[] ids = new long[n];
            long[] pos = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = all[i];
                pos[i] = positions[i];
            }
            NDArray m = parallel ? nd.create(mask, new Shape(1, 1, n, n)).clip(-1e9f, 0f) : CausalMask.of(nd, 1, n, null);
            float[] lp = model.forward(nd.create(ids, new Shape(1, n)), nd.create(pos, new Shape(1, n)), m)
                    .logSoftmax(2).toFloatArray();
            int v = model.config().vocabSize();
            float[] out = new float[n - promptLength];
            for (int i = promptLength; i < n; i++) {
                out[i - promptLength] = lp[(i - 1) * v + all[i]];
            }
            return out;
        }
    }

    @ParameterizedTest
    @EnumSource(ForcedLayout.class)
    void replayedTrajectoryMatchesTheFullForwardWithTheParallelMask(ForcedLayout forced) throws Exception {
        int[] response = concat(tok.encode(trace(forced)), new int[] {tags.eos()});
        EngineRun run = new NprEngine(model, tok, EngineConfig.parallel(512, forced)).run(List.of(replay("a", "6*7?", response, true)));
        TrajectoryResult r = run.results().get(0);
        assertEquals(TrajectoryResult.Status.COMPLETE, r.status(), r.reason());
        assertArrayEquals(response, r.response(), "the engine's merged order is the trace's order");
        assertEquals(List.of(3, 1), r.branchesPerBlock());
        assertEquals(java.util.Optional.empty(), StructureValidator.paperDefault().check(r.response(), tags));

        ParallelLayout layout = ParallelLayout.of(r.tokens(), r.prompt().length, tags);
        int[] expectedPos = java.util.Arrays.copyOfRange(layout.positions(), r.prompt().length, layout.length());
        assertArrayEquals(expectedPos, r.positions(), "engine positions are ParallelLayout's");
        assertEquals(layout.totalTokens(), r.totalTokens());
        assertEquals(layout.criticalPath(), r.criticalPath());

        float[] full = fullForwardLogProbs(r.tokens(), r.prompt().length, true);
        // Same float32 arithmetic summed in another order (lane views vs one masked matrix):
        // agreement to ~1e-5 absolute on log-probs of order -5.
        assertArrayEquals(full, r.logProbs(), 2e-4f);
        assertEquals(2, run.joins());
        assertEquals(run.joins(), run.joinPrefillTokens(), "a join feeds only the forced <takeaway>");
    }

    @Test
    void aTraceInTheOtherLayoutDivergesAtTheFirstForcedToken() {
        int[] compact = concat(tok.encode(trace(ForcedLayout.COMPACT)), new int[] {tags.eos()});
        TrajectoryResult r = new NprEngine(model, tok, EngineConfig.parallel(512, ForcedLayout.RELEASED))
                .run(List.of(replay("x", "6*7?", compact, true))).results().get(0);
        assertEquals(TrajectoryResult.Status.MALFORMED, r.status());
        assertTrue(r.reason().startsWith("replay diverged"), r.reason());
    }

    @ParameterizedTest
    @EnumSource(ForcedLayout.class)
    void trajectoriesBatchedTogetherEachMatchTheirOwnFullForward(ForcedLayout layout) throws Exception {
        // Different shapes in one continuous batch: 3 and 5 branches, two 2-branch blocks, no block at
        // all; three samples of one prompt share its prefill; at most 3 lanes at once, so lanes are
        // freed and reused while others are mid-block, and steps carry 1 to 5 rows per lane.
        SplittableRandom rnd = new SplittableRandom(5);
        int[] eos = {tags.eos()};
        String[] traces = {trace(layout), org.nprworkbench.engine.bench.EngineBenchmark.syntheticTrace(rnd, 1, 5, 12, layout),
                org.nprworkbench.engine.bench.EngineBenchmark.syntheticTrace(rnd, 2, 2, 30, layout), "no blocks here, just 42",
                org.nprworkbench.engine.bench.EngineBenchmark.syntheticTrace(rnd, 1, 3, 8, layout)};
        String[] prompts = {"6*7?", "a longer prompt about the numbers 1, 2 and 3", "6*7?", "x", "6*7?"};
        List<DecodeRequest> requests = new ArrayList<>();
        for (int i = 0; i < traces.length; i++) {
            requests.add(new DecodeRequest("r" + i, i, prompt(prompts[i]),
                    new ReplaySource(concat(tok.encode(traces[i]), eos), tags, true)));
        }
        EngineRun run = new NprEngine(model, tok, EngineConfig.parallel(512, layout).withMaxActive(3)).run(requests);
        assertTrue(run.peakRows() >= 6, "some step carried a 5-way block next to another lane: " + run.peakRows());
        for (int i = 0; i < traces.length; i++) {
            TrajectoryResult r = run.results().get(i);
            assertEquals(TrajectoryResult.Status.COMPLETE, r.status(), r.reason());
            assertArrayEquals(concat(tok.encode(traces[i]), eos), r.response(), "trace " + i);
            assertArrayEquals(fullForwardLogProbs(r.tokens(), r.prompt().length, true), r.logProbs(), 2e-4f,
                    "trace " + i + " log-probs, as if it had run alone under one full forward");
            ParallelLayout l = ParallelLayout.of(r.tokens(), r.prompt().length, tags);
            assertArrayEquals(java.util.Arrays.copyOfRange(l.positions(), r.prompt().length, l.length()), r.positions(),
                    "trace " + i + " positions");
        }
    }

    @Test
    void sequentialReplayMatchesTheCausalForward() throws Exception {
        int[] response = concat(tok.encode(TRACE), new int[] {tags.eos()});
        EngineRun run = new NprEngine(model, tok, EngineConfig.sequential(512)).run(List.of(replay("s", "6*7?", response, false)));
        TrajectoryResult r = run.results().get(0);
        assertEquals(TrajectoryResult.Status.COMPLETE, r.status(), r.reason());
        assertArrayEquals(response, r.response());
        assertEquals(r.totalTokens(), r.criticalPath(), "sequential: T = C");
        assertArrayEquals(fullForwardLogProbs(r.tokens(), r.prompt().length, false), r.logProbs(), 2e-4f);
    }

    @Test
    void sharedPrefixIsStoredOnceAcrossBranches() throws Exception {
        String five = "<guideline>\n" + "<plan>1: a</plan>\n<plan>2: b</plan>\n<plan>3: c</plan>\n<plan>4: d</plan>\n<plan>5: e</plan>\n"
                + "</guideline>\n" + "<step>1: x</step>\n<step>2: x</step>\n<step>3: x</step>\n<step>4: x</step>\n<step>5: x</step>\n"
                + "<takeaway>ok ok</takeaway>\n\\boxed{1}";
        String longPrompt = "Q".repeat(300);
        EngineRun run = new NprEngine(model, tok, EngineConfig.parallel(512, ForcedLayout.COMPACT))
                .run(List.of(replay("m", longPrompt, concat(tok.encode(five), new int[] {tags.eos()}), true)));
        assertEquals(TrajectoryResult.Status.COMPLETE, run.results().get(0).status(), run.results().get(0).reason());
        assertTrue(run.peakCopiedKvBytes() > 3 * run.peakKvBytes(),
                "five private copies of a 300-token prefix would need several times the shared store: "
                        + run.peakCopiedKvBytes() + " vs " + run.peakKvBytes());
    }

    @Test
    void fiveWayForkWithLongBranchesStopsAtTheTotalBudget() throws Exception {
        StringBuilder t = new StringBuilder("<guideline>\n");
        for (int k = 1; k <= 5; k++) {
            t.append("<plan>").append(k).append(": part</plan>\n");
        }
        t.append("</guideline>\n");
        for (int k = 1; k <= 5; k++) {
            t.append("<step>").append(k).append(": ").append("w".repeat(60)).append("</step>\n");
        }
        t.append("<takeaway>all</takeaway>\n\\boxed{0}");
        int[] response = concat(tok.encode(t.toString()), new int[] {tags.eos()});
        // T is about 400 and C about 130: a budget of 250 fits the critical path but not the total.
        EngineConfig cfg = new EngineConfig(true, 250, 250, 16, 1.0, 8, ForcedLayout.COMPACT);
        TrajectoryResult r = new NprEngine(model, tok, cfg).run(List.of(replay("b", "go", response, true))).results().get(0);
        assertEquals(TrajectoryResult.Status.MALFORMED, r.status());
        assertTrue(r.reason().startsWith("total token budget exhausted"), r.reason());
        assertTrue(r.criticalPath() < 250, "stopped by the total, not the depth: C = " + r.criticalPath());
        assertEquals(251, r.totalTokens(), "it stops at the first token over the budget");
    }

    @Test
    void illegalLayoutsEndMalformedWithTheReason() throws Exception {
        String six = "<guideline>\n<plan>1: a</plan>\n"
                + "<plan>2: a</plan>\n<plan>3: a</plan>\n<plan>4: a</plan>\n<plan>5: a</plan>\n<plan>6: a</plan>\n</guideline>\n";
        // {trace, what the reason must say, whether the engine forked before the break}
        String[][] cases = {
                {six, "at most 5 per block (TOO_MANY_PLANS)", "no"},
                {"<guideline>\n</guideline>\n", "no plan labelled like \"<plan>1:\" (NO_PLANS)", "no"},
                {"</step>", "</step> with no open step (STRAY_STEP_CLOSE)", "no"},
                {"<guideline>\n<plan>1: a</plan>\n</guideline>\n<step>1: x<guideline>", "step 1: <guideline> inside a step", "yes"},
                {"<guideline>\n<plan>1: a</plan>\n</guideline>\n<step>1: x", "step 1: eos: the sequence ends inside a step (UNCLOSED_STEP)", "yes"},
                {"<guideline>\n<plan>1: a</plan>", "eos: the sequence ends inside a guideline (UNCLOSED_GUIDELINE)", "no"},
                // the plan tags obey the validator's grammar too: no fork on a guideline it rejects
                {"<guideline>\n<plan>1: a<plan>2: b</plan>\n</guideline>\n", "<plan> while another plan is open (NESTED_PLAN)", "no"},
                {"<guideline>\n<plan>1: a</plan></plan>\n</guideline>\n", "</plan> with no open plan (STRAY_PLAN_CLOSE)", "no"},
                {"<guideline>\n<plan>1: a</guideline>\n<step>1: a</step>\n<takeaway>t</takeaway>\n", "</guideline> while a plan is open (UNCLOSED_PLAN)", "no"},
                {"<guideline>\n<plan>1: a</plan>\n</guideline>\n<step>1: a<plan></step>", "step 1: <plan> outside a guideline (PLAN_OUTSIDE_GUIDELINE)", "yes"},
                {"<guideline>\n<plan>1: a</plan>\n</guideline>\n<step>1: a</step>\n<takeaway>t<step>", "<step> inside a takeaway (TAG_IN_TAKEAWAY)", "yes"},
        };
        List<DecodeRequest> reqs = new ArrayList<>();
        for (String[] c : cases) {
            reqs.add(replay(c[1], "q", tok.encode(c[0]), true));
        }
        EngineRun run = new NprEngine(model, tok, EngineConfig.parallel(256, ForcedLayout.COMPACT)).run(reqs);
        for (int i = 0; i < cases.length; i++) {
            TrajectoryResult r = run.results().get(i);
            assertEquals(TrajectoryResult.Status.MALFORMED, r.status(), cases[i][1]);
            assertTrue(r.reason().contains(cases[i][1]), cases[i][1] + " -> " + r.reason());
            assertEquals(cases[i][2].equals("yes"), r.forked(), cases[i][1]);
        }
    }

    @Test
    void thousandRandomTrajectoriesLeaveTheStoreEmpty() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        List<DecodeRequest> reqs = new ArrayList<>();
        int cut = 0;
        for (int i = 0; i < 1000; i++) {
            int[] full = tok.encode(randomTrace(rnd));
            int[] response;
            if (rnd.nextInt(3) == 0) {
                response = java.util.Arrays.copyOf(full, 1 + rnd.nextInt(full.length)); // early eos anywhere
                cut++;
            } else {
                response = concat(full, new int[] {tags.eos()});
            }
            reqs.add(new DecodeRequest("r" + i, 0, prompt("p" + rnd.nextInt(20)), new ReplaySource(response, tags, true)));
        }
        EngineRun run = new NprEngine(model, tok, EngineConfig.parallel(400, ForcedLayout.COMPACT).withMaxActive(48)).run(reqs);
        // run() itself throws unless every page and segment was returned; count the outcomes too.
        long complete = run.results().stream().filter(r -> r.status() == TrajectoryResult.Status.COMPLETE).count();
        long forked = run.results().stream().filter(TrajectoryResult::forked).count();
        assertTrue(complete >= 1000 - cut && complete < 1000, "complete: " + complete + ", cut: " + cut);
        assertTrue(forked > 900, "forked: " + forked);
    }

    @Test
    void randomTokenStreamsNeverCrashTheEngine() {
        List<DecodeRequest> reqs = new ArrayList<>();
        SamplingParams uniform = new SamplingParams(50.0, 1.0, 0, 1.0, 3); // near-uniform over every id, tags included
        for (int i = 0; i < 200; i++) {
            reqs.add(new DecodeRequest("u" + i, i, prompt("x"), new SampledSource(uniform, model.config().vocabSize())));
        }
        EngineRun run = new NprEngine(model, tok, EngineConfig.parallel(96, ForcedLayout.RELEASED).withMaxActive(64)).run(reqs);
        assertEquals(200, run.results().size());
        for (TrajectoryResult r : run.results()) {
            assertNotNull(r.status());
            assertTrue(r.status() == TrajectoryResult.Status.COMPLETE || r.reason() != null);
            assertTrue(r.totalTokens() <= 97);
            if (r.status() == TrajectoryResult.Status.COMPLETE) {
                assertEquals(java.util.Optional.empty(), StructureValidator.paperDefault().check(r.response(), tags), r.id());
            }
            if (!r.forked()) { // no block ever opened: positions simply count on, even past an out-of-place tag
                for (int i = 0; i < r.positions().length; i++) {
                    assertEquals(r.prompt().length + i, r.positions()[i], r.id() + " token " + i);
                }
            }
        }
    }

    @Test
    void theEngineGivesEveryBranchItsStepRepetitionPenalty() {
        int[] response = concat(tok.encode(TRACE), new int[] {tags.eos()});
        List<Double> penalties = new ArrayList<>();
        ReplaySource replay = new ReplaySource(response, tags, true);
        TokenSource recording = sample -> {
            TokenSource.Chooser inner = replay.start(sample);
            return new TokenSource.Chooser() {
                @Override
                public int next(int branch, float[] logits, int offset) {
                    return inner.next(branch, logits, offset);
                }

                @Override
                public void forced(int branch, int token) {
                    inner.forced(branch, token);
                }

                @Override
                public void fork(int n, double repetitionPenalty) {
                    penalties.add(repetitionPenalty);
                    inner.fork(n, repetitionPenalty);
                }

                @Override
                public void join() {
                    inner.join();
                }
            };
        };
        EngineConfig cfg = EngineConfig.parallel(512, ForcedLayout.COMPACT).withStepRepetitionPenalty(1.3);
        TrajectoryResult r = new NprEngine(model, tok, cfg).run(List.of(new DecodeRequest("p", 0, prompt("q"), recording)))
                .results().get(0);
        assertEquals(TrajectoryResult.Status.COMPLETE, r.status(), r.reason());
        assertEquals(List.of(1.3, 1.3), penalties, "one fork per block, each with the config's penalty");
    }

    @Test
    void samplingRepeatsExactlyWithTheSameSeed() {
        SamplingParams p = new SamplingParams(1.0, 0.9, 0, 1.0, 11);
        List<DecodeRequest> reqs = List.of(
                new DecodeRequest("a", 0, prompt("1+1"), new SampledSource(p, 128)),
                new DecodeRequest("a", 1, prompt("1+1"), new SampledSource(p, 128)));
        EngineRun one = new NprEngine(model, tok, EngineConfig.parallel(64, ForcedLayout.COMPACT)).run(reqs);
        EngineRun two = new NprEngine(model, tok, EngineConfig.parallel(64, ForcedLayout.COMPACT)).run(reqs);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(one.results().get(i).response(), two.results().get(i).response());
        }
    }

    static String randomTrace(SplittableRandom rnd) {
        StringBuilder t = new StringBuilder();
        int blocks = 1 + rnd.nextInt(2);
        for (int b = 0; b < blocks; b++) {
            int n = 1 + rnd.nextInt(4);
            t.append("<guideline>\n");
            for (int k = 1; k <= n; k++) {
                t.append("<plan>").append(k).append(": p").append("</plan>\n");
            }
            t.append("</guideline>\n");
            for (int k = 1; k <= n; k++) {
                t.append("<step>").append(k).append(": ").append("s".repeat(1 + rnd.nextInt(12))).append("</step>\n");
            }
            t.append("<takeaway>tk</takeaway>\n");
        }
        return t.append("\\boxed{").append(rnd.nextInt(9)).append('}').toString();
    }

    static int[] concat(int[] a, int[] b) {
        int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
