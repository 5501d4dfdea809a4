package org.nprworkbench.trainer.resume;

import java.nio.file.Path;
import java.util.List;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;
import org.nprworkbench.trainer.events.RunStoreRecorder;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.pipeline.Pipeline;
import org.nprworkbench.trainer.pipeline.PipelineConfig;
import org.nprworkbench.trainer.pipeline.ProblemSource;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.stop.StopSignal;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;

import ai.djl.Device;

import com.google.gson.JsonObject;

/**
 * {@code npr train --resume NAME}: reads the run's recorded configuration from the run store and
 * hands it to the runner of its kind (the {@code "kind"} field: a seed SFT run or a pipeline run),
 * which continues it from its newest checkpoint. New kinds of run add a case here.
 */
public final class ResumeRun {
    private ResumeRun() {
    }

    /**
     * What a resumed run did.
     *
     * @param seedLoss for a seed SFT run, the mean loss of its last 20 steps; NaN for a pipeline run
     * @param stages   for a pipeline run, the outcomes of the stages run now; empty for a seed run
     */
    public record Outcome(double seedLoss, List<Pipeline.StageOutcome> stages) {
        public Outcome {
            stages = List.copyOf(stages);
        }
    }

    /**
     * Continues run {@code name}. A stop request during it ends it stopped and throws
     * {@link org.nprworkbench.trainer.stop.StopRequested}.
     */
    public static Outcome resume(String name, Device device, RunStore store, TrainingListener progress) {
        RunInfo info = store.requireRun(name);
        String source = "run " + name + " in " + store.file();
        JsonObject config = JsonInput.parseObject(info.configJson(), source, "the run cannot be resumed");
        String kind = config.has("kind") && config.get("kind").isJsonPrimitive() ? config.get("kind").getAsString() : "(none)";
        if (SeedRun.KIND.equals(kind)) {
            return new Outcome(SeedRun.resume(name, device, store, progress), List.of());
        }
        if (Pipeline.KIND.equals(kind)) {
            return new Outcome(Double.NaN, resumePipeline(info, config, source, device, store, progress));
        }
        throw new BadInputException("run " + name + " is of kind " + kind + "; --resume continues seed SFT runs "
                + "(npr train seed --run NAME) and pipeline runs (npr train --task T|--benchmark FILE --preset P)");
    }

    private static List<Pipeline.StageOutcome> resumePipeline(RunInfo info, JsonObject config, String source, Device device,
                                                              RunStore store, TrainingListener progress) {
        if (info.status() == RunStatus.FINISHED) {
            throw new BadInputException("run " + info.name() + " has finished; there is nothing to resume");
        }
        if (info.status() == RunStatus.RUNNING) {
            throw new BadInputException("run " + info.name() + " is still running (process " + info.pid() + " on "
                    + info.host() + "); stop it first (npr runs stop " + info.name() + ")");
        }
        PipelineConfig cfg = PipelineConfig.fromJson(config, source);
        List<StageKind> stages;
        Path folder;
        int every;
        int keep;
        try {
            stages = StageKind.parseList(config.get("stages").getAsString());
            folder = Path.of(config.get("run_folder").getAsString());
            every = config.get("checkpoint_every").getAsInt();
            keep = config.get("keep_last").getAsInt();
        } catch (RuntimeException e) {
            throw new BadInputException(source + ": the recorded configuration lacks or garbles stages, run_folder, "
                    + "checkpoint_every or keep_last (" + e.getMessage() + "); the run cannot be resumed");
        }
        // a benchmark file must be the one the run started with (its recorded hash), or the pools would differ
        ProblemSource problems = ProblemSource.recorded(config, info.name());
        Pipeline.Plan plan = new Pipeline.Plan(info.name(), problems, stages, cfg, folder, device);
        TrainingListener events = TrainingListener.all(progress, new RunStoreRecorder(store));
        return Pipeline.resume(plan, events, new Pipeline.Control(every, keep, StopSignal.of(store, info.name()), store));
    }
}
