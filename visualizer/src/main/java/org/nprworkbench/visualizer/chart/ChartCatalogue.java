package org.nprworkbench.visualizer.chart;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The dashboard's default charts and the verl metric names each one draws: the NPR training signals
 * (reward, accuracy, format and parallel rates, branches, T/C, speed) and the optimiser's health
 * (loss, gradient norm, entropy, learning rate, step time). Validation accuracy takes every
 * {@code val/…/mean@k} (and {@code val-core/…/mean@k}) metric, one line each.
 */
public final class ChartCatalogue {
    private ChartCatalogue() {
    }

    private static final List<ChartSpec> DEFAULTS = List.of(
            new ChartSpec("reward", "Reward", "mean reward",
                    List.of(MetricMatcher.exact("reward", "critic/rewards/mean"))),
            new ChartSpec("accuracy", "Accuracy", "accuracy", List.of(
                    MetricMatcher.exact("train", "npr/accuracy"), // critic/score/mean is the ±1 reward, not a rate
                    MetricMatcher.family("val", List.of("val/", "val-core/"), "mean@"))),
            new ChartSpec("format-valid", "Format-valid rate", "fraction valid",
                    List.of(MetricMatcher.exact("format valid", "npr/format_valid_rate"))),
            new ChartSpec("parallel-rate", "Parallel rate", "fraction with a parallel block",
                    List.of(MetricMatcher.exact("parallel", "npr/parallel_rate"))),
            new ChartSpec("branches", "Branches per block", "branches",
                    List.of(MetricMatcher.exact("branches", "npr/branches_per_block"))),
            new ChartSpec("t-over-c", "T/C", "total / critical-path tokens",
                    List.of(MetricMatcher.exact("T/C", "npr/t_over_c"))),
            new ChartSpec("tps-ratio", "TPS ratio to SR", "tokens/s vs sequential",
                    List.of(MetricMatcher.exact("TPS ratio", "npr/tps_ratio"))),
            new ChartSpec("response-length", "Response length", "tokens",
                    List.of(MetricMatcher.exact("length", "response_length/mean"))),
            new ChartSpec("loss", "Loss", "loss", List.of(
                    MetricMatcher.exact("policy", "actor/pg_loss"),
                    MetricMatcher.exact("SFT", "train/loss"))),
            new ChartSpec("grad-norm", "Gradient norm", "L2 norm", List.of(
                    MetricMatcher.exact("policy", "actor/grad_norm"),
                    MetricMatcher.exact("SFT", "train/grad_norm"))),
            new ChartSpec("entropy", "Entropy", "nats per token",
                    List.of(MetricMatcher.exact("entropy", "actor/entropy"))),
            new ChartSpec("learning-rate", "Learning rate", "learning rate", List.of(
                    MetricMatcher.exact("policy", "actor/lr"),
                    MetricMatcher.exact("SFT", "train/lr"))),
            new ChartSpec("step-time", "Step time", "seconds",
                    List.of(MetricMatcher.exact("step", "timing_s/step"))));

    /** The default charts, in dashboard order. */
    public static List<ChartSpec> defaults() {
        return DEFAULTS;
    }

    /** The default chart with this id. */
    public static ChartSpec byId(String id) {
        return DEFAULTS.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no chart " + id));
    }
}
