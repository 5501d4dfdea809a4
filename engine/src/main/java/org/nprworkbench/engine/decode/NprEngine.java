package org.nprworkbench.engine.decode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nprworkbench.engine.kv.KvCache;
import org.nprworkbench.engine.kv.LaneKvStore;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.InferenceMode;
import org.nprworkbench.engine.parallel.PositionCursor;
import org.nprworkbench.engine.sampling.TokenSampler;
import org.nprworkbench.engine.schema.BlockGrammar;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.schema.PreBranchDecision;
import org.nprworkbench.engine.schema.PreBranchValidator;
import org.nprworkbench.engine.schema.StructureValidator;
import org.nprworkbench.engine.schema.StructureViolation;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.engine.tokenizer.TextTokenizer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * The decode engine: the NPR fork/join engine, or (with {@code parallel = false}) the sequential
 * baseline, over one lane-per-trajectory KV store and one continuous batch.
 *
 * <p>Every step feeds one token per live row, where a row is the main stream of a trajectory or one
 * branch of its current block, for all trajectories at once: the rows' tokens are packed into one
 * model call, and each trajectory's rows attend together over its lane. Every stream runs the block
 * grammar ({@link BlockGrammar}, the structural validator's own) over its tokens as they are chosen:
 * the main stream over the merged sequence (a block's branches are fed to it in merged order at the
 * join), each branch over its own step. When the main stream emits {@code </guideline>}, the
 * pre-branch validator reads the plan labels; the engine forces one shared {@code \n}, then forks one
 * branch per plan, each seeded with {@code <step>} and its label as the checkpoint's
 * {@link ForcedLayout} writes them. The prefix's keys and values stay where they are; each branch
 * appends its own tokens to the lane, owned by the branch, and sees the shared prefix and its own
 * tokens only. A branch ends at {@code </step>} plus one forced {@code \n}. When all have ended, the
 * join makes the block's tokens shared (nothing is recomputed or moved) and prefills only the forced
 * {@code <takeaway>}, at position g + longest branch + 1 (the layout's text after it follows as
 * forced tokens). Positions and visibility are exactly those of {@code ParallelLayout} for the
 * merged sequence.
 *
 * <p>A trajectory ends malformed (with the reason) on a token that breaks the block grammar (any tag
 * but {@code </step>} inside a step among them), eos inside a guideline, step or takeaway, a guideline
 * the pre-branch validator refuses, or an exhausted budget: the total over all branches and the
 * critical path are both capped, and no block forks when less than the fork margin remains. So every
 * trajectory that ends complete passes the structural validator. No token sequence can make the
 * engine throw.
 */
public final class NprEngine {
    private static final int FORK = -2;
    private static final int END = -3;
    /** Largest key/value pool one run allocates; fewer trajectories run at once when the budget needs more. */
    static final long MAX_KV_BYTES = 4L << 30;

    private final Qwen3Model model;
    private final TextTokenizer tokenizer;
    private final TagIds tags;
    private final EngineConfig config;
    private final ForcedLayout forced;
    private final int vocab;
    private final int[] sharedSeparator;
    private final int[] stepSeparator;
    private final int[] afterTakeaway;

    public NprEngine(Qwen3Model model, TextTokenizer tokenizer, EngineConfig config) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.tags = tokenizer.tags();
        this.config = config;
        this.forced = config.forced();
        this.vocab = model.config().vocabSize();
        this.sharedSeparator = tokenizer.encode(ForcedLayout.SHARED_SEPARATOR);
        this.stepSeparator = tokenizer.encode(ForcedLayout.STEP_SEPARATOR);
        this.afterTakeaway = forced == null ? new int[0] : tokenizer.encode(forced.afterTakeawayOpen());
    }

    public EngineConfig config() {
        return config;
    }

    /** What a trajectory is decoding: its main stream, the branches of a block, or nothing (it ended). */
    private enum Phase { MAIN, BRANCHES, DONE }

    /** Growable per-token record of a stream (main or branch). */
    private static final class Tokens {
        int[] ids = new int[64];
        int[] pos = new int[64];
        int[] step = new int[64];
        float[] logp = new float[64];
        float[] ent = new float[64];
        int n;

        void add(int id, int position, int decodeStep, float lp, float h) {
            if (n == ids.length) {
                int c = n * 2;
                ids = Arrays.copyOf(ids, c);
                pos = Arrays.copyOf(pos, c);
                step = Arrays.copyOf(step, c);
                logp = Arrays.copyOf(logp, c);
                ent = Arrays.copyOf(ent, c);
            }
            ids[n] = id;
            pos[n] = position;
            step[n] = decodeStep;
            logp[n] = lp;
            ent[n] = h;
            n++;
        }

        void addAll(Tokens o) {
            for (int i = 0; i < o.n; i++) {
                add(o.ids[i], o.pos[i], o.step[i], o.logp[i], o.ent[i]);
            }
        }
    }

    /** One row of the batch: a trajectory's main stream or one of its branches. */
    private static final class Row {
        final Trajectory t;
        final int branch;  // -1 for the main stream: also its owner in the lane (LaneKvStore.SHARED)
        int pending;     // the token fed at the next step
        int pos;         // its position id
        PositionCursor cursor; // assigns this stream's positions (the main stream's is copied into each branch)
        BlockGrammar grammar;  // a branch's grammar over its own step (the main stream's is the trajectory's)
        final ArrayDeque<Integer> queue = new ArrayDeque<>();
        final Tokens tokens = new Tokens(); // branch-local tokens (main rows write to the trajectory)
        float endLogProb = Float.NaN;
        float endEntropy = Float.NaN;
        boolean done;

        Row(Trajectory t, int branch) {
            this.t = t;
            this.branch = branch;
        }
    }

    private final class Trajectory {
        final DecodeRequest request;
        final int index;
        final TokenSource.Chooser chooser;
        final Tokens out = new Tokens();
        LaneKvStore.Lane lane;
        Phase phase = Phase.MAIN;
        /** The block grammar over the merged response (parallel engine only). */
        final BlockGrammar grammar = new BlockGrammar(tags, StructureValidator.MAX_BRANCHES);
        Row main;
        List<Row> branches = List.of();
        List<String> labels;
        int segmentStart;
        int maxPos = -1;
        float forkLogProb;
        float forkEntropy;
        final List<Integer> branchesPerBlock = new ArrayList<>();
        String reason;
        long startNanos;
        long endNanos;

        Trajectory(DecodeRequest request, int index) {
            this.request = request;
            this.index = index;
            this.chooser = request.source().start(request.sample());
        }

        /** The rows fed at the next step: the open block's unfinished branches, or the main stream. */
        List<Row> activeRows() {
            if (phase == Phase.BRANCHES) {
                List<Row> r = new ArrayList<>(branches.size());
                for (Row b : branches) {
                    if (!b.done) {
                        r.add(b);
                    }
                }
                return r;
            }
            return phase == Phase.DONE ? List.of() : List.of(main);
        }

        int total() {
            int n = out.n;
            for (Row b : branches) {
                n += b.tokens.n;
            }
            return n;
        }
    }

    /** Decodes every request; returns the results in request order with the run's statistics. */
    public EngineRun run(List<DecodeRequest> requests) {
        long start = System.nanoTime();
        int longestPrompt = requests.stream().mapToInt(r -> r.prompt().length).max().orElse(0);
        // A lane holds a trajectory's prompt and its whole budget (the token past the budget is never fed).
        long perTrajectory = longestPrompt + config.maxNewTokens() + 8L;
        long bytesPerToken = 2L * model.config().numKvHeads() * model.config().headDim() * Float.BYTES
                * model.config().numLayers();
        // The pool is allocated up front: admit no more trajectories at once than fit in MAX_KV_BYTES.
        int fit = (int) Math.max(1, Math.min(Integer.MAX_VALUE, MAX_KV_BYTES / (perTrajectory * bytesPerToken)));
        int active = Math.min(Math.min(config.maxActiveTrajectories(), fit), Math.max(1, requests.size()));
        Run run = new Run(requests, active);
        try (InferenceMode off = InferenceMode.enter();
             LaneKvStore store = new LaneKvStore(model, active, Math.toIntExact(perTrajectory))) {
            run.store = store;
            run.loop();
            if (store.lanesInUse() != 0 || store.tokensHeld() != 0) {
                throw new IllegalStateException("KV store not empty after the run: " + store.lanesInUse()
                        + " lanes, " + store.tokensHeld() + " tokens");
            }
            long peak = store.peakBytes();
            List<TrajectoryResult> results = new ArrayList<>();
            long generated = 0;
            for (Trajectory t : run.all) {
                TrajectoryResult r = result(t);
                generated += r.totalTokens();
                results.add(r);
            }
            return new EngineRun(results, run.steps, (System.nanoTime() - start) / 1e9, generated, peak,
                    run.peakCopied, run.joinPrefill, run.joins, run.peakRows);
        }
    }

    /** The mutable state of one run. */
    private final class Run {
        final List<Trajectory> all = new ArrayList<>();
        final ArrayDeque<Trajectory> waiting = new ArrayDeque<>();
        final List<Trajectory> live = new ArrayList<>();
        LaneKvStore store;
        int steps;
        long peakCopied;
        long joinPrefill;
        long joins;
        int peakRows;

        final int maxActive;

        Run(List<DecodeRequest> requests, int maxActive) {
            this.maxActive = maxActive;
            for (int i = 0; i < requests.size(); i++) {
                Trajectory t = new Trajectory(requests.get(i), i);
                all.add(t);
                waiting.add(t);
            }
        }

        void loop() {
            while (!waiting.isEmpty() || !live.isEmpty()) {
                admit();
                if (!live.isEmpty()) {
                    step();
                }
            }
        }

        /** Admits waiting trajectories and prefills their prompts, one prefill per distinct prompt. */
        void admit() {
            List<Trajectory> admitted = new ArrayList<>();
            while (!waiting.isEmpty() && live.size() + admitted.size() < maxActive) {
                admitted.add(waiting.poll());
            }
            if (admitted.isEmpty()) {
                return;
            }
            Map<String, List<Trajectory>> byPrompt = new LinkedHashMap<>();
            for (Trajectory t : admitted) {
                byPrompt.computeIfAbsent(Arrays.toString(t.request.prompt()), k -> new ArrayList<>()).add(t);
            }
            List<List<Trajectory>> groups = new ArrayList<>(byPrompt.values());
            int b = groups.size();
            int[] lengths = new int[b];
            long[] last = new long[b];
            List<List<LaneKvStore.Lane>> lanes = new ArrayList<>();
            int n = 0;
            for (int r = 0; r < b; r++) {
                lengths[r] = groups.get(r).get(0).request.prompt().length;
                n += lengths[r];
                last[r] = n - 1;
                List<LaneKvStore.Lane> group = new ArrayList<>();
                for (Trajectory t : groups.get(r)) {
                    t.lane = store.acquire();
                    group.add(t.lane);
                }
                lanes.add(group);
            }
            long[] ids = new long[n];
            long[] pos = new long[n];
            int k = 0;
            for (List<Trajectory> group : groups) {
                int[] p = group.get(0).request.prompt();
                for (int i = 0; i < p.length; i++, k++) {
                    ids[k] = p[i];
                    pos[k] = i;
                }
            }
            float[] logits;
            try (NDScope scope = new NDScope()) {
                NDManager nd = model.manager();
                KvCache cache = store.prefill(lanes, lengths); // one prefill per distinct prompt
                logits = model.decode(nd.create(ids), nd.create(pos), cache, last).toFloatArray();
            }
            steps++;
            long now = System.nanoTime();
            for (int r = 0; r < b; r++) {
                for (Trajectory t : groups.get(r)) {
                    t.startNanos = now;
                    Row main = new Row(t, -1);
                    main.pos = lengths[r] - 1;
                    main.cursor = config.parallel() ? PositionCursor.parallel(tags, lengths[r])
                            : PositionCursor.causal(lengths[r]);
                    t.main = main;
                    live.add(t);
                    decideMain(t, logits, r * vocab);
                }
            }
        }

        void step() {
            List<Trajectory> order = new ArrayList<>(live);
            order.sort(Comparator.comparingInt(t -> t.lane.index())); // lanes in order: the simplest packing
            List<Row> batch = new ArrayList<>();
            List<LaneKvStore.Rows> entries = new ArrayList<>(order.size());
            long copied = 0;
            for (Trajectory t : order) {
                List<Row> active = t.activeRows();
                int[] owners = new int[active.size()];
                for (int i = 0; i < owners.length; i++) {
                    owners[i] = active.get(i).branch;
                    copied += t.lane.visibleTo(owners[i]) + 1;
                }
                batch.addAll(active);
                entries.add(new LaneKvStore.Rows(t.lane, owners));
            }
            int b = batch.size();
            peakRows = Math.max(peakRows, b);
            long[] ids = new long[b];
            long[] pos = new long[b];
            for (int r = 0; r < b; r++) {
                ids[r] = batch.get(r).pending;
                pos[r] = batch.get(r).pos;
            }
            float[] logits;
            try (NDScope scope = new NDScope()) {
                NDManager nd = model.manager();
                KvCache cache = store.decode(entries);
                logits = model.decode(nd.create(ids), nd.create(pos), cache, null).toFloatArray();
            }
            peakCopied = Math.max(peakCopied, copied * store.bytesPerToken());
            steps++;
            for (int r = 0; r < b; r++) {
                Row row = batch.get(r);
                if (row.t.phase == Phase.DONE) {
                    continue; // ended by a sibling's failure this step
                }
                if (row.branch < 0) {
                    decideMain(row.t, logits, r * vocab);
                } else {
                    decideBranch(row, logits, r * vocab);
                }
            }
        }

        // ---- main stream ----

        void decideMain(Trajectory t, float[] logits, int offset) {
            Row main = t.main;
            Integer action = main.queue.poll();
            if (action != null && action == FORK) {
                fork(t, logits, offset);
                return;
            }
            int token = nextToken(t, -1, action, logits, offset);
            if (token < 0) {
                return;
            }
            if (accept(main, t.out, token, logits, offset)) {
                onMainToken(t, token);
            }
        }

        void onMainToken(Trajectory t, int token) {
            if (!config.parallel()) {
                if (token == tags.eos()) {
                    finish(t, null);
                }
                return;
            }
            try {
                t.grammar.feed(token, t.out.n - 1);
                if (token == tags.eos()) {
                    t.grammar.end();
                    finish(t, null);
                } else if (token == tags.guidelineClose()) {
                    guidelineClosed(t);
                } else if (token == tags.takeawayClose()) {
                    t.segmentStart = t.out.n;
                }
            } catch (MalformedStructureException e) {
                fail(t, (token == tags.eos() ? "eos: " : "") + describe(e.violation()));
            }
        }

        void guidelineClosed(Trajectory t) {
            int[] segment = Arrays.copyOfRange(t.out.ids, t.segmentStart, t.out.n);
            PreBranchDecision d = PreBranchValidator.check(segment, tokenizer);
            if (d instanceof PreBranchDecision.Reject reject) {
                fail(t, "pre-branch check: " + reject.reason() + " (" + reject.rule() + ")");
                return;
            }
            List<String> labels = ((PreBranchDecision.Fork) d).labels();
            int remaining = config.maxNewTokens() - t.total();
            if (remaining < config.forkMargin()) {
                fail(t, "no room to fork: " + remaining + " tokens of the budget left, the fork margin is "
                        + config.forkMargin());
                return;
            }
            t.labels = labels;
            for (int id : sharedSeparator) {
                t.main.queue.add(id);
            }
            t.main.queue.add(FORK);
        }

        void fork(Trajectory t, float[] logits, int offset) {
            TokenSampler.Pick stepScore = TokenSampler.score(logits, offset, vocab, tags.stepOpen());
            t.forkLogProb = stepScore.logProb();
            t.forkEntropy = stepScore.entropy();
            int n = t.labels.size();
            t.chooser.fork(n, config.stepRepetitionPenalty());
            List<Row> branches = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                Row b = new Row(t, k);
                b.pending = tags.stepOpen();
                b.cursor = t.main.cursor.fork();
                b.pos = b.cursor.next(tags.stepOpen()); // g + 1
                // the <step> token's score comes from the previous token in merged order; filled at the join
                b.tokens.add(tags.stepOpen(), b.pos, steps, Float.NaN, Float.NaN);
                b.grammar = t.grammar.forBranch(k);
                try {
                    b.grammar.feed(tags.stepOpen(), 0);
                } catch (MalformedStructureException e) {
                    throw new IllegalStateException("a branch grammar refused its own <step>", e);
                }
                for (int id : tokenizer.encode(forced.afterStepOpen(t.labels.get(k)))) {
                    b.queue.add(id);
                }
                branches.add(b);
            }
            t.branches = branches;
            t.phase = Phase.BRANCHES;
            t.branchesPerBlock.add(n);
            t.maxPos = Math.max(t.maxPos, branches.get(0).pos);
            for (Row b : branches) {
                try {
                    t.chooser.forced(b.branch, tags.stepOpen());
                } catch (ReplaySource.ReplayMismatch e) {
                    fail(t, "replay diverged: " + e.getMessage());
                    return;
                }
            }
            overBudget(t);
        }

        /**
         * The next token of a stream: the queued forced token, or the chooser's choice. Returns -1 (and
         * ends the trajectory) when a replayed trace disagrees with a forced token.
         */
        int nextToken(Trajectory t, int branch, Integer forced, float[] logits, int offset) {
            try {
                if (forced != null) {
                    t.chooser.forced(branch, forced);
                    return forced;
                }
                return t.chooser.next(branch, logits, offset);
            } catch (ReplaySource.ReplayMismatch e) {
                fail(t, "replay diverged: " + e.getMessage());
                return -1;
            }
        }

        /**
         * Appends a token a stream chose to {@code into} (the trajectory's text for the main stream, the
         * branch's own tokens for a branch) with its score, position and decode step, and makes it the
         * token fed next. Returns false when it broke a budget (the trajectory has then ended).
         *
         * <p>The engine itself places every legal {@code <step>} (at the fork) and {@code <takeaway>}
         * (at the join); one the model writes is out of place and ends the trajectory, so it just
         * follows the previous token.
         */
        boolean accept(Row row, Tokens into, int token, float[] logits, int offset) {
            TokenSampler.Pick score = TokenSampler.score(logits, offset, vocab, token);
            row.pos = token == tags.stepOpen() || token == tags.takeawayOpen()
                    ? row.cursor.nextOutOfPlace() : row.cursor.next(token);
            into.add(token, row.pos, steps, score.logProb(), score.entropy());
            row.pending = token;
            row.t.maxPos = Math.max(row.t.maxPos, row.pos);
            return !overBudget(row.t);
        }

        // ---- branches ----

        void decideBranch(Row row, float[] logits, int offset) {
            Trajectory t = row.t;
            Integer action = row.queue.poll();
            if (action != null && action == END) {
                int next = row.branch + 1 < t.branches.size() ? tags.stepOpen() : tags.takeawayOpen();
                TokenSampler.Pick s = TokenSampler.score(logits, offset, vocab, next);
                row.endLogProb = s.logProb();
                row.endEntropy = s.entropy();
                row.done = true;
                if (t.branches.stream().allMatch(b -> b.done)) {
                    join(t);
                }
                return;
            }
            int token = nextToken(t, row.branch, action, logits, offset);
            if (token < 0) {
                return;
            }
            if (!accept(row, row.tokens, token, logits, offset)) {
                return;
            }
            String where = "step " + (row.branch + 1) + ": ";
            try {
                row.grammar.feed(token, row.tokens.n - 1);
                if (token == tags.eos()) {
                    row.grammar.end(); // a branch samples only inside its step: this ends it unclosed
                }
            } catch (MalformedStructureException e) {
                fail(t, where + (token == tags.eos() ? "eos: " : "") + describe(e.violation()));
                return;
            }
            if (token == tags.eos()) {
                fail(t, where + "eos in a branch");
            } else if (token == tags.stepClose()) {
                for (int id : stepSeparator) {
                    row.queue.add(id);
                }
                row.queue.add(END);
            }
        }

        void join(Trajectory t) {
            Row main = t.main;
            // The main stream's grammar reads the block in merged order, as the validator will.
            try {
                int index = t.out.n;
                for (Row b : t.branches) {
                    for (int i = 0; i < b.tokens.n; i++) {
                        t.grammar.feed(b.tokens.ids[i], index++);
                    }
                }
                t.grammar.feed(tags.takeawayOpen(), index);
            } catch (MalformedStructureException e) {
                fail(t, describe(e.violation()));
                return;
            }
            for (int k = 0; k < t.branches.size(); k++) {
                Row b = t.branches.get(k);
                b.tokens.logp[0] = k == 0 ? t.forkLogProb : t.branches.get(k - 1).endLogProb;
                b.tokens.ent[0] = k == 0 ? t.forkEntropy : t.branches.get(k - 1).endEntropy;
                t.out.addAll(b.tokens);
                main.cursor.join(b.cursor);
            }
            t.lane.merge(); // the takeaway and everything after it see every step
            Row last = t.branches.get(t.branches.size() - 1);
            t.branches = List.of();
            t.chooser.join();
            main.pos = main.cursor.next(tags.takeawayOpen()); // g + longest branch + 1
            main.pending = tags.takeawayOpen();
            t.out.add(tags.takeawayOpen(), main.pos, steps, last.endLogProb, last.endEntropy);
            t.maxPos = Math.max(t.maxPos, main.pos);
            t.phase = Phase.MAIN;
            t.segmentStart = t.out.n;
            for (int id : afterTakeaway) {
                main.queue.add(id);
            }
            joins++;
            joinPrefill++; // only the forced <takeaway> is fed: the branches' keys and values are reused
            try {
                t.chooser.forced(-1, tags.takeawayOpen());
            } catch (ReplaySource.ReplayMismatch e) {
                fail(t, "replay diverged: " + e.getMessage());
                return;
            }
            overBudget(t);
        }

        // ---- endings ----

        boolean overBudget(Trajectory t) {
            int total = t.total();
            int critical = t.maxPos + 1 - t.request.prompt().length;
            if (total > config.maxNewTokens()) {
                fail(t, "total token budget exhausted: " + total + " tokens over all branches > " + config.maxNewTokens());
                return true;
            }
            if (critical > config.maxCriticalPath()) {
                fail(t, "critical-path budget exhausted: " + critical + " > " + config.maxCriticalPath());
                return true;
            }
            return false;
        }

        void fail(Trajectory t, String reason) {
            if (t.phase != Phase.DONE) {
                finish(t, reason);
            }
        }

        void finish(Trajectory t, String reason) {
            t.reason = reason;
            t.endNanos = System.nanoTime();
            // Unfinished branches are appended in order so the text shows where it broke.
            for (Row b : t.branches) {
                t.out.addAll(b.tokens);
            }
            t.branches = List.of();
            store.release(t.lane);
            t.phase = Phase.DONE;
            live.remove(t);
        }
    }

    /** A grammar violation as a trajectory's reason: what broke, and the rule. */
    private static String describe(StructureViolation v) {
        return v.reason() + " (" + v.rule() + ")";
    }

    private TrajectoryResult result(Trajectory t) {
        Tokens o = t.out;
        int critical = Math.max(0, t.maxPos + 1 - t.request.prompt().length);
        return new TrajectoryResult(t.request.id(), t.request.sample(), t.request.prompt(),
                Arrays.copyOf(o.ids, o.n), Arrays.copyOf(o.pos, o.n), Arrays.copyOf(o.logp, o.n),
                Arrays.copyOf(o.ent, o.n), Arrays.copyOf(o.step, o.n),
                t.reason == null ? TrajectoryResult.Status.COMPLETE : TrajectoryResult.Status.MALFORMED,
                t.reason, o.n, critical, List.copyOf(t.branchesPerBlock), (t.endNanos - t.startNanos) / 1e9);
    }
}
