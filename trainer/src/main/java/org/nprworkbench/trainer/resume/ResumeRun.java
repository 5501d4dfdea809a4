package org.nprworkbench.trainer.resume;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStore;

import ai.djl.Device;

import com.google.gson.JsonObject;

/**
 * {@code npr train --resume NAME}: reads the run's recorded configuration from the run store and
 * hands it to the runner of its kind (the {@code "kind"} field), which continues it from its newest
 * checkpoint. New kinds of run add a case here.
 */
public final class ResumeRun {
    private ResumeRun() {
    }

    /** Continues run {@code name}; returns the runner's final figure (for seed SFT, the mean loss of the last 20 steps). */
    public static double resume(String name, Device device, RunStore store, TrainingListener progress) {
        RunInfo info = store.requireRun(name);
        JsonObject config = JsonInput.parseObject(info.configJson(), "run " + name + " in " + store.file(),
                "the run cannot be resumed");
        String kind = config.has("kind") && config.get("kind").isJsonPrimitive() ? config.get("kind").getAsString() : "(none)";
        if (SeedRun.KIND.equals(kind)) {
            return SeedRun.resume(name, device, store, progress);
        }
        throw new BadInputException("run " + name + " is of kind " + kind + "; --resume continues seed SFT runs "
                + "(npr train seed --run NAME) so far");
    }
}
