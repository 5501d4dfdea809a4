package org.nprworkbench.visualizer.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The background pool: work off the JavaFX thread, callbacks on it, counting and idleness. */
class BackgroundTasksTest {
    private final BackgroundTasks tasks = new BackgroundTasks("test", 2);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void runsWorkOffTheFxThreadAndCallsBackOnIt() throws Exception {
        List<Boolean> onFx = new ArrayList<>();
        CompletableFuture<String> done = fx(() -> tasks.run("work", () -> {
            onFx.add(Platform.isFxApplicationThread());
            return Thread.currentThread().getName();
        }, name -> onFx.add(Platform.isFxApplicationThread()), e -> { }));
        String thread = done.get(10, TimeUnit.SECONDS);
        assertTrue(thread.startsWith("test-"), thread);
        assertEquals(List.of(false, true), onFx);
    }

    @Test
    void countsRunningWorkAndNamesItUntilIdle() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        fx(() -> {
            tasks.run("Scanning", () -> release.await(10, TimeUnit.SECONDS), v -> { }, e -> { });
            tasks.run("Loading", () -> release.await(10, TimeUnit.SECONDS), v -> { }, e -> { });
            return null;
        });
        assertEquals(2, fx(() -> tasks.runningProperty().get()));
        assertEquals("Scanning (+1 more)", fx(() -> tasks.messageProperty().get()));
        CompletableFuture<Void> idle = fx(tasks::whenIdle);
        assertFalse(idle.isDone());
        release.countDown();
        idle.get(10, TimeUnit.SECONDS);
        assertEquals(0, fx(() -> tasks.runningProperty().get()));
        assertEquals("", fx(() -> tasks.messageProperty().get()));
        assertTrue(fx(tasks::whenIdle).isDone(), "idle at once when nothing runs");
    }

    @Test
    void idleComesOnlyAfterTheLastCallbackHasRun() throws Exception {
        List<String> order = new ArrayList<>();
        CompletableFuture<Void> idle = fx(() -> {
            tasks.run("slow", () -> {
                Thread.sleep(100);
                return "x";
            }, v -> order.add("callback"), e -> { });
            return tasks.whenIdle().thenRun(() -> order.add("idle"));
        });
        idle.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("callback", "idle"), order);
    }

    @Test
    void failuresReachTheFailureCallbackAndTheFuture() throws Exception {
        List<String> seen = new ArrayList<>();
        CompletableFuture<Object> done = fx(() -> tasks.run("fails", () -> {
            throw new IllegalStateException("broken file");
        }, v -> seen.add("success"), e -> seen.add(e.getMessage())));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> done.get(10, TimeUnit.SECONDS));
        assertEquals("broken file", e.getCause().getMessage());
        assertEquals(List.of("broken file"), seen);
        assertEquals(0, fx(() -> tasks.runningProperty().get()));
    }

    private static <T> T fx(java.util.concurrent.Callable<T> call) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }
}
