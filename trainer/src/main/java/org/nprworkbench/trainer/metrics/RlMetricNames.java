package org.nprworkbench.trainer.metrics;

/**
 * The names of the per-step RL metrics, in one place: verl's names where verl has the quantity, and
 * {@code npr/...} for NPR's own. Definitions (what each averages over) are on {@link StepMetrics}.
 */
public final class RlMetricNames {
    private RlMetricNames() {
    }

    // ---- verl ----
    public static final String SCORE_MEAN = "critic/score/mean";
    public static final String SCORE_MAX = "critic/score/max";
    public static final String SCORE_MIN = "critic/score/min";
    public static final String REWARDS_MEAN = "critic/rewards/mean";
    public static final String ADVANTAGES_MEAN = "critic/advantages/mean";
    public static final String ADVANTAGES_MAX = "critic/advantages/max";
    public static final String ADVANTAGES_MIN = "critic/advantages/min";
    public static final String RESPONSE_LENGTH_MEAN = "response_length/mean";
    public static final String RESPONSE_LENGTH_MAX = "response_length/max";
    public static final String RESPONSE_LENGTH_CLIP_RATIO = "response_length/clip_ratio";
    public static final String PG_LOSS = "actor/pg_loss";
    public static final String PG_CLIPFRAC = "actor/pg_clipfrac";
    public static final String PG_CLIPFRAC_LOWER = "actor/pg_clipfrac_lower";
    public static final String PPO_KL = "actor/ppo_kl";
    public static final String ENTROPY = "actor/entropy";
    public static final String GRAD_NORM = "actor/grad_norm";
    public static final String LR = "actor/lr";
    public static final String TIMING_GEN = "timing_s/gen";
    public static final String TIMING_OLD_LOG_PROB = "timing_s/old_log_prob";
    public static final String TIMING_UPDATE_ACTOR = "timing_s/update_actor";
    public static final String TIMING_STEP = "timing_s/step";
    public static final String THROUGHPUT = "perf/throughput";

    // ---- NPR ----
    public static final String ACCURACY = "npr/accuracy";
    public static final String FORMAT_VALID_RATE = "npr/format_valid_rate";
    public static final String STRUCTURE_VALID_RATE = "npr/structure_valid_rate";
    public static final String PARALLEL_RATE = "npr/parallel_rate";
    public static final String BRANCHES_PER_BLOCK = "npr/branches_per_block";
    public static final String T_OVER_C = "npr/t_over_c";
    public static final String MALFORMED_DROPPED = "npr/malformed_dropped";
    public static final String ROLLOUTS = "npr/rollouts";
    public static final String TRAINED_SEQUENCES = "npr/trained_sequences";
    public static final String GEN_ROUNDS = "npr/gen_rounds";
    public static final String ZERO_SPREAD_GROUPS = "npr/zero_spread_groups";
    public static final String OPTIMIZER_STEPS = "npr/optimizer_steps";
}
