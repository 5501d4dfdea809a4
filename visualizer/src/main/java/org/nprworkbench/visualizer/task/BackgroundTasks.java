package org.nprworkbench.visualizer.task;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The shared pool that runs slow work (file IO, model loading) off the JavaFX thread, so that the
 * window never freezes. Work runs on daemon threads; its result or failure is handed back on the
 * JavaFX thread. The pool counts and names what is running, for a status bar
 * ({@link TaskIndicator}) and for callers that must wait until everything has settled
 * ({@link #whenIdle()}).
 */
public final class BackgroundTasks implements TaskRunner, AutoCloseable {
    private final ExecutorService executor;
    private final ObservableList<String> active = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    /** A pool of {@code threads} daemon threads named {@code name-N}. */
    public BackgroundTasks(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        active.addListener((javafx.collections.ListChangeListener<String>) c -> {
            running.set(active.size());
            message.set(active.isEmpty() ? "" : active.size() == 1 ? active.get(0)
                    : active.get(0) + " (+" + (active.size() - 1) + " more)");
        });
    }

    /**
     * Runs {@code work} on the pool. Call on the JavaFX thread. {@code onSuccess} or {@code onFailure}
     * runs on the JavaFX thread afterwards; the returned future completes after that callback, and the
     * work counts as running until the callback has returned.
     *
     * @param label what the status bar says while the work runs, e.g. "Scanning checkpoints"
     */
    @Override
    public <T> CompletableFuture<T> run(String label, Callable<T> work, Consumer<? super T> onSuccess,
                                        Consumer<? super Throwable> onFailure) {
        requireFxThread();
        active.add(label);
        CompletableFuture<T> done = new CompletableFuture<>();
        executor.execute(() -> {
            T result = null;
            Throwable failure = null;
            try {
                result = work.call();
            } catch (Exception | LinkageError e) {
                failure = e;
            }
            T r = result;
            Throwable f = failure;
            Platform.runLater(() -> {
                try {
                    if (f == null) {
                        onSuccess.accept(r);
                        done.complete(r);
                    } else {
                        onFailure.accept(f);
                        done.completeExceptionally(f);
                    }
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                    throw e;
                } finally {
                    active.remove(label);
                }
            });
        });
        return done;
    }

    /**
     * Completes on the JavaFX thread once no work is running (at once if none is), after the last
     * callback has run and the events it queued have been handled.
     */
    public CompletableFuture<Void> whenIdle() {
        requireFxThread();
        CompletableFuture<Void> idle = new CompletableFuture<>();
        awaitIdle(idle);
        return idle;
    }

    private void awaitIdle(CompletableFuture<Void> idle) {
        if (running.get() == 0) {
            idle.complete(null);
            return;
        }
        running.addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable observable) {
                if (running.get() == 0) {
                    running.removeListener(this);
                    // Re-check later: new work may start from the callback that just finished.
                    Platform.runLater(() -> awaitIdle(idle));
                }
            }
        });
    }

    /** How many pieces of work are running or queued. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The label of the oldest running work, with a count of the others; empty when idle. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Stops the pool; running work is interrupted. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static void requireFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("call on the JavaFX application thread");
        }
    }
}
