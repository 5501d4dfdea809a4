package org.nprworkbench.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.Strictness;

/**
 * Reads a file of JSON objects, either a JSON array ({@code [ {...}, {...} ]}, detected by its first
 * character) or JSON Lines (one object per line, blank lines ignored), and converts each object.
 *
 * <p>Every problem is a {@link BadInputException} naming the file and the line (JSON Lines) or record
 * (JSON array): invalid UTF-8, malformed JSON, a line that is not an object, or whatever the converter
 * rejects. By default one bad line refuses the whole file; with {@code skipBadLines} the bad lines are
 * left out and listed in the result. An empty file, a file whose lines are all bad, and a JSON array
 * that does not parse are always refused.
 */
public final class JsonRecordReader {
    private JsonRecordReader() {
    }

    /** Reads and converts every record of {@code file}. */
    public static <T> RecordBatch<T> read(Path file, boolean skipBadLines, Function<JsonRecord, T> convert) {
        byte[] bytes = StrictUtf8.readBytes(file);
        int first = firstContentByte(bytes);
        if (first < 0) {
            throw BadInputException.inFile(file, "the file is empty; expected JSON Lines "
                    + "(one JSON object per line) or a JSON array of objects");
        }
        List<T> items = new ArrayList<>();
        List<SkippedLine> skipped = new ArrayList<>();
        if (bytes[first] == '[') {
            readArray(file, StrictUtf8.decodeFile(file, bytes), skipBadLines, convert, items, skipped);
        } else {
            readLines(file, bytes, skipBadLines, convert, items, skipped);
        }
        if (items.isEmpty()) {
            throw BadInputException.inFile(file, skipped.isEmpty() ? "contains no records"
                    : "none of its " + skipped.size() + " records is usable; the first problem: "
                            + skipped.get(0).location() + ": " + skipped.get(0).reason());
        }
        return new RecordBatch<>(items, skipped);
    }

    private static <T> void readArray(Path file, String text, boolean skip, Function<JsonRecord, T> convert,
            List<T> items, List<SkippedLine> skipped) {
        JsonElement root = JsonInput.parse(text, file.toString(), Strictness.STRICT,
                "fix the file, or write it as JSON Lines so that bad lines can be skipped");
        if (!root.isJsonArray()) {
            throw BadInputException.inFile(file, "expected a JSON array of objects");
        }
        JsonArray array = root.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            accept(file, "record", i + 1, array.get(i), skip, convert, items, skipped);
        }
    }

    private static <T> void readLines(Path file, byte[] bytes, boolean skip, Function<JsonRecord, T> convert,
            List<T> items, List<SkippedLine> skipped) {
        int start = 0;
        long line = 1;
        for (int i = 0; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != '\n') {
                continue;
            }
            String location = "line " + line;
            Optional<String> text = StrictUtf8.decode(bytes, start, i);
            if (text.isEmpty()) {
                fail(file, location, "not valid UTF-8 text; save the file as UTF-8", skip, skipped);
            } else if (!text.get().isBlank()) {
                JsonElement value = null;
                try {
                    value = JsonInput.parse(text.get(), file.toString(), line, Strictness.STRICT, null);
                } catch (JsonInput.Malformed e) {
                    fail(file, location + ", column " + e.column(), "not valid JSON: " + e.problem()
                            + "; each line must be one complete JSON object", skip, skipped);
                }
                if (value != null) {
                    accept(file, "line", line, value, skip, convert, items, skipped);
                }
            }
            start = i + 1;
            line++;
        }
    }

    private static <T> void accept(Path file, String unit, long number, JsonElement e, boolean skip,
            Function<JsonRecord, T> convert, List<T> items, List<SkippedLine> skipped) {
        String location = unit + " " + number;
        if (e == null || !e.isJsonObject()) {
            fail(file, location, "expected a JSON object, found " + abbreviate(String.valueOf(e)), skip, skipped);
            return;
        }
        try {
            items.add(convert.apply(new JsonRecord(file, unit, number, e.getAsJsonObject())));
        } catch (BadInputException bad) {
            if (!skip) {
                throw bad;
            }
            String prefix = file + ": " + location + ": ";
            String msg = bad.getMessage();
            skipped.add(new SkippedLine(file, location, msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg));
        }
    }

    private static void fail(Path file, String location, String reason, boolean skip, List<SkippedLine> skipped) {
        if (!skip) {
            throw BadInputException.inFile(file, location + ": " + reason);
        }
        skipped.add(new SkippedLine(file, location, reason));
    }

    /** Index of the first byte that is neither whitespace nor part of a UTF-8 byte order mark; -1 if none. */
    private static int firstContentByte(byte[] bytes) {
        int i = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        for (; i < bytes.length; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
