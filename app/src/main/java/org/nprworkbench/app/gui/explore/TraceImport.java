package org.nprworkbench.app.gui.explore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBuilder;
import org.nprworkbench.engine.graph.Trace;
import org.nprworkbench.engine.graph.TraceFile;
import org.nprworkbench.engine.tokenizer.HfTokenizer;
import org.nprworkbench.visualizer.explorer.ExplorerModel;

/**
 * Imported traces: a text file (one answer) or JSON Lines / JSON (the released NPR evaluation outputs,
 * one answer per line or per list element), read with the engine's text-to-graph path and counted in
 * the embedded tokenizer's tokens, as {@code npr graph} does. A malformed trace still opens, its
 * break marked. Bad files are {@link org.nprworkbench.input.BadInputException}s naming file and line.
 */
public final class TraceImport {
    private TraceImport() {
    }

    /** Every trace in {@code file}, as answers to explore. Slow for big files: call off the JavaFX thread. */
    public static List<ExploredAnswer> read(Path file) {
        List<Trace> traces = TraceFile.read(file, null);
        List<ExploredAnswer> answers = new ArrayList<>();
        try (HfTokenizer tokenizer = HfTokenizer.embedded()) {
            for (Trace t : traces) {
                ExecutionGraph g = GraphBuilder.fromText(t.origin(), null, t.text(), tokenizer);
                String title = t.origin().replace(file.toString(), file.getFileName().toString());
                answers.add(new ExploredAnswer(title, null, ExplorerModel.build(g, tokenizer, null)));
            }
        }
        return answers;
    }
}
