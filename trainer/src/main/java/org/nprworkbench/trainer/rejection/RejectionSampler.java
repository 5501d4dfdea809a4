package org.nprworkbench.trainer.rejection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.trainer.reward.OverlongShaping;
import org.nprworkbench.trainer.reward.RewardFunction;
import org.nprworkbench.trainer.reward.RewardRule;
import org.nprworkbench.trainer.rollout.Rollout;
import org.nprworkbench.trainer.rollout.RolloutBatch;
import org.nprworkbench.trainer.rollout.RolloutGenerator;

/**
 * Rejection sampling (§4.1, paper Eq. 3): up to K tries per training problem with sequential sampling;
 * a try is accepted when its answer is correct and its text format score is exactly 0; the first
 * accepted try of a problem is kept and the problem retires (at most one trajectory per problem);
 * problems unsolved after K tries are discarded. Each round is one engine run over every problem still
 * unsolved (the released sampler refills batches as problems finish; the outcome, the first accepted
 * of at most K tries, is the same).
 */
public final class RejectionSampler {
    /**
     * Settings.
     *
     * @param maxTries     K (the paper: 8)
     * @param maxNewTokens the response budget (sequential engine)
     * @param sampling     the sampling (the paper: temperature 1, top-p 1, no top-k, no penalty); round k
     *                     offsets its seed
     */
    public record Config(int maxTries, int maxNewTokens, SamplingParams sampling) {
        public Config {
            if (maxTries < 1 || maxNewTokens < 1) {
                throw new IllegalArgumentException("need at least one try and a positive budget");
            }
        }

        /** The paper's: K = 8, temperature 1, top-p 1, at the given budget. */
        public static Config paper(int maxNewTokens, long seed) {
            return new Config(8, maxNewTokens, new SamplingParams(1.0, 1.0, 0, 1.0, seed));
        }
    }

    /** One try's outcome: the response text and what acceptance reads. */
    public record Attempt(String response, boolean correct, double formatScore) {
    }

    /** Progress after round {@code round} (1-based): how many were tried, accepted so far, still open. */
    public record Round(int round, int tried, int accepted, int open) {
    }

    /**
     * The outcome.
     *
     * @param accepted    one trajectory per solved problem, in problem order
     * @param problems    problems offered
     * @param tries       tries made in all
     * @param wallSeconds sampling time
     */
    public record Result(List<AcceptedTrajectory> accepted, int problems, int tries, double wallSeconds) {
        /** Problems discarded after K tries. */
        public int unsolved() {
            return problems - accepted.size();
        }
    }

    private RejectionSampler() {
    }

    /** The acceptance rule 1_correct · 1_format: correct, and format score exactly 0. */
    public static boolean accepts(boolean correct, double formatScore) {
        return correct && formatScore == 0.0;
    }

    /** Rejection-samples {@code problems} from {@code generator}'s model on the sequential engine. */
    public static Result sample(RolloutGenerator generator, List<Problem> problems, Config cfg, Consumer<Round> progress) {
        RewardFunction reward = new RewardFunction(RewardRule.ACCURACY, OverlongShaping.off()); // only correctness and format are read
        EngineConfig engine = EngineConfig.sequential(cfg.maxNewTokens());
        double[] seconds = {0};
        Result r = run(problems, cfg.maxTries(), (open, round) -> {
            RolloutBatch b = generator.generate(open, 1, engine, cfg.sampling().withSeed(cfg.sampling().seed() + round * 1_000_003L),
                    reward);
            seconds[0] += b.wallSeconds();
            List<Attempt> out = new ArrayList<>(open.size());
            for (Rollout x : b.rollouts()) {
                out.add(new Attempt(x.text(), x.correct(), x.formatScore()));
            }
            return out;
        }, generator::userMessage, progress);
        return new Result(r.accepted(), r.problems(), r.tries(), seconds[0]);
    }

    /**
     * The sampling loop: round k (0-based) calls {@code tryRound} with the problems still open and k,
     * and gets one attempt per problem, in order.
     *
     * @param prompt the user message stored with an accepted trajectory
     */
    public static Result run(List<Problem> problems, int maxTries, BiFunction<List<Problem>, Integer, List<Attempt>> tryRound,
                             java.util.function.Function<Problem, String> prompt, Consumer<Round> progress) {
        Map<Integer, AcceptedTrajectory> accepted = new LinkedHashMap<>();
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            open.add(i);
        }
        int tries = 0;
        for (int round = 0; round < maxTries && !open.isEmpty(); round++) {
            List<Problem> batch = new ArrayList<>(open.size());
            for (int i : open) {
                batch.add(problems.get(i));
            }
            List<Attempt> attempts = tryRound.apply(batch, round);
            if (attempts.size() != batch.size()) {
                throw new IllegalStateException(attempts.size() + " attempts for " + batch.size() + " problems");
            }
            tries += batch.size();
            List<Integer> still = new ArrayList<>();
            for (int k = 0; k < batch.size(); k++) {
                Attempt a = attempts.get(k);
                Problem p = batch.get(k);
                if (accepts(a.correct(), a.formatScore())) {
                    accepted.put(open.get(k), new AcceptedTrajectory(p.id(), p.task(), prompt.apply(p), a.response(), round + 1));
                } else {
                    still.add(open.get(k));
                }
            }
            open = still;
            if (progress != null) {
                progress.accept(new Round(round + 1, batch.size(), accepted.size(), open.size()));
            }
        }
        List<AcceptedTrajectory> inOrder = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            if (accepted.containsKey(i)) {
                inOrder.add(accepted.get(i));
            }
        }
        return new Result(inOrder, problems.size(), tries, 0);
    }
}
