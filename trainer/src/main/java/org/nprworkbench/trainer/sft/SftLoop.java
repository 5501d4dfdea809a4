package org.nprworkbench.trainer.sft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.nprworkbench.engine.autograd.Scalar;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.AdamW;
import org.nprworkbench.trainer.batch.SequenceBatch;
import org.nprworkbench.trainer.batch.TrainingSequence;
import org.nprworkbench.trainer.checkpoint.NonFiniteLossException;
import org.nprworkbench.trainer.checkpoint.StageCheckpointer;
import org.nprworkbench.trainer.checkpoint.TrainingState;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stop.StopRequested;
import org.nprworkbench.trainer.stop.StopSignal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;

/**
 * The supervised fine-tuning loop every SFT stage shares (seed SFT, parallel SFT for NPR-Beta, causal
 * SFT for SR-Beta): batches of {@link TrainingSequence}s, each under its own mask and positions, the
 * token NLL on response tokens only as a global token mean over the batch, AdamW with the paper's SFT
 * betas (0.9, 0.95) and gradient clip 1.0, linear warm-up over the first 5% of steps and cosine decay.
 */
public final class SftLoop {
    /**
     * How to train.
     *
     * @param steps         optimiser steps
     * @param batch         sequences per step (one forward)
     * @param peakLr        learning rate after warm-up
     * @param floorFraction the cosine decays to {@code floorFraction * peakLr}
     * @param weightDecay   AdamW decoupled weight decay
     * @param shuffle       draw examples in a seeded random order (reshuffled as they run out); false
     *                      walks them in order, epoch after epoch (the paper's sequential sampler), the
     *                      last batch of an epoch holding the remainder
     * @param seed          shuffling seed
     */
    public record Plan(int steps, int batch, double peakLr, double floorFraction, double weightDecay, boolean shuffle,
                       long seed) {
        public Plan {
            if (steps < 1 || batch < 1 || !(peakLr > 0) || floorFraction < 0 || floorFraction > 1 || weightDecay < 0) {
                throw new IllegalArgumentException("SFT needs positive steps, batch and learning rate, a floor in [0, 1] "
                        + "and a non-negative weight decay");
            }
        }
    }

    private SftLoop() {
    }

    /**
     * Trains {@code model} in place on {@code examples}; returns the mean loss of the last 20 steps.
     * The parameters are left without gradient tracking.
     */
    public static double train(Qwen3Model model, List<TrainingSequence> examples, Plan plan, Consumer<SftProgress> progress) {
        return train(model, examples, plan, progress, null, null);
    }

    /**
     * As {@link #train(Qwen3Model, List, Plan, Consumer)}, saving checkpoints through {@code checkpoints}
     * (null: none) when due and after the last step, and continuing from {@code from} (null: from step
     * 1): the model must already hold that checkpoint's weights; the optimiser moments and step count,
     * the shuffled order still to draw, the random generator and the loss window are restored from it,
     * so the steps after it repeat those of an uninterrupted run. A NaN or infinite loss throws
     * {@link NonFiniteLossException} before that step's update is applied.
     */
    public static double train(Qwen3Model model, List<TrainingSequence> examples, Plan plan, Consumer<SftProgress> progress,
                               StageCheckpointer checkpoints, TrainingState from) {
        return train(model, examples, plan, progress, checkpoints, from, StopSignal.NEVER);
    }

    /**
     * As {@link #train(Qwen3Model, List, Plan, Consumer, StageCheckpointer, TrainingState)}, asking
     * {@code stop} after every step but the last: when it says stop, the step is saved as a step
     * checkpoint (if it was not just saved) and {@link StopRequested} is thrown. A checkpointer whose
     * {@link StageCheckpointer#savesStageEnd()} is false leaves the stage's end checkpoint to the caller.
     */
    public static double train(Qwen3Model model, List<TrainingSequence> examples, Plan plan, Consumer<SftProgress> progress,
                               StageCheckpointer checkpoints, TrainingState from, StopSignal stop) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        Random rnd = new Random(plan.seed());
        List<Integer> order = new ArrayList<>();
        double recent = 0;
        int recentN = 0;
        double since = 0; // loss since the last checkpoint, for the checkpoint's metric
        int sinceN = 0;
        int first = 1;
        try (AdamW opt = AdamW.paperDefaults(model.parameters(), plan.weightDecay())) {
            if (from != null) {
                JsonObject x = from.extra();
                if (x.get("examples").getAsInt() != examples.size()) {
                    throw new IllegalArgumentException("the checkpoint was trained on " + x.get("examples")
                            + " examples, this corpus has " + examples.size());
                }
                opt.restore(from.optimizer());
                rnd = TrainingState.decodeRandom(x.get("rng").getAsString());
                x.getAsJsonArray("order").forEach(e -> order.add(e.getAsInt()));
                recent = x.get("recent_loss_sum").getAsDouble();
                recentN = x.get("recent_loss_n").getAsInt();
                first = (int) from.step() + 1;
            }
            for (int step = first; step <= plan.steps(); step++) {
                long t0 = System.nanoTime();
                if (order.size() < plan.batch() && (plan.shuffle() || order.isEmpty())) {
                    for (int i = 0; i < examples.size(); i++) {
                        order.add(i);
                    }
                    if (plan.shuffle()) {
                        Collections.shuffle(order, rnd);
                    }
                }
                int take = Math.min(plan.batch(), order.size());
                List<TrainingSequence> batch = new ArrayList<>(take);
                for (int i : order.subList(0, take)) {
                    batch.add(examples.get(i));
                }
                order.subList(0, take).clear();
                SequenceBatch sb = SequenceBatch.of(batch);
                double loss;
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    SequenceBatch.Forward f = sb.forward(model, false);
                    // -sum(w log p) / sum(w): the global token mean over the batch's response tokens
                    NDArray l = f.logProbs().mul(f.weights()).sum().neg().div(Scalar.of(f.logProbs(), Math.max(1, sb.responseTokens())));
                    gc.backward(l);
                    loss = l.getFloat();
                }
                if (!Double.isFinite(loss)) {
                    throw new NonFiniteLossException(step, loss);
                }
                double lr = schedule(plan.peakLr(), step, plan.steps(), plan.floorFraction());
                double gradNorm = opt.step(lr);
                if (step > plan.steps() - 20) {
                    recent += loss;
                    recentN++;
                }
                if (progress != null) {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    progress.accept(new SftProgress(step, plan.steps(), loss, lr, gradNorm, seconds,
                            sb.responseTokens() / seconds));
                }
                since += loss;
                sinceN++;
                boolean end = step == plan.steps();
                boolean stopping = !end && stop.requested();
                String saved = null;
                if (checkpoints != null && (end ? checkpoints.savesStageEnd() : stopping || checkpoints.due(step, plan.steps()))) {
                    JsonObject x = new JsonObject();
                    x.addProperty("examples", examples.size());
                    JsonArray left = new JsonArray();
                    order.forEach(left::add);
                    x.add("order", left);
                    x.addProperty("rng", TrainingState.encode(rnd));
                    x.addProperty("recent_loss_sum", recent);
                    x.addProperty("recent_loss_n", recentN);
                    saved = checkpoints.save(step, end, opt.state(), x, Map.of(MetricNames.TRAIN_LOSS, since / sinceN)).toString();
                    since = 0;
                    sinceN = 0;
                }
                if (stopping) {
                    for (NDArray p : model.parameters()) {
                        p.setRequiresGradient(false);
                    }
                    throw new StopRequested(checkpoints == null ? null : checkpoints.stage(), step, saved);
                }
            }
        }
        for (NDArray p : model.parameters()) {
            p.setRequiresGradient(false);
        }
        return recent / Math.max(1, recentN);
    }

    /** Linear warm-up over the first 5% of steps, then cosine decay to {@code floor * peak}. */
    public static double schedule(double peak, int step, int steps, double floor) {
        int warm = Math.max(1, steps / 20);
        if (step <= warm) {
            return peak * step / warm;
        }
        double progress = (step - warm) / (double) Math.max(1, steps - warm);
        return peak * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
