package org.nprworkbench.trainer.stop;

import org.nprworkbench.trainer.store.RunStore;

/**
 * Whether the user has asked a training run to stop; the training loops ask at every step boundary.
 * The run store's stop request ({@link RunStore#requestStop}, {@code npr runs stop NAME}) is the one
 * real source; {@link #NEVER} is for training outside a run.
 */
@FunctionalInterface
public interface StopSignal {
    /** A signal that never asks to stop. */
    StopSignal NEVER = () -> false;

    /** True once a stop has been requested. */
    boolean requested();

    /** The stop request of run {@code name} in {@code store} (one small query per call). */
    static StopSignal of(RunStore store, String name) {
        return () -> store.run(name).map(r -> store.stopRequested(r.id())).orElse(false);
    }
}
