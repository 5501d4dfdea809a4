package org.nprworkbench.visualizer.task;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What a view model needs to run slow work without knowing about threads: the window gives it the
 * {@link BackgroundTasks} pool (work off the JavaFX thread, callbacks on it); a unit test can give it
 * a runner that calls the work and the callback on the test's own thread, with no JavaFX toolkit.
 */
public interface TaskRunner {

    /**
     * Runs {@code work}, then {@code onSuccess} with its result or {@code onFailure} with what it threw.
     * The returned future completes after the callback has run.
     *
     * @param label what a status bar says while the work runs, e.g. "Scanning checkpoints"
     */
    <T> CompletableFuture<T> run(String label, Callable<T> work, Consumer<? super T> onSuccess,
                                 Consumer<? super Throwable> onFailure);

    /**
     * What a failure handed to {@code onFailure} says, for a message: the cause of a
     * {@link java.util.concurrent.CompletionException}, its message, else its class's name.
     */
    static String reason(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
