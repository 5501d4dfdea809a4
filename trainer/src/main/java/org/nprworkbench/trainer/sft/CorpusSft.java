package org.nprworkbench.trainer.sft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.trainer.batch.Attention;
import org.nprworkbench.trainer.batch.TrainingSequence;
import org.nprworkbench.trainer.checkpoint.StageCheckpointer;
import org.nprworkbench.trainer.checkpoint.TrainingState;
import org.nprworkbench.trainer.rejection.AcceptedTrajectory;
import org.nprworkbench.trainer.stop.StopSignal;

/**
 * SFT on the rejection-sampled corpus (§4.2): parallel SFT (NPR-Beta), every example under the mask
 * and positions of {@code ParallelLayout}, or causal SFT on the same corpus (the SR-Beta baseline).
 * Each example is the model's prompt format around the stored user message, then the response and
 * eos; the loss is the token NLL on the response only (tags are ordinary targets), a global token
 * mean per batch. Examples whose response cannot be laid out (the block grammar is broken) are
 * dropped and counted, in both modes, so parallel and causal SFT train on exactly the same examples;
 * examples longer than the model's context are dropped and counted too. Batches walk the corpus in
 * order (the paper's sequential sampler), {@code epochs} times.
 */
public final class CorpusSft {
    /**
     * Settings.
     *
     * @param attention     PARALLEL (NPR-Beta) or CAUSAL (SR-Beta)
     * @param epochs        passes over the corpus (the paper: 1)
     * @param batch         sequences per optimiser step (the paper: 8)
     * @param lr            peak learning rate (the paper: 1e-6)
     * @param floorFraction the cosine decays to this share of the peak (the released script: 0, its
     *                      {@code min_lr} being unused; the paper's text: 0.5, i.e. 5e-7)
     * @param weightDecay   AdamW weight decay (the paper: 0.1; betas (0.9, 0.95), clip 1.0)
     * @param seed          unused by the sequential sampler; recorded for the run
     */
    public record Config(Attention attention, int epochs, int batch, double lr, double floorFraction, double weightDecay,
                         long seed) {
        public Config {
            if (epochs < 1 || batch < 1 || !(lr > 0)) {
                throw new IllegalArgumentException("SFT needs positive epochs, batch and learning rate");
            }
        }

        /** The paper's settings (§4.2) for the given attention and learning rate. */
        public static Config paper(Attention attention, double lr) {
            return new Config(attention, 1, 8, lr, 0.0, 0.1, 521);
        }
    }

    /**
     * What was trained.
     *
     * @param loss             mean loss over the last 20 steps
     * @param examples         examples trained on
     * @param malformedDropped examples dropped because the response breaks the block grammar
     * @param tooLongDropped   examples dropped because they exceed the model's context
     * @param steps            optimiser steps
     */
    public record Result(double loss, int examples, int malformedDropped, int tooLongDropped, int steps) {
    }

    private CorpusSft() {
    }

    /** Trains {@code ck}'s model in place on {@code corpus}. At least one example must survive. */
    public static Result train(Checkpoint.Loaded ck, List<AcceptedTrajectory> corpus, Config cfg, Consumer<SftProgress> progress) {
        return train(ck, corpus, cfg, progress, null, null, StopSignal.NEVER);
    }

    /**
     * As {@link #train(Checkpoint.Loaded, List, Config, Consumer)}, saving step checkpoints through
     * {@code checkpoints} (null: none), continuing from {@code from} (null: step 1; else {@code ck}
     * holds its weights) and asking {@code stop} at every step boundary (see {@link SftLoop}).
     */
    public static Result train(Checkpoint.Loaded ck, List<AcceptedTrajectory> corpus, Config cfg, Consumer<SftProgress> progress,
                               StageCheckpointer checkpoints, TrainingState from, StopSignal stop) {
        TagIds tags = ck.tokenizer().tags();
        int maxLen = ck.model().config().maxPositions();
        List<TrainingSequence> examples = new ArrayList<>();
        int malformed = 0;
        int tooLong = 0;
        for (AcceptedTrajectory a : corpus) {
            int[] p = ck.tokenizer().encode(ck.promptFormat().render(a.prompt()));
            int[] r = ck.tokenizer().encode(a.response());
            int[] all = Arrays.copyOf(p, p.length + r.length + 1);
            System.arraycopy(r, 0, all, p.length, r.length);
            all[all.length - 1] = tags.eos();
            if (all.length > maxLen) {
                tooLong++;
                continue;
            }
            try {
                ParallelLayout.of(all, p.length, tags); // the grammar check, in both modes
                examples.add(TrainingSequence.of(cfg.attention(), all, p.length, tags));
            } catch (MalformedStructureException e) {
                malformed++;
            }
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no usable example in a corpus of " + corpus.size() + " ("
                    + malformed + " malformed, " + tooLong + " longer than the context of " + maxLen + ")");
        }
        int steps = cfg.epochs() * ((examples.size() + cfg.batch() - 1) / cfg.batch());
        double loss = SftLoop.train(ck.model(), examples,
                new SftLoop.Plan(steps, cfg.batch(), cfg.lr(), cfg.floorFraction(), cfg.weightDecay(), false, cfg.seed()), progress,
                checkpoints, from, stop);
        return new Result(loss, examples.size(), malformed, tooLong, steps);
    }
}
