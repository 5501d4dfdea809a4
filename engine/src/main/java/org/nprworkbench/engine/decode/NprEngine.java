package org.nprworkbench.engine.decode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nprworkbench.engine.kv.KvCache;
import org.nprworkbench.engine.kv.KvSegment;
import org.nprworkbench.engine.kv.PagedKvStore;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.InferenceMode;
import org.nprworkbench.engine.sampling.TokenSampler;
import org.nprworkbench.engine.schema.PreBranchDecision;
import org.nprworkbench.engine.schema.PreBranchValidator;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.engine.tokenizer.TextTokenizer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * The decode engine: the NPR fork/join engine, or (with {@code parallel = false}) the sequential
 * baseline, over one paged KV store and one continuous batch.
 *
 * <p>Every step feeds one token per live row, where a row is the main stream of a trajectory or one
 * branch of its current block, for all trajectories at once. A trajectory is a state machine:
 * sequential text, guideline, branches, takeaway, done. When the main stream emits
 * {@code </guideline>}, the pre-branch validator reads the plan labels; the engine forces one shared
 * {@code \n}, then forks one branch per plan, each seeded with {@code <step>} and its label. The
 * prefix's keys and values stay where they are; each branch lists them and appends to a segment of
 * its own. A branch ends at {@code </step>} plus one forced {@code \n}. When all have ended, the
 * join appends the branch segments to the main context (nothing is recomputed) and prefills only
 * the forced {@code <takeaway>}, at position g + longest branch + 1. Positions and visibility are
 * exactly those of {@code ParallelLayout} for the merged sequence.
 *
 * <p>A trajectory ends malformed (with the reason) on an illegal layout, eos inside a step, a tag
 * that does not belong where it appears, or an exhausted budget: the total over all branches and
 * the critical path are both capped, and no block forks when less than the fork margin remains.
 * No token sequence can make the engine throw.
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
    private final int vocab;
    private final int newline;

    public NprEngine(Qwen3Model model, TextTokenizer tokenizer, EngineConfig config) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.tags = tokenizer.tags();
        this.config = config;
        this.vocab = model.config().vocabSize();
        int[] nl = tokenizer.encode("\n");
        if (nl.length != 1) {
            throw new IllegalArgumentException("the tokenizer must encode a newline as one token");
        }
        this.newline = nl[0];
    }

    public EngineConfig config() {
        return config;
    }

    private enum State { SEQ, GUIDELINE, BRANCHES, TAKEAWAY, DONE }

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
        final int branch;
        final List<KvSegment> context = new ArrayList<>();
        KvSegment own;
        int pending;     // the token fed at the next step
        int pos;         // its position id
        final ArrayDeque<Integer> queue = new ArrayDeque<>();
        final Tokens tokens = new Tokens(); // branch-local tokens (main rows write to the trajectory)
        int stepClosePos = -1;
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
        State state = State.SEQ;
        Row main;
        List<Row> branches = List.of();
        List<String> labels;
        int segmentStart;
        int g;
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
        // Every trajectory may hold its prompt and its whole budget, plus a partly filled page per segment.
        long perTrajectory = longestPrompt + config.maxNewTokens() + 64L * config.pageSize();
        long bytesPerToken = 2L * model.config().numKvHeads() * model.config().headDim() * Float.BYTES
                * model.config().numLayers();
        // The pool is allocated up front: admit no more trajectories at once than fit in MAX_KV_BYTES.
        int fit = (int) Math.max(1, Math.min(Integer.MAX_VALUE, MAX_KV_BYTES / (perTrajectory * bytesPerToken)));
        int active = Math.min(Math.min(config.maxActiveTrajectories(), fit), Math.max(1, requests.size()));
        int capacity = Math.toIntExact(active * perTrajectory);
        Run run = new Run(requests, active);
        try (InferenceMode off = InferenceMode.enter();
             PagedKvStore store = new PagedKvStore(model, config.pageSize(), capacity)) {
            run.store = store;
            run.loop();
            if (store.liveSegments() != 0 || store.pagesInUse() != 0) {
                throw new IllegalStateException("KV store not empty after the run: " + store.liveSegments()
                        + " segments, " + store.pagesInUse() + " pages");
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
        final List<Row> rows = new ArrayList<>();
        final List<Trajectory> live = new ArrayList<>();
        PagedKvStore store;
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
                if (rows.isEmpty()) {
                    continue;
                }
                step();
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
            int s = groups.stream().mapToInt(gr -> gr.get(0).request.prompt().length).max().orElseThrow();
            int b = groups.size();
            long[] ids = new long[b * s];
            long[] pos = new long[b * s];
            long[] last = new long[b];
            List<PagedKvStore.RowView> views = new ArrayList<>();
            List<KvSegment> segments = new ArrayList<>();
            for (int r = 0; r < b; r++) {
                int[] p = groups.get(r).get(0).request.prompt();
                Arrays.fill(ids, r * s, (r + 1) * s, Math.max(0, tags.pad()));
                for (int i = 0; i < p.length; i++) {
                    ids[r * s + i] = p[i];
                    pos[r * s + i] = i;
                }
                last[r] = p.length - 1;
                KvSegment seg = store.open();
                segments.add(seg);
                views.add(new PagedKvStore.RowView(List.of(seg), seg, p.length));
            }
            float[] logits;
            try (NDScope scope = new NDScope()) {
                NDManager nd = model.manager();
                KvCache cache = store.step(views, s);
                logits = model.forwardAt(nd.create(ids, new Shape(b, s)), nd.create(pos, new Shape(b, s)), cache, last)
                        .toFloatArray();
            }
            steps++;
            long now = System.nanoTime();
            for (int r = 0; r < b; r++) {
                KvSegment prompt = segments.get(r);
                List<Trajectory> group = groups.get(r);
                for (Trajectory t : group) {
                    store.retain(prompt); // one reference per sample
                }
                for (Trajectory t : group) {
                    t.startNanos = now;
                    Row main = new Row(t, -1);
                    main.context.add(prompt);
                    main.own = store.open();
                    main.context.add(main.own);
                    main.pos = t.request.prompt().length - 1;
                    t.main = main;
                    live.add(t);
                    decideMain(t, logits, r * vocab);
                    if (t.state != State.DONE) {
                        rows.add(main);
                    }
                }
                store.release(prompt); // the prefill's own reference
            }
        }

        void step() {
            List<Row> batch = new ArrayList<>(rows);
            int b = batch.size();
            peakRows = Math.max(peakRows, b);
            long[] ids = new long[b];
            long[] pos = new long[b];
            List<PagedKvStore.RowView> views = new ArrayList<>(b);
            long copied = 0;
            for (int r = 0; r < b; r++) {
                Row row = batch.get(r);
                ids[r] = row.pending;
                pos[r] = row.pos;
                views.add(new PagedKvStore.RowView(row.context, row.own, 1));
                for (KvSegment s : row.context) {
                    copied += s.length();
                }
            }
            float[] logits;
            try (NDScope scope = new NDScope()) {
                NDManager nd = model.manager();
                KvCache cache = store.step(views, 1);
                logits = model.forwardLast(nd.create(ids, new Shape(b, 1)), nd.create(pos, new Shape(b, 1)), cache)
                        .toFloatArray();
            }
            peakCopied = Math.max(peakCopied, (copied + b) * store.bytesPerToken());
            steps++;
            for (int r = 0; r < b; r++) {
                Row row = batch.get(r);
                if (row.t.state == State.DONE) {
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
            TokenSampler.Pick score = TokenSampler.score(logits, offset, vocab, token);
            main.pos++;
            t.out.add(token, main.pos, steps, score.logProb(), score.entropy());
            main.pending = token;
            t.maxPos = Math.max(t.maxPos, main.pos);
            if (overBudget(t)) {
                return;
            }
            onMainToken(t, token);
        }

        void onMainToken(Trajectory t, int token) {
            if (token == tags.eos()) {
                if (config.parallel() && t.state != State.SEQ) {
                    fail(t, "eos inside an open " + (t.state == State.GUIDELINE ? "guideline" : "takeaway"));
                } else {
                    finish(t, null);
                }
                return;
            }
            if (!config.parallel() || !tags.isTag(token)) {
                return;
            }
            String tag = tags.tagText(token);
            switch (t.state) {
                case SEQ -> {
                    if (token == tags.guidelineOpen()) {
                        t.state = State.GUIDELINE;
                    } else {
                        fail(t, tag + " outside a block (only <guideline> may open one)");
                    }
                }
                case GUIDELINE -> {
                    if (token == tags.guidelineClose()) {
                        guidelineClosed(t);
                    } else if (token != tags.planOpen() && token != tags.planClose()) {
                        fail(t, tag + " inside a guideline");
                    }
                }
                case TAKEAWAY -> {
                    if (token == tags.takeawayClose()) {
                        t.state = State.SEQ;
                        t.segmentStart = t.out.n;
                    } else {
                        fail(t, tag + " inside a takeaway");
                    }
                }
                default -> fail(t, "unexpected " + tag);
            }
        }

        void guidelineClosed(Trajectory t) {
            int[] segment = Arrays.copyOfRange(t.out.ids, t.segmentStart, t.out.n);
            PreBranchDecision d = PreBranchValidator.check(segment, tokenizer);
            if (d instanceof PreBranchDecision.Reject reject) {
                fail(t, "pre-branch check: " + reject.reason());
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
            t.g = t.main.pos;
            t.main.queue.add(newline);
            t.main.queue.add(FORK);
        }

        void fork(Trajectory t, float[] logits, int offset) {
            TokenSampler.Pick stepScore = TokenSampler.score(logits, offset, vocab, tags.stepOpen());
            t.forkLogProb = stepScore.logProb();
            t.forkEntropy = stepScore.entropy();
            int n = t.labels.size();
            t.chooser.fork(n);
            rows.remove(t.main);
            List<Row> branches = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                Row b = new Row(t, k);
                for (KvSegment s : t.main.context) {
                    store.retain(s);
                    b.context.add(s);
                }
                b.own = store.open();
                b.context.add(b.own);
                b.pending = tags.stepOpen();
                b.pos = t.g + 1;
                // the <step> token's score comes from the previous token in merged order; filled at the join
                b.tokens.add(tags.stepOpen(), b.pos, steps, Float.NaN, Float.NaN);
                for (int id : tokenizer.encode(t.labels.get(k) + ":")) {
                    b.queue.add(id);
                }
                branches.add(b);
            }
            t.branches = branches;
            t.state = State.BRANCHES;
            t.branchesPerBlock.add(n);
            t.maxPos = Math.max(t.maxPos, t.g + 1);
            for (Row b : branches) {
                try {
                    t.chooser.forced(b.branch, tags.stepOpen());
                } catch (ReplaySource.ReplayMismatch e) {
                    fail(t, "replay diverged: " + e.getMessage());
                    return;
                }
                rows.add(b);
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
                rows.remove(row);
                if (t.branches.stream().allMatch(b -> b.done)) {
                    join(t);
                }
                return;
            }
            int token = nextToken(t, row.branch, action, logits, offset);
            if (token < 0) {
                return;
            }
            TokenSampler.Pick score = TokenSampler.score(logits, offset, vocab, token);
            row.pos++;
            row.tokens.add(token, row.pos, steps, score.logProb(), score.entropy());
            row.pending = token;
            t.maxPos = Math.max(t.maxPos, row.pos);
            if (overBudget(t)) {
                return;
            }
            if (token == tags.eos()) {
                fail(t, "eos inside step " + (row.branch + 1));
            } else if (token == tags.stepClose()) {
                row.stepClosePos = row.pos;
                row.queue.add(newline);
                row.queue.add(END);
            } else if (tags.isTag(token)) {
                fail(t, tags.tagText(token) + " inside step " + (row.branch + 1)
                        + (token == tags.guidelineOpen() || token == tags.guidelineClose()
                        ? " (nested blocks are not forked)" : ""));
            }
        }

        void join(Trajectory t) {
            Row main = t.main;
            int maxLen = 0;
            for (int k = 0; k < t.branches.size(); k++) {
                Row b = t.branches.get(k);
                b.tokens.logp[0] = k == 0 ? t.forkLogProb : t.branches.get(k - 1).endLogProb;
                b.tokens.ent[0] = k == 0 ? t.forkEntropy : t.branches.get(k - 1).endEntropy;
                t.out.addAll(b.tokens);
                maxLen = Math.max(maxLen, b.stepClosePos - t.g);
                for (KvSegment s : b.context) {
                    if (s != b.own) {
                        store.release(s);
                    }
                }
                main.context.add(b.own); // the branch's reference moves to the main stream
            }
            Row last = t.branches.get(t.branches.size() - 1);
            t.branches = List.of();
            t.chooser.join();
            main.own = store.open();
            main.context.add(main.own);
            main.pos = t.g + maxLen + 1;
            main.pending = tags.takeawayOpen();
            t.out.add(tags.takeawayOpen(), main.pos, steps, last.endLogProb, last.endEntropy);
            t.maxPos = Math.max(t.maxPos, main.pos);
            t.state = State.TAKEAWAY;
            t.segmentStart = t.out.n;
            joins++;
            joinPrefill++; // only the forced <takeaway> is fed: the branches' keys and values are reused
            try {
                t.chooser.forced(-1, tags.takeawayOpen());
            } catch (ReplaySource.ReplayMismatch e) {
                fail(t, "replay diverged: " + e.getMessage());
                return;
            }
            if (!overBudget(t)) {
                rows.add(main);
            }
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
            if (t.state != State.DONE) {
                finish(t, reason);
            }
        }

        void finish(Trajectory t, String reason) {
            t.reason = reason;
            t.endNanos = System.nanoTime();
            // Unfinished branches are appended in order so the text shows where it broke.
            for (Row b : t.branches) {
                t.out.addAll(b.tokens);
                rows.remove(b);
                for (KvSegment s : b.context) {
                    store.release(s);
                }
            }
            t.branches = List.of();
            rows.remove(t.main);
            for (KvSegment s : t.main.context) {
                store.release(s);
            }
            t.main.context.clear();
            t.state = State.DONE;
            live.remove(t);
        }
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
