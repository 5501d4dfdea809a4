package org.nprworkbench.trainer.resume;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;
import org.nprworkbench.trainer.checkpoint.CheckpointPolicy;
import org.nprworkbench.trainer.checkpoint.NonFiniteLossException;
import org.nprworkbench.trainer.checkpoint.StageCheckpointer;
import org.nprworkbench.trainer.checkpoint.TrainingState;
import org.nprworkbench.trainer.events.RunStoreRecorder;
import org.nprworkbench.trainer.events.TrainingEvent;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.sft.SeedSft;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.stop.RunStop;
import org.nprworkbench.trainer.stop.StopRequested;
import org.nprworkbench.trainer.stop.StopSignal;
import org.nprworkbench.trainer.store.CheckpointInfo;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunSpec;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;

import ai.djl.Device;

import com.google.gson.JsonObject;

/**
 * A seed SFT run, started or resumed: the stage's events, its checkpoints (every
 * {@code checkpoint_every} steps under the run's {@code checkpoints} folder, the last {@code keep_last}
 * and the lowest {@code train/loss} kept, and the stage's end checkpoint in its output folder), a NaN
 * stop, and {@link #resume}, which continues a run from its recorded configuration and its newest
 * checkpoint, replacing the metric rows written after that checkpoint.
 */
public final class SeedRun {
    /** The run's kind in its recorded configuration ({@code "kind"}). */
    public static final String KIND = "seed";

    /**
     * What to run.
     *
     * @param init       checkpoint to start from; null for a fresh tiny model
     * @param out        the stage's end checkpoint folder
     * @param run        the run's name; null to train without recording a run (no step checkpoints)
     * @param stepFolder where step checkpoints go (with a run)
     * @param every      step checkpoint interval (0: only the end)
     * @param keepLast   step checkpoints kept (besides the best)
     */
    public record Settings(SeedSft.Config cfg, Path init, Path out, String run, Path stepFolder, int every, int keepLast) {
        JsonObject toJson() {
            JsonObject o = cfg.toJson();
            o.addProperty("kind", KIND);
            o.addProperty("init", init == null ? null : init.toString());
            o.addProperty("out", out.toAbsolutePath().toString());
            o.addProperty("step_folder", stepFolder == null ? null : stepFolder.toAbsolutePath().toString());
            o.addProperty("checkpoint_every", every);
            o.addProperty("keep_last", keepLast);
            return o;
        }

        static Settings fromJson(String run, JsonObject o, String source) {
            try {
                return new Settings(SeedSft.Config.fromJson(o, source),
                        o.get("init").isJsonNull() ? null : Path.of(o.get("init").getAsString()),
                        Path.of(o.get("out").getAsString()), run, Path.of(o.get("step_folder").getAsString()),
                        o.get("checkpoint_every").getAsInt(), o.get("keep_last").getAsInt());
            } catch (BadInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new BadInputException(source + ": the recorded configuration lacks or garbles init, out, "
                        + "step_folder, checkpoint_every or keep_last (" + e.getMessage() + "); the run cannot be resumed");
            }
        }
    }

    private SeedRun() {
    }

    /**
     * Starts a new seed run (recorded in {@code store} as {@code s.run()} when the store is given),
     * reporting to {@code progress}; returns the mean loss of the last 20 steps.
     */
    public static double start(Settings s, Device device, RunStore store, TrainingListener progress) {
        TrainingListener events = TrainingListener.all(progress,
                store == null ? TrainingListener.NONE : new RunStoreRecorder(store));
        try (Checkpoint.Loaded ck = s.init() == null ? Checkpoint.fresh("tiny", device, s.cfg().seed())
                : Checkpoint.load(s.init(), device)) {
            events.runStarted(new TrainingEvent.RunStarted(spec(s, device), false));
            return train(ck, s, store, events, null);
        }
    }

    /**
     * Continues the run {@code name} (killed, failed or stopped) from its newest checkpoint with a
     * complete training state, or from step 1 when it has none; the run's metric rows and samples
     * after that checkpoint are deleted first, so each (run, stage, step, name) is written once.
     */
    public static double resume(String name, Device device, RunStore store, TrainingListener progress) {
        RunInfo info = store.requireRun(name);
        if (info.status() == RunStatus.FINISHED) {
            throw new BadInputException("run " + name + " has finished; there is nothing to resume");
        }
        if (info.status() == RunStatus.RUNNING) {
            throw new BadInputException("run " + name + " is still running (process " + info.pid() + " on "
                    + info.host() + "); stop it before resuming");
        }
        String source = "run " + name + " in " + store.file();
        JsonObject config = JsonInput.parseObject(info.configJson(), source, "the run cannot be resumed");
        String kind = config.has("kind") && config.get("kind").isJsonPrimitive() ? config.get("kind").getAsString() : null;
        if (!KIND.equals(kind) || !info.stages().equals(List.of(StageKind.SEED))) {
            throw new BadInputException(source + " is a run of kind " + kind + " with stages " + info.stages()
                    + "; only seed SFT runs (npr train seed --run NAME) can be resumed so far");
        }
        Settings s = Settings.fromJson(name, config, source);
        Optional<CheckpointInfo> last = StageCheckpointer.latest(store, info.id(), StageKind.SEED);
        long after = last.map(CheckpointInfo::step).orElse(0L);
        store.deleteMetricsAfter(info.id(), StageKind.SEED, after);
        store.deleteRolloutsAfter(info.id(), StageKind.SEED, after);
        TrainingListener events = TrainingListener.all(progress, new RunStoreRecorder(store));
        try (Checkpoint.Loaded ck = last.isPresent() ? Checkpoint.load(Path.of(last.get().folder()), device)
                : s.init() == null ? Checkpoint.fresh("tiny", device, s.cfg().seed()) : Checkpoint.load(s.init(), device)) {
            TrainingState from = last.map(c -> TrainingState.read(Path.of(c.folder()))).orElse(null);
            events.runStarted(new TrainingEvent.RunStarted(spec(s, device), true));
            return train(ck, s, store, events, from);
        }
    }

    private static RunSpec spec(Settings s, Device device) {
        return new RunSpec(s.run(), String.join(",", s.cfg().tasks()), null, List.of(StageKind.SEED),
                s.toJson().toString(), s.cfg().seed(), org.nprworkbench.engine.model.Devices.name(device));
    }

    private static double train(Checkpoint.Loaded ck, Settings s, RunStore store, TrainingListener events,
                                TrainingState from) {
        String parent = s.init() == null ? null : s.init().toString();
        long first = from == null ? 1 : from.step() + 1;
        CheckpointPolicy policy = new CheckpointPolicy(s.run() == null ? 0 : s.every(), s.keepLast(),
                MetricNames.TRAIN_LOSS, false);
        StageCheckpointer cp = new StageCheckpointer(ck, StageKind.SEED, StageKind.SEED.label(), policy, s.stepFolder(), s.out(),
                s.run(), String.join(",", s.cfg().tasks()), parent, events, store);
        try {
            events.stageStarted(new TrainingEvent.StageStarted(StageKind.SEED, first, s.cfg().steps(), parent));
            double loss = SeedSft.train(ck, s.cfg(), events, cp, from,
                    store == null || s.run() == null ? StopSignal.NEVER : StopSignal.of(store, s.run()));
            events.stageEnded(new TrainingEvent.StageEnded(StageKind.SEED, RunStatus.FINISHED, s.cfg().steps(), null));
            events.runEnded(new TrainingEvent.RunEnded(RunStatus.FINISHED));
            return loss;
        } catch (StopRequested e) {
            RunStop.record(events, StageKind.SEED, e);
            throw e;
        } catch (NonFiniteLossException e) {
            String good = store == null || s.run() == null ? null : StageCheckpointer.latest(store,
                    store.requireRun(s.run()).id(), StageKind.SEED).map(CheckpointInfo::folder).orElse(null);
            String message = "seed SFT stopped: " + e.getMessage() + "; "
                    + (good == null ? "no checkpoint was saved before it" : "the last good checkpoint is " + good)
                    + "; lower --lr (it was " + s.cfg().lr() + ")";
            events.notice(new TrainingEvent.Notice(StageKind.SEED, e.step(), EventKind.NAN_STOP, message));
            events.runFailed(new TrainingEvent.RunFailed(message));
            throw new BadInputException(message, e);
        } catch (RuntimeException e) {
            try {
                events.runFailed(new TrainingEvent.RunFailed(String.valueOf(e.getMessage())));
            } catch (RuntimeException inner) {
                e.addSuppressed(inner);
            }
            throw e;
        }
    }
}
