package org.nprworkbench.input;

import java.nio.file.Path;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * One JSON object read from a user file, with where it came from, so that a problem with one of its
 * fields becomes a {@link BadInputException} naming the file and the line (or record).
 *
 * @param file the file
 * @param unit {@code "line"} (JSON Lines) or {@code "record"} (JSON array)
 * @param number the 1-based line or record number
 * @param object the parsed object
 */
public record JsonRecord(Path file, String unit, long number, JsonObject object) {

    /** Where the record is, e.g. {@code line 7}. */
    public String location() {
        return unit + " " + number;
    }

    /** Bad input at this record. */
    public BadInputException problem(String what) {
        return BadInputException.inFile(file, location() + ": " + what);
    }

    /** Whether the object has a non-null field {@code name}. */
    public boolean has(String name) {
        JsonElement e = object.get(name);
        return e != null && !e.isJsonNull();
    }

    /** The field {@code name} as text; missing or non-text (an object) is bad input. */
    public String requireText(String name) {
        return text(name).orElseThrow(() -> problem("missing field \"" + name + "\" (fields here: "
                + object.keySet() + ")"));
    }

    /**
     * The field {@code name} as text, if present: a string as is, a number without a spurious
     * {@code .0}, a boolean as {@code true}/{@code false}, an array as its elements joined by
     * {@code ", "}. An object is bad input.
     */
    public Optional<String> text(String name) {
        JsonElement e = object.get(name);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        return Optional.of(asText(name, e));
    }

    private String asText(String name, JsonElement e) {
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isNumber()) {
                return p.getAsBigDecimal().stripTrailingZeros().toPlainString();
            }
            return p.getAsString();
        }
        if (e.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement item : e.getAsJsonArray()) {
                if (!item.isJsonPrimitive()) {
                    throw problem("field \"" + name + "\" must hold text, numbers or a list of them");
                }
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(asText(name, item));
            }
            return sb.toString();
        }
        throw problem("field \"" + name + "\" must hold text, a number or a list, not an object");
    }
}
