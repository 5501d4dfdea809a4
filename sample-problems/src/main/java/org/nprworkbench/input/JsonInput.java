package org.nprworkbench.input;

import java.io.IOException;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Parses JSON from a user's file (a checkpoint's {@code config.json}, {@code npr.json} or tokenizer
 * files, a line of JSON Lines, a problem file) and turns a syntax error into one line of our own:
 * {@code FILE: line L, column C: not valid JSON: WHAT; WHAT TO DO}. Gson's own text (its advice to
 * parse leniently, its troubleshooting link, its JSON paths) never reaches the user.
 */
public final class JsonInput {
    private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);
    private static final Pattern PATH = Pattern.compile("path \\$\\.?([A-Za-z0-9_.\\[\\]-]*)");
    private static final Pattern LOCATION = Pattern.compile("line (\\d+) column (\\d+)");

    private JsonInput() {
    }

    /**
     * A JSON syntax error: a {@link BadInputException} whose message is
     * {@code SOURCE: line L, column C: not valid JSON: PROBLEM; FIX}, with its parts kept apart for
     * callers that list skipped lines.
     */
    public static final class Malformed extends BadInputException {
        private static final long serialVersionUID = 1L;
        private final long line;
        private final long column;
        private final String problem;

        Malformed(String source, long line, long column, String problem, String fix) {
            super(source + ": line " + line + ", column " + column + ": not valid JSON: " + problem
                    + (fix == null || fix.isEmpty() ? "" : "; " + fix));
            this.line = line;
            this.column = column;
            this.problem = problem;
        }

        /** The 1-based line in the source. */
        public long line() {
            return line;
        }

        /** The 1-based column (in characters) where the parser stopped. */
        public long column() {
            return column;
        }

        /** What is wrong, in our words. */
        public String problem() {
            return problem;
        }
    }

    /**
     * Parses {@code text}, the whole content of {@code source}, as one JSON value. {@code LENIENT}
     * also accepts what Python's {@code json} writes ({@code NaN}, {@code Infinity}) and more;
     * {@code STRICT} is RFC 8259. Text after the value is an error either way.
     *
     * @param fix what the user should do, appended to the message (may be null)
     * @throws Malformed on a syntax error
     */
    public static JsonElement parse(String text, String source, Strictness strictness, String fix) {
        return parse(text, source, 1, strictness, fix);
    }

    /** As {@link #parse(String, String, Strictness, String)} for text that starts at line {@code firstLine} of its source. */
    public static JsonElement parse(String text, String source, long firstLine, Strictness strictness, String fix) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(strictness);
        JsonElement value;
        try {
            value = ELEMENT.read(reader);
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw error(reader, firstLine, source, problem(e), fix);
        }
        boolean ended;
        try {
            ended = reader.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException | JsonParseException | IllegalStateException e) {
            ended = false;
        }
        if (!ended) {
            throw error(reader, firstLine, source, "unexpected text after the JSON value", fix);
        }
        return value;
    }

    /** As {@link #parse(String, String, Strictness, String)} (lenient) for a file that must hold one JSON object. */
    public static JsonObject parseObject(String text, String source, String fix) {
        JsonElement e = parse(text, source, Strictness.LENIENT, fix);
        if (!e.isJsonObject()) {
            throw new BadInputException(source + ": expected a JSON object {...}, found "
                    + (e.isJsonArray() ? "an array" : e.isJsonNull() ? "null" : "a single value")
                    + (fix == null || fix.isEmpty() ? "" : "; " + fix));
        }
        return e.getAsJsonObject();
    }

    /**
     * {@code line L, column C: PROBLEM} for a syntax error {@code e} that {@code reader} met, for
     * callers that read with their own {@link JsonReader} and word the rest of the message.
     */
    public static String describe(JsonReader reader, Exception e) {
        long[] at = location(reader);
        return "line " + at[0] + ", column " + at[1] + ": " + problem(e);
    }

    /**
     * {@code a field has the wrong type} naming the field, for an error Gson raised while binding a
     * parsed value to a class (its message holds the JSON path, e.g. {@code $.step}).
     */
    public static String wrongType(Exception e) {
        Matcher m = PATH.matcher(String.valueOf(e.getMessage()));
        String field = null;
        while (m.find()) {
            field = m.group(1);
        }
        return field == null || field.isEmpty() ? "a field has the wrong type" : "field \"" + field + "\" has the wrong type";
    }

    private static Malformed error(JsonReader reader, long firstLine, String source, String problem, String fix) {
        long[] at = location(reader);
        return new Malformed(source, firstLine - 1 + at[0], at[1], problem, fix);
    }

    /** The reader's line and column ({@code JsonReader.toString()} is "JsonReader at line L column C path P"). */
    private static long[] location(JsonReader reader) {
        Matcher m = LOCATION.matcher(reader.toString());
        return m.find() ? new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))} : new long[] {1, 1};
    }

    /** The parser's complaint in our words, without Gson's location, path, advice or link. */
    static String problem(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String raw = String.valueOf(t.getMessage());
        if (raw.startsWith("End of input")) {
            return "the text ends before the JSON value is complete (a missing } or ]?)";
        }
        if (raw.startsWith("Unterminated string")) {
            return "a string is not closed with \"";
        }
        if (raw.startsWith("Unterminated object")) {
            return "expected , or } after a field";
        }
        if (raw.startsWith("Unterminated array")) {
            return "expected , or ] after an element";
        }
        if (raw.startsWith("Expected name")) {
            return "expected a field name in double quotes (a trailing comma?)";
        }
        if (raw.startsWith("Expected ':'")) {
            return "expected : after a field name";
        }
        if (raw.startsWith("Unexpected value") || raw.startsWith("Expected value")) {
            return "expected a value";
        }
        if (raw.startsWith("Invalid escape sequence")) {
            return "a string has an invalid escape sequence";
        }
        if (raw.startsWith("Use JsonReader.setStrictness")) {
            return "unexpected character (JSON needs double-quoted names and strings, "
                    + "true/false/null, plain numbers, no comments)";
        }
        int cut = raw.indexOf(" at line ");
        if (cut < 0) {
            cut = raw.indexOf('\n');
        }
        return cut < 0 ? raw : raw.substring(0, cut);
    }
}
