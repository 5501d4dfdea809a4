package org.nprworkbench.problems.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the final answer out of a model response, in the order of the paper's evaluation parser
 * (npr-method.md §7.4):
 * <ol>
 * <li>Minerva style: the text between {@code final answer is $} and {@code $. I hope};</li>
 * <li>the content of the <em>last complete</em> {@code \boxed{...}} (or {@code \fbox{...}}), with
 *     brace matching, so {@code \boxed{\frac{1}{2}}} gives {@code \frac{1}{2}}; the unbraced
 *     {@code \boxed 5} form reads up to the next {@code $} or line end;</li>
 * <li>the rest of the line after the last {@code he answer is}, then after {@code final answer is};</li>
 * <li>the last number in the text (thousands commas ignored).</li>
 * </ol>
 * The result is not normalised ({@link AnswerNormalizer} does that), so the exact verifiers of the
 * synthetic families see what the model wrote. Differences from the reference parser: a truncated,
 * unclosed <code>\boxed{</code> is skipped rather than taken partially, and a phrase answer stops at the end
 * of its line. The exact verifiers of the synthetic families use none of these fallbacks: they take
 * {@link #lastNonEmptyBoxed(String)} only.
 */
public final class AnswerExtractor {
    private static final String MINERVA_OPEN = "final answer is $";
    private static final String MINERVA_CLOSE = "$. I hope";
    private static final Pattern BOX = Pattern.compile("\\\\(?:boxed|fbox)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d*\\.?\\d+");
    private static final Pattern THOUSANDS = Pattern.compile("(?<=\\d),(?=\\d{3}(?!\\d))");

    private AnswerExtractor() {
    }

    /** The answer in {@code response}, or empty when there is none (or it is blank). */
    public static Optional<String> extract(String response) {
        if (response == null || response.isBlank()) {
            return Optional.empty();
        }
        int m = response.indexOf(MINERVA_OPEN);
        if (m >= 0) {
            int end = response.indexOf(MINERVA_CLOSE, m + MINERVA_OPEN.length());
            if (end >= 0) {
                return tidy(response.substring(m + MINERVA_OPEN.length(), end));
            }
        }
        Optional<String> boxed = lastBoxed(response);
        if (boxed.isPresent()) {
            return boxed.get().isBlank() ? Optional.of("") : tidy(boxed.get());
        }
        for (String phrase : new String[] {"he answer is", "final answer is"}) {
            int p = response.lastIndexOf(phrase);
            if (p >= 0) {
                return tidy(phraseAnswer(response.substring(p + phrase.length())));
            }
        }
        Matcher n = NUMBER.matcher(THOUSANDS.matcher(response).replaceAll(""));
        String last = null;
        while (n.find()) {
            last = n.group();
        }
        return Optional.ofNullable(last);
    }

    /**
     * The content of the last complete {@code \boxed{...}} in {@code text} (possibly empty, which
     * graders treat as a wrong answer), or empty when there is none.
     */
    public static Optional<String> lastBoxed(String text) {
        Matcher m = BOX.matcher(text);
        List<Integer> starts = new ArrayList<>();
        while (m.find()) {
            starts.add(m.end());
        }
        for (int k = starts.size() - 1; k >= 0; k--) {
            int i = starts.get(k);
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '{') {
                int close = matchingBrace(text, i);
                if (close > 0) {
                    return Optional.of(text.substring(i + 1, close));
                }
            } else if (i > starts.get(k) && i < text.length()) {
                int end = i;
                while (end < text.length() && text.charAt(end) != '$' && text.charAt(end) != '\n') {
                    end++;
                }
                return Optional.of(text.substring(i, end).strip());
            }
        }
        return Optional.empty();
    }

    /**
     * The content of the last complete, non-blank {@code \boxed{...}} in {@code text}, stripped, or
     * empty when there is none: the answer rule of the synthetic families, with no fallback to an
     * "answer is" phrase, the Minerva form, {@code \fbox}, the unbraced {@code \boxed 5} or the last
     * number. An unclosed (truncated) box and an empty {@code \boxed{}} are skipped.
     */
    public static Optional<String> lastNonEmptyBoxed(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int from = text.length();
        while (from >= 0) {
            int at = text.lastIndexOf("\\boxed", from);
            if (at < 0) {
                return Optional.empty();
            }
            int i = at + "\\boxed".length();
            if (i < text.length() && text.charAt(i) == '{') {
                int close = matchingBrace(text, i);
                if (close > 0 && !text.substring(i + 1, close).isBlank()) {
                    return Optional.of(text.substring(i + 1, close).strip());
                }
            }
            from = at - 1;
        }
        return Optional.empty();
    }

    /** Index of the brace closing the one at {@code open}, or -1 when it is never closed. */
    static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '}')) {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String phraseAnswer(String rest) {
        String s = rest.strip();
        if (s.startsWith(":")) {
            s = s.substring(1).strip();
        }
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl);
        }
        if (s.startsWith("$")) {
            int close = s.indexOf('$', 1);
            if (close > 0) {
                return s.substring(1, close);
            }
        }
        int stop = s.indexOf(". ");
        return stop >= 0 ? s.substring(0, stop) : s;
    }

    private static Optional<String> tidy(String answer) {
        String s = answer.replaceAll("\\n\\s*", "").strip();
        if (s.startsWith(":")) {
            s = s.substring(1).strip();
        }
        while (s.endsWith(".") || s.endsWith("/")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
