package org.nprworkbench.engine.graph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonRecord;
import org.nprworkbench.input.JsonRecordReader;
import org.nprworkbench.input.StrictUtf8;

import com.google.gson.JsonElement;

/**
 * Reads NPR traces (response texts) from a user file, for importing answers of other NPR
 * implementations. A {@code .jsonl} or {@code .json} file holds JSON objects (JSON Lines, or one JSON
 * array) with the text in a named field, or by default the first present of {@link #AUTO_FIELDS}; a
 * field holding an array of strings gives one trace per element (several samples per problem). Any
 * other file is one trace, its whole text. Every problem is a {@link BadInputException} naming the
 * file and the line; a file without any trace (empty, blank, or only empty lists) is refused.
 */
public final class TraceFile {
    /** The fields tried, in order, when no field is named. */
    public static final List<String> AUTO_FIELDS = List.of("response", "output", "completion", "text", "generated_text");

    private TraceFile() {
    }

    /** The traces in {@code file}; {@code field} names the JSON field, null to detect it. */
    public static List<Trace> read(Path file, String field) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.inFile(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            List<Trace> traces = JsonRecordReader.read(file, false, r -> traces(r, field)).items().stream()
                    .flatMap(List::stream).toList();
            if (traces.isEmpty()) {
                throw BadInputException.inFile(file, "holds no trace: every trace field is an empty list");
            }
            return traces;
        }
        String text = StrictUtf8.readString(file);
        if (text.isBlank()) {
            throw BadInputException.inFile(file, (text.isEmpty() ? "the file is empty" : "the file holds only whitespace")
                    + "; expected an NPR trace (plain text), or JSON Lines (.jsonl) with the text in a field");
        }
        return List.of(new Trace(file.toString(), text));
    }

    private static List<Trace> traces(JsonRecord r, String field) {
        String f = field;
        if (f == null) {
            f = AUTO_FIELDS.stream().filter(r::has).findFirst().orElseThrow(() -> r.problem(
                    "no trace field: none of " + AUTO_FIELDS + " is here (fields: " + r.object().keySet()
                            + "); name the field with --field"));
        } else if (!r.has(f)) {
            throw r.problem("missing field \"" + f + "\" (fields here: " + r.object().keySet() + ")");
        }
        String origin = r.file() + " " + r.location();
        JsonElement e = r.object().get(f);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return List.of(new Trace(origin, e.getAsString()));
        }
        if (e.isJsonArray()) {
            List<Trace> out = new ArrayList<>();
            for (JsonElement item : e.getAsJsonArray()) {
                if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                    throw r.problem("field \"" + f + "\" must hold a string or a list of strings");
                }
                out.add(new Trace(origin + " [" + out.size() + "]", item.getAsString()));
            }
            return out;
        }
        throw r.problem("field \"" + f + "\" must hold a string or a list of strings, not " + e);
    }
}
