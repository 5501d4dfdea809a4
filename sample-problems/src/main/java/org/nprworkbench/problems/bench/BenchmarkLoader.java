package org.nprworkbench.problems.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.nprworkbench.input.JsonRecord;
import org.nprworkbench.input.JsonRecordReader;
import org.nprworkbench.input.RecordBatch;
import org.nprworkbench.problems.grade.AnswerExtractor;
import org.nprworkbench.problems.task.MathVerifier;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.SplitPartition;

import com.google.gson.JsonElement;

/**
 * Loads a math benchmark from a JSON array or JSON Lines file in one of the common published layouts
 * ({@link BenchmarkLayout}). Multiple-choice records become a question followed by lettered options
 * {@code A) ...} in a seeded per-problem shuffle, with the correct letter as the answer. Bad input (a
 * malformed line, a missing or empty field, invalid UTF-8, an empty file) refuses the file with the
 * file and line named, unless {@link LoadOptions#skipBadLines()} is set; then every skipped line is
 * listed in the result.
 */
public final class BenchmarkLoader {
    private BenchmarkLoader() {
    }

    /** Loads {@code file} with every field detected. */
    public static BenchmarkSet load(Path file) {
        return load(file, LoadOptions.defaults());
    }

    /** Loads {@code file} with {@code options}. */
    public static BenchmarkSet load(Path file, LoadOptions options) {
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        BenchmarkLayout[] layout = new BenchmarkLayout[1];
        RecordBatch<Problem> batch = JsonRecordReader.read(file, options.skipBadLines(), r -> {
            if (layout[0] == null) {
                layout[0] = BenchmarkLayout.detect(r, options);
            }
            return problem(r, layout[0], stem, options.shuffleSeed());
        });
        return new BenchmarkSet(file, layout[0], batch.items(), batch.skipped());
    }

    private static Problem problem(JsonRecord r, BenchmarkLayout layout, String stem, long seed) {
        String question = nonEmpty(r, layout.questionField());
        String id = layout.idField() != null && r.has(layout.idField()) ? r.requireText(layout.idField())
                : stem + "-" + r.number();
        if (layout.multipleChoice()) {
            return multipleChoice(r, layout, id, question, seed);
        }
        String answer = answer(r, layout.answerField());
        if (layout.answerFromSolution()) {
            answer = AnswerExtractor.lastBoxed(answer).filter(a -> !a.isBlank()).orElseThrow(
                    () -> r.problem("the solution has no \\boxed{} answer"));
        }
        return new Problem(id, MathVerifier.NAME, Split.TEST, question, answer);
    }

    private static Problem multipleChoice(JsonRecord r, BenchmarkLayout layout, String id, String question, long seed) {
        List<String> options = new ArrayList<>(List.of(nonEmpty(r, layout.correctField())));
        for (String f : layout.incorrectFields()) {
            options.add(nonEmpty(r, f));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(SplitPartition.hash("choices", seed + "\u0000" + question)));
        StringBuilder text = new StringBuilder(question).append("\n");
        char answer = '?';
        for (int i = 0; i < order.size(); i++) {
            char letter = (char) ('A' + i);
            text.append('\n').append(letter).append(") ").append(options.get(order.get(i)));
            if (order.get(i) == 0) {
                answer = letter;
            }
        }
        return new Problem(id, MathVerifier.NAME, Split.TEST, text.toString(), String.valueOf(answer));
    }

    /** The answer field; a list (OlympiadBench) becomes its elements, each without $...$, joined by commas. */
    private static String answer(JsonRecord r, String field) {
        JsonElement e = r.object().get(field);
        if (e != null && e.isJsonArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonElement item : e.getAsJsonArray()) {
                parts.add(unwrapDollars(item.isJsonPrimitive() ? item.getAsString() : item.toString()));
            }
            String joined = String.join(", ", parts);
            if (joined.isBlank()) {
                throw r.problem("field \"" + field + "\" is empty");
            }
            return joined;
        }
        return unwrapDollars(nonEmpty(r, field));
    }

    private static String nonEmpty(JsonRecord r, String field) {
        String s = r.requireText(field).strip();
        if (s.isEmpty()) {
            throw r.problem("field \"" + field + "\" is empty");
        }
        return s;
    }

    private static String unwrapDollars(String s) {
        String t = s.strip();
        return t.length() > 1 && t.startsWith("$") && t.endsWith("$") && t.indexOf('$', 1) == t.length() - 1
                ? t.substring(1, t.length() - 1).strip() : t;
    }
}
