package org.nprworkbench.visualizer.task;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.application.Platform;
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
public final class BackgroundTasks implements AutoCloseable {
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
     * runs on the JavaFX thread afterwards; the returned future completes after that callback.
     *
     * @param label what the status bar says while the work runs, e.g. "Scanning checkpoints"
     */
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
                active.remove(label);
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
                }
            });
        });
        return done;
    }

    /** Completes on the JavaFX thread as soon as no work is running (at once if none is). */
    public CompletableFuture<Void> whenIdle() {
        requireFxThread();
        CompletableFuture<Void> idle = new CompletableFuture<>();
        if (running.get() == 0) {
            idle.complete(null);
            return idle;
        }
        running.addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> obs, Number was, Number now) {
                if (now.intValue() == 0) {
                    running.removeListener(this);
                    idle.complete(null);
                }
            }
        });
        return idle;
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
