package org.nprworkbench.problems.task;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The light clean-up the exact verifiers apply to an extracted answer before parsing it: surrounding
 * whitespace and dollar signs, a trailing period, {@code \text{...}} wrappers, LaTeX thin spaces.
 * Nothing that could turn a wrong answer into a right one.
 */
final class AnswerText {
    private static final Pattern TEXT_WRAPPER = Pattern.compile("^\\\\(?:text|mathrm|textbf|mathbf)\\{(.*)\\}$");
    private static final Pattern INTEGER = Pattern.compile("[+-]?(\\d{1,3}(,\\d{3})+|\\d+)");

    private AnswerText() {
    }

    /** {@code answer} without decoration. */
    static String clean(String answer) {
        String s = answer.strip().replace("$", "").replace("\\,", "").replace("\\!", "").replace("{,}", ",")
                .replace('\u2212', '-').strip();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        var m = TEXT_WRAPPER.matcher(s);
        return m.matches() ? m.group(1).strip() : s;
    }

    /** The integer {@code answer} spells (digits with an optional sign and thousands commas). */
    static Optional<BigInteger> integer(String answer) {
        String s = clean(answer).replace(" ", "");
        if (!INTEGER.matcher(s).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(s.replace(",", "").replace("+", "")));
    }
}
