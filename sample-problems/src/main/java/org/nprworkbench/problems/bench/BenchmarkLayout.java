package org.nprworkbench.problems.bench;

import java.util.List;
import java.util.Optional;

import org.nprworkbench.input.JsonRecord;

/**
 * Which fields of a benchmark record hold what. Detected from the first record unless the caller
 * names the fields:
 * <ul>
 * <li>MATH500 and AMC: {@code problem}, {@code answer} (AMC answers may be JSON numbers);</li>
 * <li>AIME: {@code Problem}, {@code Answer}, or {@code question}, {@code answer};</li>
 * <li>OlympiadBench: {@code question}, {@code final_answer} (a list, joined with commas);</li>
 * <li>MATH (full): {@code problem} and no answer field: the last {@code \boxed{}} of {@code solution};</li>
 * <li>GPQA: {@code Question}, {@code Correct Answer}, {@code Incorrect Answer 1..3}: multiple choice.</li>
 * </ul>
 *
 * @param name a human-readable name of the layout
 * @param questionField the problem text
 * @param answerField the reference answer (null for multiple choice)
 * @param answerFromSolution whether {@code answerField} is a worked solution whose last {@code \boxed{}}
 *        is the answer
 * @param idField the id, or null
 * @param correctField the correct option of a multiple-choice layout, or null
 * @param incorrectFields the wrong options of a multiple-choice layout (empty otherwise)
 */
public record BenchmarkLayout(String name, String questionField, String answerField, boolean answerFromSolution,
        String idField, String correctField, List<String> incorrectFields) {
    private static final List<String> QUESTIONS = List.of("problem", "Problem", "question", "Question");
    private static final List<String> ANSWERS = List.of("answer", "Answer", "final_answer", "expected_answer");
    private static final List<String> IDS = List.of("unique_id", "id", "ID", "idx", "Record ID");
    private static final String GPQA_CORRECT = "Correct Answer";
    private static final String GPQA_INCORRECT = "Incorrect Answer";

    public BenchmarkLayout {
        incorrectFields = List.copyOf(incorrectFields);
    }

    /** Whether problems are multiple choice (answers are option letters). */
    public boolean multipleChoice() {
        return correctField != null;
    }

    /** The layout of {@code first} with the caller's field names taking precedence. */
    static BenchmarkLayout detect(JsonRecord first, LoadOptions o) {
        String id = o.idField() != null ? o.idField() : firstPresent(first, IDS).orElse(null);
        String correct = o.correctField() != null ? o.correctField()
                : o.answerField() == null && first.has(GPQA_CORRECT) ? GPQA_CORRECT : null;
        String question = o.questionField() != null ? o.questionField() : firstPresent(first, QUESTIONS)
                .orElseThrow(() -> first.problem("cannot tell which field holds the question (fields here: "
                        + first.object().keySet() + "); name it with the question-field option"));
        if (correct != null) {
            List<String> wrong = o.incorrectFields() != null ? o.incorrectFields()
                    : first.object().keySet().stream().filter(k -> k.startsWith(GPQA_INCORRECT)).sorted().toList();
            if (wrong.isEmpty()) {
                throw first.problem("multiple choice needs incorrect options (fields \"" + GPQA_INCORRECT
                        + " 1\".. or the incorrect-fields option)");
            }
            return new BenchmarkLayout("multiple choice (" + question + ", " + correct + ", " + wrong.size()
                    + " incorrect; GPQA style)", question, null, false, id, correct, wrong);
        }
        Optional<String> answer = o.answerField() != null ? Optional.of(o.answerField()) : firstPresent(first, ANSWERS);
        if (answer.isEmpty() && first.has("solution")) {
            return new BenchmarkLayout("MATH (" + question + "; answer = last \\boxed{} of solution)", question,
                    "solution", true, id, null, List.of());
        }
        String a = answer.orElseThrow(() -> first.problem("cannot tell which field holds the answer (fields here: "
                + first.object().keySet() + "); name it with the answer-field option"));
        return new BenchmarkLayout(knownName(question, a) + " (" + question + ", " + a + ")", question, a, false, id,
                null, List.of());
    }

    private static String knownName(String question, String answer) {
        if (answer.equals("final_answer")) {
            return "OlympiadBench";
        }
        if (question.equals("problem") && answer.equals("answer")) {
            return "MATH500/AMC";
        }
        if (question.equals("Problem") || question.equals("question") && answer.equals("answer")) {
            return "AIME";
        }
        return "custom";
    }

    private static Optional<String> firstPresent(JsonRecord r, List<String> names) {
        return names.stream().filter(r::has).findFirst();
    }
}
