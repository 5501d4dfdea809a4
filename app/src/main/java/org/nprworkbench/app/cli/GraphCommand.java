package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBreak;
import org.nprworkbench.engine.graph.GraphBuilder;
import org.nprworkbench.engine.graph.GraphJson;
import org.nprworkbench.engine.graph.Trace;
import org.nprworkbench.engine.graph.TraceFile;
import org.nprworkbench.engine.tokenizer.HfTokenizer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code npr graph FILE}: parses NPR traces, for example the official NPR-4B evaluation outputs, and
 * prints each one's structure, T, C, T/C, format score and validity, or with {@code --json} its
 * execution graph as one JSON line.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Parse NPR traces and print per trace: blocks and branches per block, total tokens T, "
                + "critical path C, T/C, format score and structural validity (with where it breaks).",
                "FILE is a plain text file (one trace) or JSON Lines / a JSON array (.jsonl, .json) with the "
                + "text in a field; a field holding a list of strings gives one trace per element."})
final class GraphCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The traces.")
    Path file;

    @Option(names = "--field", paramLabel = "NAME",
            description = "JSON field holding the trace text (default: the first of response, output, completion, text, generated_text).")
    String field;

    @Option(names = "--json", description = "Print each trace's execution graph as one line of JSON (schema in engine/README-graph.md).")
    boolean json;

    @Option(names = "--tokenizer", paramLabel = "FILE|NAME",
            description = "tokenizer.json, a folder holding one, or a checkpoint name from `npr checkpoints`, to count "
                    + "tokens with (default: the embedded character-level tokenizer, so T and C count characters, "
                    + "each tag one token).")
    String tokenizer;

    @Override
    public void run() {
        List<Trace> traces = TraceFile.read(file, field);
        PrintWriter out = spec.commandLine().getOut();
        int valid = 0;
        double parallelism = 0;
        try (HfTokenizer tok = tokenizer == null ? HfTokenizer.embedded() : HfTokenizer.load(CheckpointNames.resolve(spec, tokenizer))) {
            for (Trace t : traces) {
                ExecutionGraph g = GraphBuilder.fromText(t.origin(), null, t.text(), tok);
                out.println(json ? GraphJson.write(g) : summary(g));
                valid += g.valid() ? 1 : 0;
                parallelism += g.parallelism();
            }
        }
        if (!json) {
            out.printf(Locale.ROOT, "%d trace%s, %d structurally valid%s%n", traces.size(), traces.size() == 1 ? "" : "s",
                    valid, traces.isEmpty() ? "" : String.format(Locale.ROOT, ", mean T/C %.2f", parallelism / traces.size()));
        }
        out.flush();
    }

    private static String summary(ExecutionGraph g) {
        String branches = Arrays.stream(g.branchesPerBlock()).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "[", "]"));
        String format = String.format(Locale.ROOT, "%.1f", g.formatScore())
                + (g.formatViolations().isEmpty() ? "" : g.formatViolations().stream()
                        .map(v -> v.rule().name()).distinct().collect(Collectors.joining(", ", " (", ")")));
        GraphBreak b = g.breakAt();
        String validity = b == null ? "valid" : "malformed: " + b.rule() + " at token " + b.tokenIndex()
                + " (char " + b.charOffset() + "): " + b.reason();
        return String.format(Locale.ROOT, "%s: %d block%s %s, T %d, C %d, T/C %.2f, format %s, %s",
                g.origin(), g.blocks(), g.blocks() == 1 ? "" : "s", branches, g.totalTokens(), g.criticalPath(),
                g.parallelism(), format, validity);
    }
}
