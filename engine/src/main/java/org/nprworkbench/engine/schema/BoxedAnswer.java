package org.nprworkbench.engine.schema;

/**
 * The final answer of a response: the content of its last {@code \boxed{…}}, braces matched
 * (step 2 of the evaluation's {@code extract_answer}, npr-method.md §7.4). A stand-in until the
 * sample-problems grader exists; it does no normalisation.
 */
public final class BoxedAnswer {
    private static final String BOXED = "\\boxed{";

    private BoxedAnswer() {
    }

    /** The content of the last {@code \boxed{…}} in {@code text}, or null when there is none or its braces never close. */
    public static String last(String text) {
        int start = text.lastIndexOf(BOXED);
        if (start < 0) {
            return null;
        }
        int depth = 1;
        int from = start + BOXED.length();
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(from, i);
            }
        }
        return null;
    }
}
