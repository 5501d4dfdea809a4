package org.nprworkbench.engine.graph;

import org.nprworkbench.input.BadInputException;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;

/**
 * The JSON form of an {@link ExecutionGraph} (documented in {@code engine/README-graph.md}): one JSON
 * object per graph, written on one line so that files of graphs are JSON Lines. Unknown values
 * (null) are left out. A log-probability of minus infinity is written as {@code -Infinity}, which the
 * reader accepts.
 */
public final class GraphJson {
    private static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .serializeSpecialFloatingPointValues()
            .setStrictness(Strictness.LENIENT)
            .create();

    private GraphJson() {
    }

    /** The graph as one line of JSON. */
    public static String write(ExecutionGraph graph) {
        return GSON.toJson(graph);
    }

    /**
     * Reads a graph written by {@link #write}; {@code source} names the input in error messages.
     *
     * @throws BadInputException when the text is not JSON or not an execution graph of this schema
     */
    public static ExecutionGraph read(String json, String source) {
        ExecutionGraph g;
        try {
            g = GSON.fromJson(json, ExecutionGraph.class);
        } catch (JsonParseException | IllegalStateException e) {
            throw new BadInputException(source + ": not a valid execution graph JSON object (" + e.getMessage() + ")", e);
        }
        if (g == null || !ExecutionGraph.SCHEMA.equals(g.schema())) {
            throw new BadInputException(source + ": not an execution graph; expected \"schema\": \""
                    + ExecutionGraph.SCHEMA + "\"" + (g == null ? "" : ", found " + g.schema()));
        }
        return g;
    }
}
