package org.nprworkbench.visualizer.dashboard;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.nprworkbench.visualizer.chart.ChartViewModel;
import org.nprworkbench.visualizer.chart.DashboardViewModel;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.metrics.MetricRow;
import org.nprworkbench.visualizer.metrics.StageBoundary;
import org.nprworkbench.visualizer.task.BackgroundTasks;
import org.nprworkbench.visualizer.theme.Theme;

/**
 * The UI benchmark ({@code npr bench ui}): the dashboard with {@code pointsPerSeries} points in every
 * series of its first {@code charts} charts, then {@code appendPerSecond} new points per series per
 * second (in ten batches a second) for {@code seconds} after a 2-second warm-up under the same load,
 * while an {@link AnimationTimer} records the time between JavaFX pulses. A pulse that takes longer
 * than a frame delays the next one, so the longest interval and the 99th percentile are the frame
 * times a user would see. Goal: no frame over 50 ms on 2 cores. Frame times stretch when other
 * processes compete for the cores, so the result also gives the CPU time the JavaFX and rendering
 * threads used per frame and per second, and the load average.
 */
public final class UiBenchmark {
    private UiBenchmark() {
    }

    /** What to measure. */
    public record Options(int charts, int pointsPerSeries, int appendPerSecond, double seconds, double width,
                          double height) {
        public Options {
            if (charts < 1 || pointsPerSeries < 1 || appendPerSecond < 0 || !(seconds > 0)) {
                throw new IllegalArgumentException("charts, points and seconds must be positive, the append rate not negative");
            }
        }

        /** The workload: 12 charts, 100,000 points per series, 100 points/s for 10 s, 1600 x 1000. */
        public static Options standard() {
            return new Options(12, 100_000, 100, 10, 1600, 1000);
        }
    }

    /**
     * The figures, in a shape that serialises to JSON as it stands (see {@link #toJson()}).
     *
     * @param charts               charts shown
     * @param series               lines with points (over all charts)
     * @param pointsPerSeries      points in a series at the start
     * @param appendPerSecond      points appended to each series per second
     * @param seconds              the measured time
     * @param pointsAtEnd          points in the reward series when measurement ended (points arrive
     *                             during a 2-second warm-up too)
     * @param frames               pulse intervals measured
     * @param frameMeanMs          mean pulse interval
     * @param frameP99Ms           99th percentile pulse interval
     * @param frameMaxMs           longest pulse interval
     * @param framesOver50Ms       pulse intervals over 50 ms
     * @param frameCpuP99Ms        99th percentile of the CPU time the JavaFX and rendering threads used
     *                             per frame: what a frame costs when no other process competes
     * @param frameCpuMaxMs        the most CPU time one frame used
     * @param redraws              chart redraws during the measurement
     * @param redrawP99Ms          99th percentile of one chart's redraw (decimation and drawing commands)
     * @param redrawMaxMs          longest redraw
     * @param fxCpuMsPerSecond     CPU time the JavaFX thread used per second of measurement
     * @param renderCpuMsPerSecond CPU time the rendering thread used per second of measurement
     * @param loadAverage          the machine's one-minute load average when measurement ended (other
     *                             processes competing for the cores stretch frame times, not CPU times)
     * @param cores                processors the JVM sees
     * @param pipeline             the JavaFX platform and rendering pipeline asked for
     */
    public record Result(int charts, int series, int pointsPerSeries, int appendPerSecond, double seconds,
                         int pointsAtEnd, int frames, double frameMeanMs, double frameP99Ms, double frameMaxMs,
                         int framesOver50Ms, double frameCpuP99Ms, double frameCpuMaxMs, long redraws,
                         double redrawP99Ms, double redrawMaxMs, double fxCpuMsPerSecond, double renderCpuMsPerSecond,
                         double loadAverage, int cores, String pipeline) {

        /** Whether no frame took longer than 50 ms. */
        public boolean goalMet() {
            return framesOver50Ms == 0;
        }

        /** The result as one JSON object. */
        public String toJson() {
            return String.format(Locale.ROOT, "{\"charts\": %d, \"series\": %d, \"points_per_series\": %d, "
                    + "\"append_per_second\": %d, \"seconds\": %.1f, \"points_at_end\": %d, \"frames\": %d, "
                    + "\"frame_mean_ms\": %.2f, \"frame_p99_ms\": %.2f, \"frame_max_ms\": %.2f, \"frames_over_50_ms\": %d, "
                    + "\"frame_cpu_p99_ms\": %.2f, \"frame_cpu_max_ms\": %.2f, "
                    + "\"redraws\": %d, \"redraw_p99_ms\": %.2f, \"redraw_max_ms\": %.2f, "
                    + "\"fx_cpu_ms_per_second\": %.1f, \"render_cpu_ms_per_second\": %.1f, \"load_average\": %.2f, "
                    + "\"cores\": %d, \"pipeline\": \"%s\", \"goal_met\": %b}",
                    charts, series, pointsPerSeries, appendPerSecond, seconds, pointsAtEnd, frames, frameMeanMs,
                    frameP99Ms, frameMaxMs, framesOver50Ms, frameCpuP99Ms, frameCpuMaxMs, redraws, redrawP99Ms,
                    redrawMaxMs, fxCpuMsPerSecond, renderCpuMsPerSecond, loadAverage, cores,
                    pipeline.replace("\\", "\\\\").replace("\"", "\\\""), goalMet());
        }
    }

    /**
     * Runs the benchmark in its own window and closes it; blocks the calling thread, which must not be
     * the JavaFX thread. Starts the JavaFX toolkit if no one has (a display, Xvfb or headless Monocle
     * must be available).
     */
    public static Result run(Options options) throws InterruptedException, ExecutionException {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("run the benchmark from another thread than the JavaFX thread");
        }
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
        Platform.setImplicitExit(false);
        CompletableFuture<Result> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            Stage stage = new Stage();
            try {
                start(stage, options).whenComplete((r, e) -> {
                    stage.close();
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(r);
                    }
                });
            } catch (RuntimeException e) {
                stage.close();
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }

    /** Starts the benchmark in {@code stage}; call on the JavaFX thread. The future completes on it. */
    public static CompletableFuture<Result> start(Stage stage, Options options) {
        DashboardViewModel model = new DashboardViewModel();
        List<ChartViewModel> charts = model.charts();
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).shownProperty().set(i < options.charts());
        }
        BackgroundTasks tasks = new BackgroundTasks("ui-bench", 1);
        MetricsDashboard dashboard = new MetricsDashboard(model, tasks, new DialogService() {
            @Override
            public void showError(String header, String message) {
                throw new IllegalStateException(header + ": " + message);
            }

            @Override
            public void showInformation(String header, String message) {
            }
        });
        Scene scene = new Scene(dashboard, options.width(), options.height());
        Theme.apply(scene);
        stage.setTitle("NPR Workbench: UI benchmark");
        stage.setScene(scene);
        stage.show();

        // No seed stage: every RL metric gets a point at every step.
        SyntheticRun run = new SyntheticRun("bench", 42, 1_764_000_000, 6.0, 1.0,
                List.of(new StageBoundary("npr-zero", 0, 0), new StageBoundary("npr-beta", options.pointsPerSeries() / 2, 0)));
        model.setStages(run.name(), run.stages());
        int chunk = 5_000;
        for (int done = 0; done < options.pointsPerSeries(); done += chunk) {
            List<MetricRow> rows = run.next(Math.min(chunk, options.pointsPerSeries() - done));
            model.append(rows);
        }
        dashboard.redrawNow();
        System.gc(); // the filling's garbage, so that its collection does not fall into the measurement

        CompletableFuture<Result> result = new CompletableFuture<>();
        int capacity = (int) (options.seconds() * 1000) + 1000;
        long[] intervals = new long[capacity];
        long[] frameCpu = new long[capacity];
        long[] redrawTimes = new long[capacity];
        int batchesPerSecond = 10;
        int perBatch = options.appendPerSecond() / batchesPerSecond;
        int batches = (int) Math.round(options.seconds() * batchesPerSecond);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] renderThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).toArray();
        AnimationTimer meter = new AnimationTimer() {
            /** Points arrive from the first pulse on; frames are measured after this warm-up. */
            private static final long SETTLE_NS = 2_000_000_000L;
            private long started = -1;
            private long last = -1;
            private int frames;
            private int redrawCount;
            private int sent;
            private long redrawsAtStart;
            private final long[] seenRedraw = new long[model.charts().size()];
            private long fxCpuAtStart;
            private long renderCpuAtStart;
            private long cpuAtLast;

            /** CPU time of JavaFX's rendering threads, in nanoseconds. */
            private long renderCpu() {
                long sum = 0;
                for (long id : renderThreads) {
                    sum += Math.max(0, cpu.getThreadCpuTime(id));
                }
                return sum;
            }

            @Override
            public void handle(long now) {
                if (started < 0) {
                    started = now;
                    return;
                }
                long sinceStart = now - started;
                while (sent < (long) batches + SETTLE_NS / 1_000_000_000L * batchesPerSecond
                        && sinceStart >= sent * (1_000_000_000L / batchesPerSecond)) {
                    if (perBatch > 0) {
                        model.append(run.next(perBatch));
                    }
                    sent++;
                }
                long elapsed = sinceStart - SETTLE_NS;
                if (elapsed < 0) {
                    return; // the same workload, unmeasured, while the JIT compiles its paths
                }
                long fx = cpu.getCurrentThreadCpuTime();
                long render = renderCpu();
                if (last < 0) {
                    redrawsAtStart = dashboard.redraws();
                    Arrays.fill(seenRedraw, -1);
                    fxCpuAtStart = fx;
                    renderCpuAtStart = render;
                } else if (frames < intervals.length) {
                    intervals[frames] = now - last;
                    frameCpu[frames] = fx + render - cpuAtLast;
                    frames++;
                }
                last = now;
                cpuAtLast = fx + render;
                List<ChartTile> tiles = dashboard.tiles();
                for (int i = 0; i < tiles.size(); i++) {
                    ChartTile t = tiles.get(i);
                    if (t.lastRefreshStart() != seenRedraw[i] && seenRedraw[i] != -1 && redrawCount < redrawTimes.length) {
                        redrawTimes[redrawCount++] = t.lastRefreshNanos();
                    }
                    seenRedraw[i] = t.lastRefreshStart();
                }
                if (elapsed >= (long) (options.seconds() * 1e9)) {
                    stop();
                    tasks.close();
                    FrameStats f = FrameStats.of(intervals, frames);
                    FrameStats c = FrameStats.of(frameCpu, frames);
                    FrameStats r = FrameStats.of(redrawTimes, redrawCount);
                    int series = model.shownCharts().stream().mapToInt(ch -> ch.series().size()).sum();
                    String pipeline = System.getProperty("glass.platform", "default glass") + ", "
                            + System.getProperty("monocle.platform", "") + (System.getProperty("monocle.platform") == null ? "" : ", ")
                            + "prism " + System.getProperty("prism.order", "default");
                    result.complete(new Result(options.charts(), series, options.pointsPerSeries(),
                            options.appendPerSecond(), options.seconds(),
                            model.run(run.name()).series("critic/rewards/mean").size(), f.count(), f.meanMs(), f.p99Ms(),
                            f.maxMs(), f.over50Ms(), c.p99Ms(), c.maxMs(), dashboard.redraws() - redrawsAtStart,
                            r.p99Ms(), r.maxMs(), (fx - fxCpuAtStart) / 1e6 / options.seconds(),
                            (render - renderCpuAtStart) / 1e6 / options.seconds(),
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                            Runtime.getRuntime().availableProcessors(), pipeline));
                }
            }
        };
        meter.start();
        return result;
    }
}
