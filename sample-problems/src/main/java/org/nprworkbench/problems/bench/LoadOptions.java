package org.nprworkbench.problems.bench;

import java.util.List;

/**
 * How to read a benchmark file. A null field name means "detect it from the first record".
 *
 * @param questionField the field holding the problem text
 * @param answerField the field holding the reference answer (free-answer layouts)
 * @param idField the field holding a problem id (else the file name and line number)
 * @param correctField the correct option of a multiple-choice layout (GPQA: {@code Correct Answer})
 * @param incorrectFields the wrong options of a multiple-choice layout
 * @param skipBadLines leave bad lines out (and list them) instead of refusing the file
 * @param shuffleSeed seed of the per-problem option shuffle of multiple-choice layouts
 */
public record LoadOptions(String questionField, String answerField, String idField, String correctField,
        List<String> incorrectFields, boolean skipBadLines, long shuffleSeed) {

    public LoadOptions {
        incorrectFields = incorrectFields == null ? null : List.copyOf(incorrectFields);
    }

    /** Everything detected, bad lines refused, shuffle seed 0. */
    public static LoadOptions defaults() {
        return new LoadOptions(null, null, null, null, null, false, 0);
    }

    public LoadOptions withQuestionField(String field) {
        return new LoadOptions(field, answerField, idField, correctField, incorrectFields, skipBadLines, shuffleSeed);
    }

    public LoadOptions withAnswerField(String field) {
        return new LoadOptions(questionField, field, idField, correctField, incorrectFields, skipBadLines, shuffleSeed);
    }

    public LoadOptions withIdField(String field) {
        return new LoadOptions(questionField, answerField, field, correctField, incorrectFields, skipBadLines, shuffleSeed);
    }

    /** A multiple-choice layout with these option fields. */
    public LoadOptions withChoices(String correct, List<String> incorrect) {
        return new LoadOptions(questionField, answerField, idField, correct, incorrect, skipBadLines, shuffleSeed);
    }

    public LoadOptions withSkipBadLines(boolean skip) {
        return new LoadOptions(questionField, answerField, idField, correctField, incorrectFields, skip, shuffleSeed);
    }

    public LoadOptions withShuffleSeed(long seed) {
        return new LoadOptions(questionField, answerField, idField, correctField, incorrectFields, skipBadLines, seed);
    }
}
