package org.nprworkbench.app.cli;

import java.io.PrintWriter;

import org.nprworkbench.visualizer.bench.GraphViewBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code npr bench ui}: the workbench's interface figures against the issues' budgets. Today the
 * execution-graph view (a 500-node answer: open time, pan pulse max and p99); the charts dashboard's
 * figures join here as a second section of the text and a second field of the JSON. Runs in a window
 * when there is a display, otherwise headless through Monocle (a runtime dependency of the app). The
 * JavaFX toolkit stays up: {@code Main} ends the process with {@code System.exit}.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Interface speed: the execution-graph view opening a 500-node answer and panning it,",
                "against the budgets (open under 1 s, no frame over 50 ms). Headless without a display."})
final class BenchUiCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "500", description = "Nodes of the synthetic answer. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--pulses", defaultValue = "180", description = "Pan pulses per zoom level. Default: ${DEFAULT-VALUE}.")
    int pulses;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public void run() {
        OptionRange.atLeast("--nodes", nodes, 10);
        OptionRange.atLeast("--pulses", pulses, 10);
        GraphViewBenchmark.Result graph;
        try {
            graph = GraphViewBenchmark.run(nodes, pulses, 1);
        } catch (IllegalStateException e) {
            throw new org.nprworkbench.input.BadInputException("cannot run the interface benchmark: " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("the interface benchmark failed", e);
        }
        // The charts dashboard's figures go here: run its benchmark, add a "charts" field below and a
        // section to the text.
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println("{\"graph\":" + graph.toJson() + "}");
        } else {
            out.println(graph.toText());
        }
        out.flush();
    }
}
