package org.nprworkbench.app.cli;

import java.io.PrintWriter;

import org.nprworkbench.visualizer.bench.GraphViewBenchmark;
import org.nprworkbench.visualizer.dashboard.UiBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code npr bench ui}: the workbench's interface figures against the issues' budgets: the
 * execution-graph view (a 500-node answer: open time, pan pulse max and p99) and the live-metrics
 * dashboard (12 charts of 100,000 points per series, 100 points per second appended: frame max and
 * p99, frames over 50 ms). Runs in a window
 * when there is a display, otherwise headless through Monocle (a runtime dependency of the app). The
 * JavaFX toolkit stays up: {@code Main} ends the process with {@code System.exit}.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Interface speed against the budgets: the execution-graph view opening a 500-node answer and",
                "panning it (open under 1 s, no frame over 50 ms), and the metrics dashboard with 100,000 points",
                "per series on 12 charts, 100 points/s appended (no frame over 50 ms). Headless without a display."})
final class BenchUiCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "500", description = "Nodes of the synthetic answer. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--pulses", defaultValue = "180", description = "Pan pulses per zoom level. Default: ${DEFAULT-VALUE}.")
    int pulses;

    @Option(names = "--chart-seconds", defaultValue = "10",
            description = "Measured seconds of the dashboard workload (after a 2 s warm-up). Default: ${DEFAULT-VALUE}.")
    double chartSeconds;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public void run() {
        OptionRange.atLeast("--nodes", nodes, 10);
        OptionRange.atLeast("--pulses", pulses, 10);
        OptionRange.above("--chart-seconds", chartSeconds, 0);
        // Monocle's default headless screen (1280 x 800) is smaller than the dashboard's window.
        if (System.getProperty("headless.geometry") == null) {
            System.setProperty("headless.geometry", "1920x1200-32");
        }
        GraphViewBenchmark.Result graph;
        UiBenchmark.Result charts;
        try {
            graph = GraphViewBenchmark.run(nodes, pulses, 1);
            UiBenchmark.Options standard = UiBenchmark.Options.standard();
            charts = UiBenchmark.run(new UiBenchmark.Options(standard.charts(), standard.pointsPerSeries(),
                    standard.appendPerSecond(), chartSeconds, standard.width(), standard.height()));
        } catch (IllegalStateException e) {
            throw new org.nprworkbench.input.BadInputException("cannot run the interface benchmark: " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("the interface benchmark failed", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println("{\"graph\":" + graph.toJson() + ",\"charts\":" + charts.toJson() + "}");
        } else {
            out.println(graph.toText());
            out.printf(java.util.Locale.ROOT, "metrics dashboard: %d charts, %,d points per series, %d points/s for %.0f s: "
                    + "frame max %.1f ms, p99 %.1f ms, %d frames over 50 ms (%s); JavaFX-thread CPU per frame p99 %.1f ms%n",
                    charts.charts(), charts.pointsPerSeries(), charts.appendPerSecond(), charts.seconds(), charts.frameMaxMs(),
                    charts.frameP99Ms(), charts.framesOver50Ms(), charts.goalMet() ? "goal met" : "goal missed",
                    charts.frameCpuP99Ms());
        }
        out.flush();
    }
}
