package org.nprworkbench.problems.task;

import java.util.Objects;

/**
 * One problem as a language model reads it, with its reference answer. Synthetic families and loaded
 * benchmarks both produce these.
 *
 * @param id a stable identifier (for generated problems a hash of the content, so the same problem has
 *        the same id whatever seed produced it)
 * @param task the family name ({@code arithmetic}, {@code countdown}, ...) or {@code math} for a
 *        benchmark graded by {@link org.nprworkbench.problems.grade.AnswerGrader}
 * @param split the split it belongs to (benchmarks: {@link Split#TEST})
 * @param text the problem statement, plain text (printable ASCII for the synthetic families)
 * @param answer the reference answer in the family's answer format
 */
public record Problem(String id, String task, Split split, String text, String answer) {
    public Problem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(answer, "answer");
    }
}
