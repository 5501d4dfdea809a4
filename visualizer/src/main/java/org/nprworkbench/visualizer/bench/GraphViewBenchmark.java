package org.nprworkbench.visualizer.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.tokenizer.HfTokenizer;
import org.nprworkbench.visualizer.graph.ExecutionGraphView;
import org.nprworkbench.visualizer.graph.GraphLayout;
import org.nprworkbench.visualizer.synthetic.SyntheticAnswer;
import org.nprworkbench.visualizer.theme.Theme;

/**
 * Measures the execution-graph view at scale (issue 11 §2: a 500-node graph opens in under a second
 * and pans without a frame over 50 ms): builds a synthetic engine-like answer with the requested
 * number of nodes, opens it in an {@link ExecutionGraphView} in a 1280 x 800 window, then pans it one
 * step per JavaFX pulse, first fitted (the overview, every node on screen; after 30 unmeasured pulses
 * that let the JIT compile the drawing code) and then zoomed in until labels show (again after a few
 * unmeasured pulses: the pan is measured, not the zoom). Reports
 * the open time (layout, then the view until its first frame is drawn), the pulse intervals while
 * panning (a pulse interval is what a user sees as a frame: a slow frame delays the next pulse) and
 * GraphStream's own drawing time per frame.
 *
 * <p>Runs on a display, under Xvfb, or headless with Monocle: with no {@code DISPLAY} and the
 * {@code openjfx-monocle} jar on the class path it selects headless Monocle by itself. Call
 * {@link #run} from any thread but the JavaFX one.
 */
public final class GraphViewBenchmark {
    /** The budget for opening the view. */
    public static final double OPEN_BUDGET_MS = 1000;
    /** The budget for one frame while panning. */
    public static final double FRAME_BUDGET_MS = 50;

    private GraphViewBenchmark() {
    }

    /**
     * What one run measured.
     *
     * @param nodes          execution-graph nodes drawn
     * @param edges          execution-graph edges drawn
     * @param layoutMs       computing the layout
     * @param openMs         from the start of the layout until the view's first frame was drawn
     * @param openCpuMs      CPU time of the whole process over the same span
     * @param frames         pulses measured while panning
     * @param maxPulseMs     the longest interval between two pulses while panning
     * @param p99PulseMs     the 99th percentile of those intervals
     * @param meanPulseMs    their mean
     * @param maxDrawMs      GraphStream's longest drawing of one frame (wall time)
     * @param p99DrawMs      the 99th percentile of its drawing times
     * @param p99DrawCpuMs   the 99th percentile of the JavaFX thread's CPU time per drawing: what the
     *                       drawing costs when the machine is not shared
     * @param cpuPerPulseMs  CPU time of the whole process (all threads: drawing, rasterising, GC)
     *                       per pulse while panning
     * @param loadAverage    the machine's load average per core when the run started (above 1, other
     *                       processes competed for the cores and wall times are inflated)
     * @param platform       the JavaFX platform it ran on
     */
    public record Result(int nodes, int edges, double layoutMs, double openMs, double openCpuMs, int frames, double maxPulseMs,
                         double p99PulseMs, double meanPulseMs, double maxDrawMs, double p99DrawMs,
                         double p99DrawCpuMs, double cpuPerPulseMs, double loadAverage, String platform) {

        /** Whether the run met both budgets. */
        public boolean withinBudget() {
            return openMs < OPEN_BUDGET_MS && maxPulseMs <= FRAME_BUDGET_MS;
        }

        /** One JSON object. */
        public String toJson() {
            return String.format(Locale.ROOT, "{\"nodes\":%d,\"edges\":%d,\"layout_ms\":%.1f,\"open_ms\":%.1f,\"open_cpu_ms\":%.1f,"
                    + "\"frames\":%d,\"max_pulse_ms\":%.1f,\"p99_pulse_ms\":%.1f,\"mean_pulse_ms\":%.1f,\"max_draw_ms\":%.1f,"
                    + "\"p99_draw_ms\":%.1f,\"p99_draw_cpu_ms\":%.1f,\"cpu_per_pulse_ms\":%.1f,\"load_per_core\":%.2f,"
                    + "\"platform\":\"%s\",\"within_budget\":%b}", nodes, edges, layoutMs, openMs, openCpuMs, frames,
                    maxPulseMs, p99PulseMs, meanPulseMs, maxDrawMs, p99DrawMs, p99DrawCpuMs, cpuPerPulseMs, loadAverage, platform,
                    withinBudget());
        }

        /** A few lines for people. */
        public String toText() {
            return String.format(Locale.ROOT, """
                    execution-graph view, %d nodes / %d edges (%s)
                      open: %.0f ms (layout %.1f ms; process CPU %.0f ms)   budget < %.0f ms
                      pan, %d pulses: max %.1f ms, p99 %.1f ms, mean %.1f ms   budget <= %.0f ms per frame
                      GraphStream drawing per frame: max %.1f ms, p99 %.1f ms (JavaFX-thread CPU p99 %.1f ms)
                      process CPU per pulse while panning: %.1f ms; load per core at the start: %.2f
                      %s""", nodes, edges, platform, openMs, layoutMs, openCpuMs, OPEN_BUDGET_MS, frames, maxPulseMs,
                    p99PulseMs, meanPulseMs, FRAME_BUDGET_MS, maxDrawMs, p99DrawMs, p99DrawCpuMs, cpuPerPulseMs,
                    loadAverage, withinBudget() ? "within budget" : "OVER BUDGET");
        }
    }

    /**
     * Runs the measurement on a synthetic answer of at least {@code nodes} nodes, panning
     * {@code panPulses} pulses in each of the two zoom levels. Starts JavaFX if it is not running.
     */
    public static Result run(int nodes, int panPulses, long seed) throws Exception {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("run the benchmark off the JavaFX thread");
        }
        ExecutionGraph graph;
        try (HfTokenizer tokenizer = HfTokenizer.embedded()) {
            graph = SyntheticAnswer.withNodes(nodes, seed, tokenizer);
        }
        startToolkit();
        // Warm up once on a smaller graph, so the figures are the view's, not the class loader's and
        // the JIT compiler's (as in a workbench that has already shown an answer).
        try (HfTokenizer tokenizer = HfTokenizer.embedded()) {
            open(SyntheticAnswer.withNodes(Math.max(20, nodes / 2), seed + 1, tokenizer), 20).close();
        }
        try (Session s = open(graph, panPulses)) {
            return s.result;
        }
    }

    /** An open window with its measurement; closing it closes the window. */
    private static final class Session implements AutoCloseable {
        Result result;
        Stage stage;
        ExecutionGraphView view;

        @Override
        public void close() throws Exception {
            onFx(() -> {
                view.close();
                stage.close();
                return null;
            });
        }
    }

    private static Session open(ExecutionGraph graph, int panPulses) throws Exception {
        Session s = new Session();
        List<Long> draws = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> drawCpu = java.util.Collections.synchronizedList(new ArrayList<>());
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                / Runtime.getRuntime().availableProcessors();
        CountDownLatch firstFrame = new CountDownLatch(1);
        long openCpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        GraphLayout layout = GraphLayout.of(graph);
        long t1 = System.nanoTime();
        onFx(() -> {
            s.view = new ExecutionGraphView();
            s.view.setFrameListener((wall, cpu) -> {
                draws.add(wall);
                drawCpu.add(cpu);
                firstFrame.countDown();
            });
            s.stage = new Stage();
            Scene scene = new Scene(s.view, 1280, 800);
            Theme.apply(scene);
            s.stage.setScene(scene);
            s.stage.show();
            s.view.show(layout);
            return null;
        });
        if (!firstFrame.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the graph view drew no frame within 30 s");
        }
        awaitPulse();
        long t2 = System.nanoTime();
        double openCpuMs = (processCpuNanos() - openCpu0) / 1e6;
        onFx(() -> {
            s.view.fit(); // the overview: every node on screen
            return null;
        });
        pan(s.view, 30, new ArrayList<>(), false); // unmeasured: lets the JIT compile the drawing code
        awaitPulse();
        draws.clear();
        drawCpu.clear();
        long cpu0 = processCpuNanos();
        List<Double> pulses = new ArrayList<>();
        pan(s.view, panPulses, pulses, false);
        onFx(() -> {
            int middle = graph.nodes().size() / 2;
            s.view.centerOn(middle);
            return null;
        });
        pan(s.view, 20, new ArrayList<>(), true); // unmeasured: the zoom itself, and the labels' first glyphs
        awaitPulse();
        pan(s.view, panPulses, pulses, true);
        long cpu = processCpuNanos() - cpu0;
        double[] p = pulses.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] d;
        double[] c;
        synchronized (draws) {
            d = draws.stream().mapToDouble(ns -> ns / 1e6).sorted().toArray();
        }
        synchronized (drawCpu) {
            c = drawCpu.stream().mapToDouble(ns -> ns / 1e6).sorted().toArray();
        }
        s.result = new Result(graph.nodes().size(), graph.edges().size(), (t1 - t0) / 1e6, (t2 - t0) / 1e6, openCpuMs, p.length,
                max(p), percentile(p, 0.99), Arrays.stream(p).average().orElse(0), max(d), percentile(d, 0.99),
                percentile(c, 0.99), cpu < 0 ? -1 : cpu / 1e6 / Math.max(1, p.length), load, platformName());
        return s;
    }

    /** Pans one step per pulse for {@code pulses} pulses, recording the interval between pulses. */
    private static void pan(ExecutionGraphView view, int pulses, List<Double> intervals, boolean vertical)
            throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger count = new AtomicInteger();
        List<Double> local = new ArrayList<>();
        onFx(() -> {
            new AnimationTimer() {
                private long last = -1;

                @Override
                public void handle(long now) {
                    if (last >= 0) {
                        local.add((now - last) / 1e6);
                    }
                    last = now;
                    int k = count.getAndIncrement();
                    if (k >= pulses) {
                        stop();
                        done.complete(null);
                        return;
                    }
                    double step = (k / 30) % 2 == 0 ? 12 : -12; // back and forth
                    if (vertical) {
                        view.panBy(0, step);
                    } else {
                        view.panBy(step, step / 2);
                    }
                }
            }.start();
            return null;
        });
        done.get(120, TimeUnit.SECONDS);
        intervals.addAll(local);
    }

    private static void awaitPulse() throws Exception {
        CompletableFuture<Void> pulse = new CompletableFuture<>();
        onFx(() -> {
            new AnimationTimer() {
                private int frames;

                @Override
                public void handle(long now) {
                    if (++frames >= 3) {
                        stop();
                        pulse.complete(null);
                    }
                }
            }.start();
            return null;
        });
        pulse.get(30, TimeUnit.SECONDS);
    }

    /** CPU time of this process so far, -1 when the JVM does not say. */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static double max(double[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int k = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
    }

    private static String platformName() {
        String glass = System.getProperty("glass.platform");
        String monocle = System.getProperty("monocle.platform");
        String prism = System.getProperty("prism.order");
        return (glass == null ? "default glass" : glass + (monocle == null ? "" : " " + monocle))
                + (prism == null ? "" : ", prism " + prism);
    }

    /**
     * Starts JavaFX unless it runs already; with no display and Monocle on the class path, headless.
     *
     * @throws IllegalStateException when there is no display and no Monocle
     */
    public static void startToolkit() throws InterruptedException {
        if (System.getProperty("glass.platform") == null && System.getenv("DISPLAY") == null
                && System.getenv("WAYLAND_DISPLAY") == null) {
            try {
                Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory");
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("no display: run under Xvfb (xvfb-run) or put openjfx-monocle on the "
                        + "class path for headless JavaFX");
            }
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        Platform.setImplicitExit(false);
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX did not start within 30 s");
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | LinkageError e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    /** {@code GraphViewBenchmark [--nodes N] [--pulses P] [--seed S] [--json]}: prints the figures. */
    public static void main(String[] args) throws Exception {
        int nodes = 500;
        int pulses = 180;
        long seed = 1;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--pulses" -> pulses = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--json" -> json = true;
                default -> {
                    System.err.println("usage: GraphViewBenchmark [--nodes N] [--pulses P] [--seed S] [--json]");
                    System.exit(2);
                }
            }
        }
        Result r = run(nodes, pulses, seed);
        System.out.println(json ? r.toJson() : r.toText());
        Platform.exit();
    }
}
