package org.nprworkbench.visualizer.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.nprworkbench.visualizer.metrics.MetricRow;
import org.nprworkbench.visualizer.metrics.StageBoundary;

/**
 * Plausible, seeded training curves for every metric of the default charts, step after step through
 * a run's stages: a {@code seed} stage logs SFT metrics ({@code train/loss}, gradient norm, learning
 * rate, step time), later stages the RL metrics, and validation accuracy every
 * {@link #VALIDATION_EVERY} steps. For the UI benchmark, demonstrations and tests of the dashboard;
 * the numbers mean nothing.
 */
public final class SyntheticRun {
    /** Validation metrics are logged on steps that are multiples of this. */
    public static final int VALIDATION_EVERY = 50;

    private final String name;
    private final List<StageBoundary> stages;
    private final double secondsPerStep;
    private final double skill;
    private final SplittableRandom random;
    private long step;
    private double wall;

    /**
     * @param name           the run's name
     * @param seed           the random seed
     * @param startWallTime  the wall time of step 0, seconds since the epoch
     * @param secondsPerStep wall time between steps
     * @param skill          how high the curves climb (1 = typical)
     * @param stages         stage names and first steps, in order (wall times are filled in)
     */
    public SyntheticRun(String name, long seed, double startWallTime, double secondsPerStep, double skill,
                        List<StageBoundary> stages) {
        this.name = name;
        this.secondsPerStep = secondsPerStep;
        this.skill = skill;
        this.random = new SplittableRandom(seed);
        this.wall = startWallTime;
        List<StageBoundary> timed = new ArrayList<>();
        for (StageBoundary b : stages) {
            timed.add(new StageBoundary(b.stage(), b.firstStep(), startWallTime + b.firstStep() * secondsPerStep));
        }
        this.stages = List.copyOf(timed);
    }

    public String name() {
        return name;
    }

    /** The stage boundaries, with the wall times the run reaches them. */
    public List<StageBoundary> stages() {
        return stages;
    }

    /** The next step to be logged. */
    public long step() {
        return step;
    }

    /** The rows of the next {@code steps} steps, every metric of each step. */
    public List<MetricRow> next(int steps) {
        List<MetricRow> rows = new ArrayList<>(steps * 14);
        for (int k = 0; k < steps; k++) {
            nextStep(rows);
        }
        return rows;
    }

    private void nextStep(List<MetricRow> rows) {
        String stage = stages.get(0).stage();
        long stageStart = 0;
        for (StageBoundary b : stages) {
            if (b.firstStep() <= step) {
                stage = b.stage();
                stageStart = b.firstStep();
            }
        }
        double t = step;
        double progress = 1 - Math.exp(-t / 4000.0);
        double stepTime = secondsPerStep * (1 + 0.15 * noise());
        if (stage.equals("seed")) {
            add(rows, stage, "train/loss", 2.4 * Math.exp(-t / 300.0) + 0.35 + 0.05 * noise());
        } else {
            double local = 1 - Math.exp(-(t - stageStart) / 1500.0);
            double parallel = Math.min(0.98, 0.35 + 0.6 * local * skill);
            double accuracy = Math.min(0.97, (0.25 + 0.55 * progress) * skill);
            add(rows, stage, "critic/rewards/mean", accuracy + 0.08 * noise());
            add(rows, stage, "npr/accuracy", accuracy + 0.06 * noise());
            add(rows, stage, "npr/format_valid_rate", Math.min(1, 0.7 + 0.28 * local + 0.03 * noise()));
            add(rows, stage, "npr/parallel_rate", parallel + 0.04 * noise());
            add(rows, stage, "npr/branches_per_block", 2 + 1.6 * local * skill + 0.2 * noise());
            add(rows, stage, "npr/t_over_c", 1 + 1.9 * parallel * local + 0.1 * noise());
            add(rows, stage, "npr/tps_ratio", 1 + 1.7 * parallel * local + 0.12 * noise());
            add(rows, stage, "response_length/mean", 420 - 120 * local + 25 * noise());
            add(rows, stage, "actor/pg_loss", 0.02 * noise() - 0.01 * (1 - local));
            add(rows, stage, "actor/entropy", 0.9 * Math.exp(-(t - stageStart) / 2500.0) + 0.25 + 0.03 * noise());
            if (step % VALIDATION_EVERY == 0) {
                add(rows, stage, "val/test_score/countdown/mean@4", accuracy - 0.04 + 0.03 * noise());
            }
        }
        add(rows, stage, "actor/grad_norm", Math.abs(0.6 * Math.exp(-t / 2000.0) + 0.15 + 0.08 * noise()) + 0.01);
        add(rows, stage, "actor/lr", 1e-6 + 5e-4 * Math.min(1, (t - stageStart + 1) / 200.0) * Math.exp(-(t - stageStart) / 20_000.0));
        add(rows, stage, "timing_s/step", stepTime);
        step++;
        wall += stepTime;
    }

    private void add(List<MetricRow> rows, String stage, String metric, double value) {
        rows.add(new MetricRow(name, metric, stage, step, wall, value));
    }

    private double noise() {
        // Sum of three uniforms: a cheap bell shape in (-1.5, 1.5), scaled to unit spread.
        return (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5) * 1.2;
    }
}
