package org.nprworkbench.engine.optim;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd recording off for the current thread while it is open. PyTorch keeps this
 * switch per thread and a new thread starts with recording on; DJL turns it off only on the thread
 * that started the engine. Work on any other thread (the workbench's background executors, a test
 * runner's thread) would otherwise record graphs during inference and refuse in-place optimiser
 * updates of trainable arrays. Open it around every inference pass and optimiser step:
 * {@code try (InferenceMode off = InferenceMode.enter()) { ... }}. A gradient collector opened inside
 * turns recording on again for its own duration.
 */
public final class InferenceMode implements AutoCloseable {
    private final boolean previous;

    private InferenceMode(boolean previous) {
        this.previous = previous;
    }

    /** Switches recording off; {@link #close()} restores what was there. */
    public static InferenceMode enter() {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return new InferenceMode(previous);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
