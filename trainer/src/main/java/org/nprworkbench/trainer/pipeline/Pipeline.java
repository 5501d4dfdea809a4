package org.nprworkbench.trainer.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.checkpoint.Provenance;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.prompt.PromptTemplate;
import org.nprworkbench.problems.seed.SeedCorpus;
import org.nprworkbench.problems.seed.SolutionStyle;
import org.nprworkbench.problems.task.Knobs;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.batch.Attention;
import org.nprworkbench.trainer.checkpoint.CheckpointPolicy;
import org.nprworkbench.trainer.checkpoint.ResumableTrainer;
import org.nprworkbench.trainer.checkpoint.StageCheckpointer;
import org.nprworkbench.trainer.checkpoint.TrainingState;
import org.nprworkbench.trainer.dapo.DapoConfig;
import org.nprworkbench.trainer.dapo.DapoTrainer;
import org.nprworkbench.trainer.eval.EvalResult;
import org.nprworkbench.trainer.eval.Evaluator;
import org.nprworkbench.trainer.events.TrainingEvent;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.papo.PapoConfig;
import org.nprworkbench.trainer.papo.PapoLoss;
import org.nprworkbench.trainer.papo.PapoTrainer;
import org.nprworkbench.trainer.rejection.AcceptedTrajectory;
import org.nprworkbench.trainer.rejection.RejectionCorpus;
import org.nprworkbench.trainer.rejection.RejectionSampler;
import org.nprworkbench.trainer.reward.OverlongShaping;
import org.nprworkbench.trainer.reward.RewardFunction;
import org.nprworkbench.trainer.reward.RewardRule;
import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.trainer.rollout.RolloutBatch;
import org.nprworkbench.trainer.rollout.RolloutGenerator;
import org.nprworkbench.trainer.sft.CorpusSft;
import org.nprworkbench.trainer.sft.SeedSft;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.stop.RunStop;
import org.nprworkbench.trainer.stop.StopRequested;
import org.nprworkbench.trainer.stop.StopSignal;
import org.nprworkbench.trainer.store.CheckpointRecord;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.RolloutKind;
import org.nprworkbench.trainer.store.RolloutRecord;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.trainer.store.StageInfo;
import org.nprworkbench.trainer.store.RunSpec;
import org.nprworkbench.trainer.store.RunStatus;

import ai.djl.Device;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The NPR training pipeline: the stages {@code seed, zero, beta, papo, sr-beta, sr} in that order,
 * each loading its parent's checkpoint from the run folder, training, evaluating on the test split and
 * saving its final checkpoint to {@code RUN_FOLDER/STAGE}, reporting through one
 * {@link TrainingListener}. Data flow (npr-method.md §3-§5, §8.2):
 * <ul>
 * <li>seed: seed SFT of a fresh embedded model (or {@code seed_init}) on the generated seed corpus of the
 * task, or of {@code seed_tasks}; with {@code seed_init} and {@code seed_steps=0}, that checkpoint;</li>
 * <li>zero: DAPO from seed on sequential rollouts, the paper's reward rule;</li>
 * <li>beta: rejection sampling from zero (first correct try with format score 0, at most K per
 * problem) written to {@code RUN_FOLDER/beta-corpus.jsonl}, then parallel SFT from the SEED checkpoint;</li>
 * <li>papo: PAPO from beta on the parallel engine;</li>
 * <li>sr-beta: causal SFT on the same corpus from the seed checkpoint;</li>
 * <li>sr: DAPO (causal, sequential engine) from beta on PAPO's rollout budget.</li>
 * </ul>
 * RL stages validate every {@code val_every} steps on the validation split. The problems come from a
 * {@link ProblemSource}: a task family's generated splits, or a benchmark file split by the seed.
 */
public final class Pipeline {
    /** The corpus file the beta stage writes into the run folder and sr-beta reads. */
    public static final String CORPUS_FILE = "beta-corpus.jsonl";

    /** The run's kind in its recorded configuration ({@code "kind"}), for {@code npr train --resume}. */
    public static final String KIND = "pipeline";

    /**
     * What to run.
     *
     * @param run       the run's name (the run store's and the folder's)
     * @param source    where the problems come from: a task family or a benchmark file
     * @param stages    stages to run, in pipeline order
     * @param config    hyper-parameters
     * @param runFolder where each stage's checkpoint goes ({@code runFolder/STAGE})
     * @param device    where to train
     */
    public record Plan(String run, ProblemSource source, List<StageKind> stages, PipelineConfig config, Path runFolder,
                       Device device) {
        public Plan {
            List<StageKind> sorted = new ArrayList<>(EnumSet.copyOf(stages));
            if (sorted.size() != stages.size()) {
                throw new BadInputException("--stages names a stage twice: " + stages);
            }
            stages = List.copyOf(sorted);
        }

        /** A plan on the task family {@code task}. */
        public Plan(String run, String task, List<StageKind> stages, PipelineConfig config, Path runFolder, Device device) {
            this(run, ProblemSource.family(task), stages, config, runFolder, device);
        }

        /** What the run trains on, in words ({@link ProblemSource#label()}). */
        public String task() {
            return source.label();
        }
    }

    /**
     * One stage's result.
     *
     * @param checkpoint its final checkpoint folder
     * @param steps      optimiser steps it ran
     * @param test       its final evaluation on the test split
     */
    public record StageOutcome(StageKind stage, Path checkpoint, long steps, EvalResult test) {
    }

    /**
     * How a run saves resumable step checkpoints and learns of stop requests.
     *
     * @param checkpointEvery a resumable checkpoint every N steps of each stage under
     *                        {@code RUN_FOLDER/checkpoints} (0: only when stopping)
     * @param keepLast        step checkpoints kept per stage
     * @param stop            asked at every step boundary
     * @param store           the run store whose rows pruned checkpoints are marked in, and which
     *                        {@link #resume} reads; null outside a run store
     */
    public record Control(int checkpointEvery, int keepLast, StopSignal stop, RunStore store) {
        /** No step checkpoints, no stop requests, no store. */
        public static final Control NONE = new Control(0, 1, StopSignal.NEVER, null);
    }

    /** Where a resumed stage continues from: a step checkpoint folder and its training state. */
    private record Start(Path folder, TrainingState state) {
        long firstStep() {
            return state.step() + 1;
        }
    }

    /** The folder under the run folder that holds step checkpoints. */
    public static final String STEP_CHECKPOINTS = "checkpoints";

    private final Plan plan;
    private final PipelineConfig cfg;
    private final TrainingListener events;
    private final Control control;
    private final List<Problem> trainPool;
    private final List<Problem> valProblems;
    private final List<Problem> testProblems;
    private final long seed;

    public Pipeline(Plan plan, TrainingListener events) {
        this(plan, events, Control.NONE, true);
    }

    /** A pipeline whose stages save step checkpoints and stop on request as {@code control} says. */
    public Pipeline(Plan plan, TrainingListener events, Control control) {
        this(plan, events, control, true);
    }

    private Pipeline(Plan plan, TrainingListener events, Control control, boolean fresh) {
        this.plan = plan;
        this.cfg = plan.config();
        this.events = events;
        this.control = control;
        this.seed = cfg.integer("seed");
        ProblemSource.Pools pools = plan.source().pools(cfg);
        this.trainPool = pools.train();
        this.valProblems = pools.val();
        this.testProblems = pools.test();
        if (fresh) {
            requireRunnable(plan);
        }
    }

    /** The checkpoint (or corpus) each stage needs, produced by which stage. */
    private static Map<StageKind, List<StageKind>> needs(PipelineConfig cfg) {
        Map<StageKind, List<StageKind>> m = new LinkedHashMap<>();
        m.put(StageKind.SEED, List.of());
        m.put(StageKind.ZERO, List.of(StageKind.SEED));
        m.put(StageKind.BETA, List.of(StageKind.SEED, StageKind.ZERO));
        m.put(StageKind.PAPO, List.of(StageKind.BETA));
        m.put(StageKind.SR_BETA, List.of(StageKind.SEED, StageKind.BETA));
        m.put(StageKind.SR, List.of(srParent(cfg)));
        return m;
    }

    /**
     * Checks before any training that the source can give the configured problems, that every stage's
     * inputs will exist (made by an earlier stage of the plan or already in the run folder), that the
     * seed stage has a corpus or a checkpoint to start from, and that no planned stage's folder
     * already holds files.
     */
    public static void requireRunnable(Plan plan) {
        Set<StageKind> planned = EnumSet.copyOf(plan.stages());
        PipelineConfig cfg = plan.config();
        plan.source().requireUsable(cfg);
        if (plan.source() instanceof ProblemSource.BenchmarkFile f) {
            requireFileSettings(f.file(), plan.stages(), cfg, Set.of());
        }
        if (usesSeedCorpus(plan.stages(), cfg)) {
            for (String name : seedTasks(plan)) { // names, knob names and ranges
                Knobs.of(TaskRegistry.get(name), cfg.integer("difficulty"), cfg.knobs());
            }
        }
        String init = cfg.text("seed_init");
        if (planned.contains(StageKind.SEED)) {
            if (!init.isEmpty() && !Files.isDirectory(Path.of(init))) {
                throw BadInputException.inFile(Path.of(init), "seed_init names no checkpoint folder; give a folder or a "
                        + "name from `npr checkpoints`");
            }
            if (init.isEmpty() && plan.config().integer("seed_steps") == 0) {
                throw new BadInputException("--set seed_steps=0 takes seed_init as the seed stage; without seed_init "
                        + "the seed stage needs at least one step");
            }
        }
        for (StageKind s : plan.stages()) {
            Path own = plan.runFolder().resolve(s.label());
            if (Files.exists(own)) {
                throw BadInputException.inFile(own, "already exists; choose another --run name or move the folder aside");
            }
            for (StageKind need : needs(plan.config()).get(s)) {
                Path input = need == StageKind.BETA && s == StageKind.SR_BETA ? plan.runFolder().resolve(CORPUS_FILE)
                        : plan.runFolder().resolve(need.label());
                if (!planned.contains(need) && !Files.exists(input)) {
                    throw new BadInputException("stage " + s + " needs " + input + " from stage " + need
                            + ": add " + need + " to --stages");
                }
            }
        }
    }

    /**
     * Checks what a run on the benchmark file {@code file} cannot be asked for, before the file is
     * read: {@code difficulty} or {@code knobs} set explicitly ({@code explicit}: the keys the user
     * set) when no seed corpus uses them (a file's problems are used as written); a seed SFT without
     * {@code seed_tasks} (a file has no solver traces); and {@code beta_fill_from_seed_corpus} with
     * the beta stage (a file's problems have no programmatic solutions). Each refusal says what to do.
     */
    public static void requireFileSettings(Path file, List<StageKind> stages, PipelineConfig cfg, Collection<String> explicit) {
        boolean corpus = usesSeedCorpus(stages, cfg);
        for (String key : List.of("difficulty", "knobs")) {
            if (explicit.contains(key) && !corpus) {
                throw BadInputException.inFile(file, "--set " + key + " does not apply to a benchmark file, whose "
                        + "problems are used as written; leave " + key + " out (it shapes a task family's generated "
                        + "problems, and with a file only the seed corpus of seed_tasks when the seed stage trains)");
            }
        }
        if (corpus && cfg.seedTasks().isEmpty()) {
            throw BadInputException.inFile(file, "a benchmark file has no solver traces for the seed SFT: "
                    + "--set seed_tasks=FAMILY[,FAMILY...] trains the seed stage on those task families' generated seed "
                    + "corpus, or --set seed_init=CK --set seed_steps=0 takes a trained checkpoint as the seed (as the "
                    + "quickstart preset does)");
        }
        if (stages.contains(StageKind.BETA) && cfg.flag("beta_fill_from_seed_corpus")) {
            throw BadInputException.inFile(file, "beta_fill_from_seed_corpus tops the beta corpus up with "
                    + "programmatic solutions, which a benchmark file's problems do not have: --set "
                    + "beta_fill_from_seed_corpus=false (rejection sampling alone fills the corpus), or leave beta and "
                    + "the stages after it out of --stages");
        }
    }

    /** Whether a seed stage in {@code stages} trains on a generated seed corpus (it runs, with seed steps). */
    public static boolean usesSeedCorpus(List<StageKind> stages, PipelineConfig cfg) {
        return stages.contains(StageKind.SEED) && cfg.integer("seed_steps") > 0;
    }

    /** The families of the seed corpus: {@code seed_tasks}, else the run's task family. */
    private static List<String> seedTasks(Plan plan) {
        List<String> named = plan.config().seedTasks();
        if (!named.isEmpty()) {
            return named;
        }
        return plan.source() instanceof ProblemSource.Family f ? List.of(f.label()) : List.of();
    }

    /** Runs the plan's stages; returns each one's outcome. A failure is reported as run failed and rethrown. */
    public List<StageOutcome> run() {
        return run(Set.of(), null, null);
    }

    /**
     * Continues the recorded run {@code plan.run()} (stopped, killed or failed) in {@code control}'s
     * store: stages that finished are skipped (their checkpoints are the next stages' parents); the
     * first unfinished stage continues from its newest resumable checkpoint (from its start when it
     * has none), its metric and sample rows after that checkpoint deleted first; the rest run as
     * usual. {@code plan} must carry the run's recorded configuration. Returns the outcomes of the
     * stages run now. A stop request ends it as {@link #run} does.
     */
    public static List<StageOutcome> resume(Plan plan, TrainingListener events, Control control) {
        RunStore store = control.store();
        RunInfo info = store.requireRun(plan.run());
        Set<StageKind> finished = EnumSet.noneOf(StageKind.class);
        for (StageInfo st : store.stages(info.id())) {
            if (st.status() == RunStatus.FINISHED && Files.isDirectory(plan.runFolder().resolve(st.kind().label()))) {
                finished.add(st.kind());
            }
        }
        StageKind current = plan.stages().stream().filter(k -> !finished.contains(k)).findFirst()
                .orElseThrow(() -> new BadInputException("run " + plan.run() + ": every stage has finished; nothing to resume"));
        Start start = StageCheckpointer.latest(store, info.id(), current)
                .map(c -> new Start(Path.of(c.folder()), TrainingState.read(Path.of(c.folder())))).orElse(null);
        long after = start == null ? 0 : start.state().step();
        if (store.stages(info.id()).stream().anyMatch(st -> st.kind() == current)) {
            store.deleteMetricsAfter(info.id(), current, after);
            store.deleteRolloutsAfter(info.id(), current, after);
        }
        return new Pipeline(plan, events, control, false).run(finished, current, start);
    }

    private List<StageOutcome> run(Set<StageKind> skip, StageKind resumed, Start start) {
        events.runStarted(new TrainingEvent.RunStarted(new RunSpec(plan.run(), plan.task(), cfg.presetName(), plan.stages(),
                configJson(), seed, org.nprworkbench.engine.model.Devices.name(plan.device())), resumed != null));
        StageKind running = null;
        try {
            List<StageOutcome> out = new ArrayList<>();
            boolean first = true;
            for (StageKind s : plan.stages()) {
                if (skip.contains(s)) {
                    continue;
                }
                if (!first && control.stop().requested()) {
                    throw new StopRequested(null, 0, null);
                }
                first = false;
                Start from = s == resumed ? start : null;
                running = s;
                out.add(switch (s) {
                    case SEED -> seedStage(from);
                    case ZERO -> zeroStage(from);
                    case BETA -> betaStage(from);
                    case PAPO -> papoStage(from);
                    case SR_BETA -> srBetaStage(from);
                    case SR -> srStage(from);
                });
                running = null;
            }
            events.runEnded(new TrainingEvent.RunEnded(RunStatus.FINISHED));
            return out;
        } catch (StopRequested e) {
            RunStop.record(events, running, e);
            throw e;
        } catch (RuntimeException e) {
            try {
                events.runFailed(new TrainingEvent.RunFailed(String.valueOf(e.getMessage())));
            } catch (RuntimeException inner) {
                e.addSuppressed(inner);
            }
            throw e;
        }
    }

    private String configJson() {
        var o = cfg.toJson();
        plan.source().record(o);
        o.addProperty("stages", String.join(",", plan.stages().stream().map(StageKind::label).toList()));
        o.addProperty("prompt_template", "bare");
        o.addProperty("kind", KIND);
        o.addProperty("run_folder", plan.runFolder().toAbsolutePath().toString());
        o.addProperty("checkpoint_every", control.checkpointEvery());
        o.addProperty("keep_last", control.keepLast());
        return o.toString();
    }

    private Path folder(StageKind s) {
        return plan.runFolder().resolve(s.label());
    }

    private RolloutGenerator generator(Checkpoint.Loaded ck) {
        return RolloutGenerator.of(ck, PromptTemplate.bare());
    }

    // ---------------------------------------------------------------- stages

    private StageOutcome seedStage(Start from) {
        int steps = cfg.integer("seed_steps");
        String init = cfg.text("seed_init");
        events.stageStarted(new TrainingEvent.StageStarted(StageKind.SEED, from == null ? 1 : from.firstStep(), steps,
                init.isEmpty() ? null : init));
        try (Checkpoint.Loaded ck = from != null ? Checkpoint.load(from.folder(), plan.device())
                : init.isEmpty() ? Checkpoint.fresh(cfg.choice("model_size"), plan.device(), seed)
                : Checkpoint.load(Path.of(init), plan.device())) {
            if (steps == 0) { // seed_init taken as it is: the stage is that checkpoint
                return endStage(StageKind.SEED, ck, 0, Path.of(init), Map.of());
            }
            SeedSft.Config sc = new SeedSft.Config(seedTasks(plan), cfg.integer("seed_examples"), cfg.real("seed_npr_share"),
                    steps, cfg.integer("seed_batch"), cfg.real("seed_lr"), seed, cfg.integer("difficulty"), cfg.knobs());
            double loss = SeedSft.train(ck, sc, events, checkpointer(StageKind.SEED, ck, null),
                    from == null ? null : from.state(), control.stop());
            return endStage(StageKind.SEED, ck, steps, init.isEmpty() ? null : Path.of(init), Map.of("loss", loss));
        }
    }

    private StageOutcome zeroStage(Start from) {
        int steps = cfg.integer("zero_steps");
        Path parent = folder(StageKind.SEED);
        events.stageStarted(new TrainingEvent.StageStarted(StageKind.ZERO, from == null ? 1 : from.firstStep(), steps,
                parent.toString()));
        try (Checkpoint.Loaded ck = Checkpoint.load(from == null ? parent : from.folder(), plan.device())) {
            int maxNew = cfg.integer("zero_max_new_tokens");
            DapoConfig base = DapoConfig.paper(cfg.integer("zero_prompts_per_step"), cfg.integer("zero_samples"),
                    cfg.integer("zero_prompts_per_mini_batch"), maxNew, cfg.integer("zero_max_gen_rounds"), seed);
            DapoConfig dc = new DapoConfig(base.promptsPerStep(), base.samplesPerPrompt(), base.promptsPerMiniBatch(),
                    base.microBatch(), base.clip(), cfg.flag("zero_dynamic_sampling"), base.maxGenRounds(), reward(maxNew),
                    base.engine(), base.sampling(), base.optimizer());
            double peak = cfg.real("zero_lr");
            List<RolloutBatch> seen = new ArrayList<>();
            RolloutGenerator gen = generator(ck).observe(seen::add);
            PromptCursor prompts = new PromptCursor(trainPool, seed);
            try (DapoTrainer t = new DapoTrainer(gen, dc)) {
                // §3.1: cosine schedule with warm-up (min_lr_ratio 1e-8, so the floor is 0). verl counts
                // scheduler steps from 0, so its last optimiser step still has a learning rate above 0:
                // the schedule runs over steps + 1 so that the last step here is not wasted at 0.
                rlLoop(StageKind.ZERO, ck, steps, seen, EngineConfig.sequential(cfg.integer("eval_max_new_tokens")),
                        step -> t.step(() -> prompts.next(dc.promptsPerStep()),
                                org.nprworkbench.trainer.sft.SftLoop.schedule(peak, step, steps + 1, 0.0)),
                        t, prompts, from, parent);
            }
            return endStage(StageKind.ZERO, ck, steps, parent, Map.of());
        }
    }

    private StageOutcome betaStage(Start from) {
        if (from != null) { // resumed mid-SFT: the corpus it trains on was written before
            List<AcceptedTrajectory> corpus = RejectionCorpus.read(plan.runFolder().resolve(CORPUS_FILE));
            return sftStage(StageKind.BETA, Attention.PARALLEL, corpus, "parallel SFT on " + CORPUS_FILE + " (resumed)", 0, -1,
                    from);
        }
        // rejection sampling from NPR-Zero (§4.1)
        List<AcceptedTrajectory> corpus;
        try (Checkpoint.Loaded zero = Checkpoint.load(folder(StageKind.ZERO), plan.device())) {
            List<Problem> offered = trainPool.subList(0, Math.min(trainPool.size(), cfg.integer("beta_problems")));
            RejectionSampler.Result r = RejectionSampler.sample(generator(zero), offered,
                    new RejectionSampler.Config(cfg.integer("beta_max_tries"), cfg.integer("beta_max_new_tokens"),
                            new SamplingParams(1.0, 1.0, 0, 1.0, seed)), null);
            corpus = new ArrayList<>(r.accepted());
            String sampled = String.format(java.util.Locale.ROOT,
                    "rejection sampling from zero: %d of %d problems accepted in %d tries (%.1f s)",
                    r.accepted().size(), r.problems(), r.tries(), r.wallSeconds());
            int filled = fill(corpus, offered);
            Path file = plan.runFolder().resolve(CORPUS_FILE);
            try {
                Files.createDirectories(plan.runFolder());
            } catch (java.io.IOException e) {
                throw BadInputException.inFile(plan.runFolder(), "cannot create the run folder: " + e.getMessage());
            }
            RejectionCorpus.write(file, corpus);
            return sftStage(StageKind.BETA, Attention.PARALLEL, corpus, sampled, filled, r.accepted().size(), null);
        }
    }

    private StageOutcome srBetaStage(Start from) {
        List<AcceptedTrajectory> corpus = RejectionCorpus.read(plan.runFolder().resolve(CORPUS_FILE));
        return sftStage(StageKind.SR_BETA, Attention.CAUSAL, corpus, "causal SFT on " + CORPUS_FILE, 0, -1, from);
    }

    /**
     * When {@code beta_fill_from_seed_corpus} is on and the corpus is smaller than
     * {@code beta_min_corpus}, adds programmatic NPR solutions (tries = 0) for unsolved offered problems
     * until it is not (smoke plumbing: a tiny model trained for seconds solves nothing). Returns how
     * many were added.
     */
    private int fill(List<AcceptedTrajectory> corpus, List<Problem> offered) {
        if (!cfg.flag("beta_fill_from_seed_corpus")) {
            return 0;
        }
        Set<String> solved = new java.util.HashSet<>();
        corpus.forEach(a -> solved.add(a.problemId()));
        Random rnd = new Random(seed);
        int added = 0;
        for (Problem p : offered) {
            if (corpus.size() >= cfg.integer("beta_min_corpus")) {
                break;
            }
            if (!solved.contains(p.id())) {
                corpus.add(new AcceptedTrajectory(p.id(), p.task(), PromptTemplate.bare().render(p.text()),
                        SeedCorpus.solution(p, SolutionStyle.NPR, rnd), 0));
                added++;
            }
        }
        return added;
    }

    private StageOutcome sftStage(StageKind stage, Attention attention, List<AcceptedTrajectory> corpus, String note,
                                  int filled, int sampled, Start from) {
        if (corpus.isEmpty()) {
            throw new BadInputException("stage " + stage + ": rejection sampling accepted no trajectory (the zero model was "
                    + "never correct with format score 0); train the seed and zero stages longer (--set seed_steps=..., "
                    + "zero_steps=...) or raise beta_max_tries / beta_problems");
        }
        int batch = cfg.integer("beta_batch");
        int epochs = cfg.integer("beta_epochs");
        long planned = (long) epochs * ((corpus.size() + batch - 1) / batch);
        Path parent = folder(StageKind.SEED);
        events.stageStarted(new TrainingEvent.StageStarted(stage, from == null ? 1 : from.firstStep(), planned, parent.toString()));
        events.notice(new TrainingEvent.Notice(stage, null, EventKind.INFO, note));
        if (filled > 0) {
            events.notice(new TrainingEvent.Notice(stage, null, EventKind.WARNING, filled
                    + " programmatic NPR solutions added to the corpus (beta_fill_from_seed_corpus)"));
        }
        try (Checkpoint.Loaded ck = Checkpoint.load(from == null ? parent : from.folder(), plan.device())) {
            CorpusSft.Result r = CorpusSft.train(ck, corpus, new CorpusSft.Config(attention, epochs, batch, cfg.real("beta_lr"),
                    cfg.real("beta_floor"), 0.1, seed), p -> events.stepMetrics(
                    new TrainingEvent.StepMetrics(stage, p.step(), SeedSft.metrics(p), Instant.now())),
                    checkpointer(stage, ck, parent), from == null ? null : from.state(), control.stop());
            if (r.malformedDropped() + r.tooLongDropped() > 0) {
                events.notice(new TrainingEvent.Notice(stage, null, EventKind.WARNING, r.malformedDropped()
                        + " malformed and " + r.tooLongDropped() + " over-long examples dropped"));
            }
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", r.loss());
            m.put("corpus", (double) corpus.size());
            m.put("malformed_dropped", (double) r.malformedDropped());
            if (sampled >= 0) {
                m.put("corpus_sampled", (double) sampled);
                m.put("corpus_filled", (double) filled);
            }
            return endStage(stage, ck, r.steps(), parent, m);
        }
    }

    private StageOutcome papoStage(Start from) {
        int steps = cfg.integer("papo_steps");
        Path parent = folder(StageKind.BETA);
        events.stageStarted(new TrainingEvent.StageStarted(StageKind.PAPO, from == null ? 1 : from.firstStep(), steps,
                parent.toString()));
        try (Checkpoint.Loaded ck = Checkpoint.load(from == null ? parent : from.folder(), plan.device())) {
            PapoConfig base = PapoConfig.paper(cfg.integer("papo_samples"), cfg.integer("papo_prompts_per_mini_batch"),
                    cfg.integer("papo_max_new_tokens"), ck.forcedLayout(), seed);
            PapoConfig pc = new PapoConfig(base.samplesPerPrompt(), base.promptsPerMiniBatch(), base.microBatch(),
                    cfg.choice("papo_aggregation").equals("token") ? PapoLoss.Aggregation.GLOBAL_TOKEN_MEAN
                            : PapoLoss.Aggregation.SEQUENCE_MEAN, base.std(), base.engine(), base.sampling(), base.optimizer());
            double lr = cfg.real("papo_lr"); // §5.4: constant, no warm-up
            int n = cfg.integer("papo_prompts_per_step");
            List<RolloutBatch> seen = new ArrayList<>();
            RolloutGenerator gen = generator(ck).observe(seen::add);
            PromptCursor prompts = new PromptCursor(trainPool, seed + 2);
            try (PapoTrainer t = new PapoTrainer(gen, pc)) {
                rlLoop(StageKind.PAPO, ck, steps, seen, EngineConfig.parallel(cfg.integer("eval_max_new_tokens"), ck.forcedLayout()),
                        step -> t.step(prompts.next(n), lr), t, prompts, from, parent);
            }
            return endStage(StageKind.PAPO, ck, steps, parent, Map.of());
        }
    }

    private StageOutcome srStage(Start from) {
        int steps = cfg.integer("papo_steps");
        Path parent = folder(srParent(cfg));
        events.stageStarted(new TrainingEvent.StageStarted(StageKind.SR, from == null ? 1 : from.firstStep(), steps,
                parent.toString()));
        try (Checkpoint.Loaded ck = Checkpoint.load(from == null ? parent : from.folder(), plan.device())) {
            int n = cfg.integer("papo_prompts_per_step");
            int mini = cfg.integer("papo_prompts_per_mini_batch");
            int maxNew = cfg.integer("papo_max_new_tokens");
            // PAPO's rollout budget: the same prompts x samples per step, one generation round
            DapoConfig base = DapoConfig.paper(n, cfg.integer("papo_samples"), mini == 0 ? n : mini, maxNew, 1, seed);
            DapoConfig dc = new DapoConfig(base.promptsPerStep(), base.samplesPerPrompt(), base.promptsPerMiniBatch(),
                    base.microBatch(), base.clip(), base.dynamicSampling(), 1, reward(maxNew), base.engine(), base.sampling(),
                    base.optimizer());
            double lr = cfg.real("sr_lr");
            List<RolloutBatch> seen = new ArrayList<>();
            RolloutGenerator gen = generator(ck).observe(seen::add);
            PromptCursor prompts = new PromptCursor(trainPool, seed + 2); // PAPO's prompts, in PAPO's order
            try (DapoTrainer t = new DapoTrainer(gen, dc)) {
                rlLoop(StageKind.SR, ck, steps, seen, EngineConfig.sequential(cfg.integer("eval_max_new_tokens")),
                        step -> t.step(() -> prompts.next(n), lr), t, prompts, from, parent);
            }
            return endStage(StageKind.SR, ck, steps, parent, Map.of());
        }
    }

    /** SR's start: NPR-Beta (the paper's Table 2) or SR-Beta ({@code sr_from}). */
    private static StageKind srParent(PipelineConfig cfg) {
        return cfg.choice("sr_from").equals("sr-beta") ? StageKind.SR_BETA : StageKind.BETA;
    }

    private RewardFunction reward(int maxNew) {
        RewardRule rule = cfg.choice("zero_reward").equals("paper") ? RewardRule.PAPER_FORMAT_ACCURACY : RewardRule.ACCURACY;
        return new RewardFunction(rule, OverlongShaping.paperScaled(maxNew));
    }

    // ---------------------------------------------------------------- shared parts

    /**
     * The RL step loop: each step's metrics (plus validation every {@code val_every} steps and at the
     * last) and a sample of its rollouts go to the listener.
     */
    private void rlLoop(StageKind stage, Checkpoint.Loaded ck, int steps, List<RolloutBatch> seen, EngineConfig valEngine,
                        Function<Integer, Map<String, Double>> step, ResumableTrainer trainer, PromptCursor prompts,
                        Start from, Path parent) {
        int every = cfg.integer("val_every");
        int logged = cfg.integer("log_rollouts");
        RolloutGenerator plain = generator(ck);
        StageCheckpointer cp = checkpointer(stage, ck, parent);
        int first = 1;
        if (from != null) {
            JsonObject x = from.state().extra();
            trainer.restore(from.state().optimizer(), x.get("seed_offset").getAsLong());
            prompts.restore(x);
            first = (int) from.firstStep();
        }
        for (int s = first; s <= steps; s++) {
            seen.clear();
            Map<String, Double> m = new LinkedHashMap<>(step.apply(s));
            List<RolloutRecord> samples = new ArrayList<>();
            for (RolloutBatch b : seen) {
                for (Rollout r : b.rollouts()) {
                    if (samples.size() < logged) {
                        samples.add(Evaluator.record(r, plain, stage, s, RolloutKind.ROLLOUT));
                    }
                }
            }
            if (s % every == 0 || s == steps) {
                EvalResult v = Evaluator.evaluate(plain, valProblems, new Evaluator.Settings(cfg.integer("val_k"), valEngine,
                        evalSampling(seed)));
                m.putAll(validationMetrics(plan.task(), v));
                samples.addAll(Evaluator.records(v, plain, stage, s, RolloutKind.EVAL, logged));
            }
            events.stepMetrics(new TrainingEvent.StepMetrics(stage, s, m, Instant.now()));
            if (!samples.isEmpty()) {
                events.rolloutSamples(new TrainingEvent.RolloutSamples(samples));
            }
            boolean stopping = s < steps && control.stop().requested();
            String saved = null;
            if (stopping || cp.due(s, steps)) {
                JsonObject x = prompts.state();
                x.addProperty("seed_offset", trainer.seedOffset());
                saved = cp.save(s, false, trainer.optimizerState(), x, Map.of()).toString();
            }
            if (stopping) {
                throw new StopRequested(stage, s, saved);
            }
        }
    }

    /** Step checkpoints of {@code stage} under {@code RUN_FOLDER/checkpoints}; the stage's end checkpoint is {@link #endStage}'s. */
    private StageCheckpointer checkpointer(StageKind stage, Checkpoint.Loaded ck, Path parent) {
        return new StageCheckpointer(ck, stage, stage.label(), new CheckpointPolicy(control.checkpointEvery(),
                Math.max(1, control.keepLast()), null, false), plan.runFolder().resolve(STEP_CHECKPOINTS), null, plan.run(),
                plan.task(), parentName(parent), events, control.store());
    }

    /**
     * How provenance names a parent checkpoint: a stage of this run by its catalogue name
     * {@code RUN/STAGE}, which means the same on any machine; a folder outside the run by its path.
     */
    private String parentName(Path parent) {
        if (parent == null) {
            return null;
        }
        Path runFolder = plan.runFolder().toAbsolutePath().normalize();
        Path folder = parent.toAbsolutePath().normalize();
        if (folder.getParent() != null && folder.getParent().equals(runFolder)) {
            return plan.run() + "/" + folder.getFileName();
        }
        return parent.toString();
    }

    /** Validation figures under {@code val/TASK/...}: mean@k, best@k, format-valid and parallel rates. */
    public static Map<String, Double> validationMetrics(String source, EvalResult v) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricNames.valMean(source, v.k()), v.avgAtK());
        m.put(MetricNames.valBest(source, v.k()), v.bestAtK());
        m.put(MetricNames.VAL_PREFIX + source + "/format_valid_rate", v.formatValidRate());
        m.put(MetricNames.VAL_PREFIX + source + "/parallel_rate", v.parallelRate());
        return m;
    }

    private SamplingParams evalSampling(long s) {
        return new SamplingParams(1.0, cfg.real("eval_top_p"), 0, 1.0, s); // §7.1: temperature 1, top-p 0.7
    }

    /**
     * The end of every stage: the final evaluation on the test split (on the engine its checkpoint
     * calls for, {@link Evaluator#engineFor}), then {@link #saveCheckpoint}, then stage ended.
     */
    private StageOutcome endStage(StageKind stage, Checkpoint.Loaded ck, long steps, Path parent, Map<String, Double> metrics) {
        RolloutGenerator gen = generator(ck);
        EvalResult test = Evaluator.evaluate(gen, testProblems, new Evaluator.Settings(cfg.integer("test_k"),
                Evaluator.engineFor(stage.label(), cfg.integer("eval_max_new_tokens"), ck.forcedLayout()), evalSampling(seed + 7)));
        events.rolloutSamples(new TrainingEvent.RolloutSamples(
                Evaluator.records(test, gen, stage, steps, RolloutKind.EVAL, cfg.integer("log_rollouts"))));
        Map<String, Double> m = new LinkedHashMap<>(metrics);
        m.put("test_avg_at_k", test.avgAtK());
        m.put("test_best_at_k", test.bestAtK());
        m.put("test_format_valid_rate", test.formatValidRate());
        m.put("test_parallel_rate", test.parallelRate());
        m.put("test_t_over_c", test.tOverC());
        m.put("test_tokens_per_second", test.tokensPerSecond());
        Path saved = saveCheckpoint(stage, ck, steps, parent, m);
        if (stage == StageKind.SR) {
            recordTpsRatios(test.tokensPerSecond());
        }
        events.stageEnded(new TrainingEvent.StageEnded(stage, RunStatus.FINISHED, steps, null));
        return new StageOutcome(stage, saved, steps, test);
    }

    /**
     * Once SR's final evaluation is known, each parallel stage of the run with a final checkpoint
     * (NPR-Beta, PAPO) gets {@code npr/tps_ratio} at its last step: its test tokens per second over
     * SR's, both measured by the same evaluation (same problems, samples and budget; npr-method.md §7).
     */
    private void recordTpsRatios(double srTps) {
        if (!(srTps > 0)) {
            return;
        }
        for (StageKind npr : List.of(StageKind.BETA, StageKind.PAPO)) {
            Path folder = folder(npr);
            if (!Files.isRegularFile(folder.resolve(Provenance.FILE))) {
                continue;
            }
            Provenance p = Provenance.read(folder);
            Double tps = p.metrics().get("test_tokens_per_second");
            if (tps != null && tps > 0) {
                events.stepMetrics(new TrainingEvent.StepMetrics(npr, p.step(),
                        Map.of(MetricNames.NPR_TPS_RATIO, tps / srTps), Instant.now()));
            }
        }
    }

    /** Saves {@code ck} as {@code stage}'s checkpoint at {@code step} and reports it; the one place a stage saves. */
    private Path saveCheckpoint(StageKind stage, Checkpoint.Loaded ck, long step, Path parent, Map<String, Double> metrics) {
        Path dest = folder(stage);
        String parentName = parentName(parent);
        Checkpoint.save(ck.model(), ck.tokenizer(), dest, new Provenance(stage.label(), parentName, plan.run(), step,
                plan.task(), metrics, Instant.now().toString()), parent);
        events.checkpointSaved(new TrainingEvent.CheckpointSaved(new CheckpointRecord(stage, step, dest, parentName, metrics)));
        return dest;
    }

    /** Walks the training pool in a seeded shuffled order, reshuffling when it runs out; its state goes into checkpoints. */
    private static final class PromptCursor {
        private final List<Problem> pool;
        private Random rnd;
        private final List<Integer> order = new ArrayList<>(); // indices into pool still to draw, drawn from the end

        PromptCursor(List<Problem> pool, long seed) {
            this.pool = pool;
            this.rnd = new Random(seed);
        }

        List<Problem> next(int n) {
            List<Problem> out = new ArrayList<>(n);
            while (out.size() < n) {
                if (order.isEmpty()) {
                    for (int i = 0; i < pool.size(); i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, rnd);
                }
                out.add(pool.get(order.remove(order.size() - 1)));
            }
            return out;
        }

        /** The order still to draw and the generator, for a checkpoint's training state. */
        JsonObject state() {
            JsonObject x = new JsonObject();
            JsonArray left = new JsonArray();
            order.forEach(left::add);
            x.add("prompt_order", left);
            x.addProperty("prompt_rng", TrainingState.encode(rnd));
            x.addProperty("prompt_pool", pool.size());
            return x;
        }

        /** Continues from {@link #state}. */
        void restore(JsonObject x) {
            if (x.get("prompt_pool").getAsInt() != pool.size()) {
                throw new IllegalArgumentException("the checkpoint drew prompts from a pool of " + x.get("prompt_pool")
                        + " problems, this run has " + pool.size());
            }
            order.clear();
            x.getAsJsonArray("prompt_order").forEach(e -> order.add(e.getAsInt()));
            rnd = TrainingState.decodeRandom(x.get("prompt_rng").getAsString());
        }
    }
}
