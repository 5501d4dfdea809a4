package org.nprworkbench.app.service;

import java.nio.file.Path;
import java.util.List;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;
import org.nprworkbench.input.JsonRecordReader;
import org.nprworkbench.input.RecordBatch;
import org.nprworkbench.input.SkippedLine;
import org.nprworkbench.problems.task.MathVerifier;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.problems.task.Verifier;

/**
 * Verifies a file of model responses against a task's verifier ({@code npr problems check}): JSON
 * Lines or a JSON array of {@code {"problem", "answer", "response"}}, graded line by line.
 */
public final class EvaluateService {
    /** One checked line of the file. */
    public record Line(long line, boolean correct) {
    }

    /**
     * The file's grades.
     *
     * @param task    the verifier's name
     * @param skipped the bad lines left out (only with skip-bad-lines)
     */
    public record Report(Path file, String task, List<Line> lines, List<SkippedLine> skipped) {
        /** Lines graded correct. */
        public long correct() {
            return lines.stream().filter(Line::correct).count();
        }

        /** correct / lines. */
        public double accuracy() {
            return (double) correct() / lines.size();
        }
    }

    /**
     * Grades every line of {@code file} with the verifier of {@code task}. A bad line is bad input
     * naming it (or, with {@code skipBadLines}, left out and listed in the report).
     */
    public Report check(String task, Path file, boolean skipBadLines) {
        Verifier verifier = TaskRegistry.verifier(task);
        RecordBatch<Line> batch;
        try {
            batch = JsonRecordReader.read(file, skipBadLines, r -> {
                String problem = r.requireText("problem");
                String answer = r.requireText("answer");
                String response = r.requireText("response");
                if (verifier instanceof MathVerifier && answer.isBlank()) {
                    throw r.problem("field \"answer\" is empty");
                }
                try {
                    return new Line(r.number(), verifier.verify(problem, answer, response));
                } catch (BadInputException e) {
                    throw r.problem(e.getMessage());
                }
            });
        } catch (BadInputException e) {
            // a JSON array that does not parse cannot be skipped line by line
            throw skipBadLines || e instanceof JsonInput.Malformed
                    || !e.getMessage().matches("(?s).*: (line|record) \\d+(, column \\d+)?: .*") ? e
                    : new BadInputException(e.getMessage() + " (use --skip-bad-lines to leave bad lines out)");
        }
        return new Report(file, verifier.name(), List.copyOf(batch.items()), List.copyOf(batch.skipped()));
    }
}
