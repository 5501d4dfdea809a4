package org.nprworkbench.problems.task;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nprworkbench.input.BadInputException;

/**
 * A {@code crosscheck} problem: {@code Compute 23*47 and check it 2 ways.} One result is computed by
 * two or three different decompositions (split the second factor, split the first, round a factor up
 * and subtract); the answer is the product.
 *
 * @param a first factor
 * @param b second factor
 * @param ways how many methods the problem asks for (2 or 3)
 */
public record CrossCheckProduct(long a, long b, int ways) implements TaskInstance {
    private static final Pattern TEXT = Pattern.compile("Compute (\\d+)\\*(\\d+) and check it (\\d) ways\\.");

    @Override
    public String text() {
        return "Compute " + a + "*" + b + " and check it " + ways + " ways.";
    }

    /** {@code a*b}. */
    public long product() {
        return a * b;
    }

    @Override
    public String answer() {
        return Long.toString(product());
    }

    @Override
    public String key() {
        return Math.min(a, b) + "*" + Math.max(a, b) + "/" + ways;
    }

    @Override
    public boolean accepts(String answer) {
        return AnswerText.integer(answer).map(v -> v.equals(BigInteger.valueOf(product()))).orElse(false);
    }

    /** The problem whose text is {@code text}. */
    public static CrossCheckProduct parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new BadInputException("not a crosscheck problem (expected \"Compute a*b and check it 2 ways.\"): \""
                    + text + "\"");
        }
        return new CrossCheckProduct(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Integer.parseInt(m.group(3)));
    }
}
