package org.nprworkbench.engine.graph;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;

/**
 * The JSON form of an {@link ExecutionGraph} (documented in {@code engine/README-graph.md}): one JSON
 * object per graph, written on one line so that files of graphs are JSON Lines, its keys in
 * snake_case like every JSON the workbench prints. Unknown values
 * (null) are left out. A log-probability of minus infinity is written as {@code -Infinity}, which the
 * reader accepts.
 */
public final class GraphJson {
    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
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
        JsonElement tree = JsonInput.parse(json, source, Strictness.LENIENT, "expected an execution graph");
        ExecutionGraph g;
        try {
            g = GSON.fromJson(tree, ExecutionGraph.class);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new BadInputException(source + ": not an execution graph: " + JsonInput.wrongType(e)
                    + " (the form is in engine/README-graph.md)");
        }
        if (g == null || !ExecutionGraph.SCHEMA.equals(g.schema())) {
            throw new BadInputException(source + ": not an execution graph; expected \"schema\": \""
                    + ExecutionGraph.SCHEMA + "\"" + (g == null ? "" : ", found " + g.schema()));
        }
        return g;
    }
}
