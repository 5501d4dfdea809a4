package org.nprworkbench.engine.model;

import java.math.BigDecimal;
import java.nio.file.Path;

import org.nprworkbench.input.BadInputException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Typed, bounded reads of the fields of a {@code config.json}. Every problem is one
 * {@link BadInputException} of one line: {@code FILE: field "NAME" PROBLEM, found VALUE}.
 * A field that is absent or JSON {@code null} counts as missing.
 */
final class ConfigFields {
    private final JsonObject object;
    private final Path file;

    ConfigFields(JsonObject object, Path file) {
        this.object = object;
        this.file = file;
    }

    /** Whether the field is present with a non-null value. */
    boolean has(String key) {
        JsonElement e = object.get(key);
        return e != null && !e.isJsonNull();
    }

    JsonElement get(String key) {
        return object.get(key);
    }

    /** A required whole number in [min, max]. */
    int wholeNumber(String key, int min, int max) {
        if (!has(key)) {
            throw bad(key, "is missing: a Qwen3 config.json states it");
        }
        return wholeNumber(key, object.get(key), min, max);
    }

    /** An optional whole number in [min, max], {@code fallback} when missing. */
    int wholeNumber(String key, int min, int max, int fallback) {
        return has(key) ? wholeNumber(key, min, max) : fallback;
    }

    private int wholeNumber(String key, JsonElement e, int min, int max) {
        BigDecimal v = decimal(e);
        if (v == null || v.stripTrailingZeros().scale() > 0
                || v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw bad(key, "must be a whole number from " + min + " to " + max + ", found " + shown(e));
        }
        return v.intValueExact();
    }

    /** An optional number greater than {@code above} and at most {@code max}, {@code fallback} when missing. */
    double number(String key, double above, double max, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        return number(key, object.get(key), above, max);
    }

    double number(String key, JsonElement e, double above, double max) {
        BigDecimal v = decimal(e);
        double d = v == null ? Double.NaN : v.doubleValue();
        if (!(d > above && d <= max)) {
            throw bad(key, "must be a number greater than " + plain(above) + " and at most " + plain(max)
                    + ", found " + shown(e));
        }
        return d;
    }

    /** An optional boolean, {@code fallback} when missing. */
    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonElement e = object.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw bad(key, "must be true or false, found " + shown(e));
        }
        return e.getAsBoolean();
    }

    /** An optional string, {@code fallback} when missing. */
    String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonElement e = object.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw bad(key, "must be a string, found " + shown(e));
        }
        return e.getAsString();
    }

    /** An optional token id or list of ids (the first counts), each in [0, vocab); -1 when missing or empty. */
    int tokenId(String key, int vocab) {
        if (!has(key)) {
            return -1;
        }
        JsonElement e = object.get(key);
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            int first = -1;
            for (int i = 0; i < a.size(); i++) {
                int id = tokenIdValue(key, a.get(i), vocab);
                first = i == 0 ? id : first;
            }
            return first;
        }
        return tokenIdValue(key, e, vocab);
    }

    private int tokenIdValue(String key, JsonElement e, int vocab) {
        BigDecimal v = decimal(e);
        if (v == null || v.stripTrailingZeros().scale() > 0 || v.signum() < 0
                || v.compareTo(BigDecimal.valueOf(vocab)) >= 0) {
            throw bad(key, "must be a token id from 0 to " + (vocab - 1) + " (vocab_size " + vocab
                    + ") or a list of them, found " + shown(e));
        }
        return v.intValueExact();
    }

    /** {@code FILE: field "KEY" PROBLEM}. */
    BadInputException bad(String key, String problem) {
        return BadInputException.inFile(file, "field \"" + key + "\" " + problem);
    }

    private static BigDecimal decimal(JsonElement e) {
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (!p.isNumber()) {
            return null;
        }
        try {
            return new BigDecimal(p.getAsString());
        } catch (NumberFormatException notADecimal) {
            return null; // NaN or Infinity written by a lenient writer
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** The value as JSON text, shortened to one line of at most 40 characters. */
    static String shown(JsonElement e) {
        String s = e == null ? "nothing" : e.toString().replaceAll("\\s+", " ");
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
