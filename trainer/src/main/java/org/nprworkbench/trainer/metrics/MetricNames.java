package org.nprworkbench.trainer.metrics;

/**
 * The names under which the trainer records metrics in the run store. They follow verl's names
 * where verl has one (so curves compare with verl's logs), and NPR's own quantities sit under
 * {@code npr/}. Validation accuracy is {@code val/SOURCE/mean@K} (and {@code best@K}).
 */
public final class MetricNames {
    private MetricNames() {
    }

    // --- supervised fine-tuning (verl's SFT trainer logs train/loss and train/lr) ---
    /** Mean token negative log-likelihood of the step's batch (SFT stages). */
    public static final String TRAIN_LOSS = "train/loss";
    /** Learning rate of the SFT step (plain value; verl scales it by 1e3 in its name). */
    public static final String TRAIN_LR = "train/lr";
    /** Global gradient L2 norm before clipping (SFT stages). */
    public static final String TRAIN_GRAD_NORM = "train/grad_norm";

    // --- RL rewards and advantages (verl) ---
    /** Mean task score of the step's rollouts (before shaping). */
    public static final String SCORE_MEAN = "critic/score/mean";
    /** Mean reward after shaping (overlong penalty, format rule). */
    public static final String REWARDS_MEAN = "critic/rewards/mean";
    /** Mean advantage over response tokens. */
    public static final String ADVANTAGES_MEAN = "critic/advantages/mean";

    // --- responses (verl) ---
    /** Mean response length in tokens. */
    public static final String RESPONSE_LENGTH_MEAN = "response_length/mean";
    /** Share of responses cut at the length cap. */
    public static final String RESPONSE_LENGTH_CLIP_RATIO = "response_length/clip_ratio";

    // --- actor update (verl) ---
    /** Policy-gradient loss. */
    public static final String ACTOR_PG_LOSS = "actor/pg_loss";
    /** Mean token entropy of the policy. */
    public static final String ACTOR_ENTROPY = "actor/entropy";
    /** Global gradient L2 norm before clipping (RL stages). */
    public static final String ACTOR_GRAD_NORM = "actor/grad_norm";
    /** Learning rate of the RL update. */
    public static final String ACTOR_LR = "actor/lr";

    // --- timing (verl), seconds ---
    /** Rollout generation time of the step. */
    public static final String TIMING_GEN = "timing_s/gen";
    /** Time to recompute the old policy's log-probabilities. */
    public static final String TIMING_OLD_LOG_PROB = "timing_s/old_log_prob";
    /** Time of the actor update (forward, backward, optimiser). */
    public static final String TIMING_UPDATE_ACTOR = "timing_s/update_actor";
    /** Wall time of the whole step. */
    public static final String TIMING_STEP = "timing_s/step";

    // --- throughput (verl) ---
    /** Tokens processed per second in the step. */
    public static final String PERF_THROUGHPUT = "perf/throughput";

    // --- NPR's own ---
    /** Share of responses whose format score is 0 (structurally valid). */
    public static final String NPR_FORMAT_VALID_RATE = "npr/format_valid_rate";
    /** Share of responses in which the engine really forked. */
    public static final String NPR_PARALLEL_RATE = "npr/parallel_rate";
    /** Mean branches per parallel block. */
    public static final String NPR_BRANCHES_PER_BLOCK = "npr/branches_per_block";
    /** Mean ratio of total tokens T to critical-path tokens C. */
    public static final String NPR_T_OVER_C = "npr/t_over_c";
    /** Responses dropped by the structural filter (PAPO, parallel SFT). */
    public static final String NPR_MALFORMED_DROPPED = "npr/malformed_dropped";
    /** Tokens-per-second ratio against the sequential reference. */
    public static final String NPR_TPS_RATIO = "npr/tps_ratio";

    /** Prefix of validation metrics. */
    public static final String SCORE_MAX = "critic/score/max";
    public static final String SCORE_MIN = "critic/score/min";
    public static final String ADVANTAGES_MAX = "critic/advantages/max";
    public static final String ADVANTAGES_MIN = "critic/advantages/min";
    public static final String RESPONSE_LENGTH_MAX = "response_length/max";
    public static final String ACTOR_PG_CLIPFRAC = "actor/pg_clipfrac";
    public static final String ACTOR_PG_CLIPFRAC_LOWER = "actor/pg_clipfrac_lower";
    public static final String ACTOR_PPO_KL = "actor/ppo_kl";
    public static final String NPR_ACCURACY = "npr/accuracy";
    public static final String NPR_STRUCTURE_VALID_RATE = "npr/structure_valid_rate";
    public static final String NPR_ROLLOUTS = "npr/rollouts";
    public static final String NPR_TRAINED_SEQUENCES = "npr/trained_sequences";
    public static final String NPR_GEN_ROUNDS = "npr/gen_rounds";
    public static final String NPR_ZERO_SPREAD_GROUPS = "npr/zero_spread_groups";
    public static final String NPR_OPTIMIZER_STEPS = "npr/optimizer_steps";

    public static final String VAL_PREFIX = "val/";

    /** Mean accuracy over k samples on a validation source: {@code val/SOURCE/mean@K}. */
    public static String valMean(String source, int k) {
        return VAL_PREFIX + source + "/mean@" + k;
    }

    /** Best-of-k accuracy on a validation source: {@code val/SOURCE/best@K}. */
    public static String valBest(String source, int k) {
        return VAL_PREFIX + source + "/best@" + k;
    }

    /** Whether {@code name} is a validation mean accuracy ({@code val/.../mean@K}). */
    public static boolean isValMean(String name) {
        return name.startsWith(VAL_PREFIX) && name.matches("val/.+/mean@\\d+");
    }
}
