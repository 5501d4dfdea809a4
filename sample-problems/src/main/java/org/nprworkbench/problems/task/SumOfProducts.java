package org.nprworkbench.problems.task;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.nprworkbench.input.BadInputException;

/**
 * An {@code arithmetic} problem: a signed sum of products, {@code Compute (3*4)+(5*6)-(2*7).} The
 * products are independent sub-expressions; the answer is the integer value.
 *
 * @param terms the products in order; the first is always added
 */
public record SumOfProducts(List<Term> terms) implements TaskInstance {
    private static final Pattern TEXT = Pattern.compile("Compute (\\(\\d+\\*\\d+\\)(?:[+-]\\(\\d+\\*\\d+\\))*)\\.");
    private static final Pattern TERM = Pattern.compile("([+-]?)\\((\\d+)\\*(\\d+)\\)");

    /**
     * One product {@code sign * (a*b)}.
     *
     * @param sign +1 or -1
     * @param a left factor
     * @param b right factor
     */
    public record Term(int sign, long a, long b) {
        /** {@code a*b}, without the sign. */
        public long product() {
            return a * b;
        }

        /** {@code a*b} as written in the problem. */
        public String factors() {
            return a + "*" + b;
        }
    }

    public SumOfProducts {
        terms = List.copyOf(terms);
        if (terms.size() < 2 || terms.get(0).sign() != 1) {
            throw new IllegalArgumentException("at least two terms, the first added");
        }
    }

    /** The value of the whole expression. */
    public long value() {
        return terms.stream().mapToLong(t -> t.sign() * t.product()).sum();
    }

    /** The expression as written, e.g. {@code (3*4)+(5*6)-(2*7)}. */
    public String expression() {
        StringBuilder sb = new StringBuilder();
        for (Term t : terms) {
            if (sb.length() > 0) {
                sb.append(t.sign() > 0 ? '+' : '-');
            }
            sb.append('(').append(t.factors()).append(')');
        }
        return sb.toString();
    }

    @Override
    public String text() {
        return "Compute " + expression() + ".";
    }

    @Override
    public String answer() {
        return Long.toString(value());
    }

    @Override
    public String key() {
        return terms.stream().map(t -> (t.sign() > 0 ? "+" : "-") + Math.min(t.a(), t.b()) + "*" + Math.max(t.a(), t.b()))
                .sorted().collect(Collectors.joining(","));
    }

    @Override
    public boolean accepts(String answer) {
        return AnswerText.integer(answer).map(v -> v.equals(BigInteger.valueOf(value()))).orElse(false);
    }

    /** The problem whose text is {@code text}. */
    public static SumOfProducts parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new BadInputException("not an arithmetic problem (expected \"Compute (a*b)+(c*d)...\"): \"" + text + "\"");
        }
        List<Term> terms = new ArrayList<>();
        Matcher t = TERM.matcher(m.group(1));
        while (t.find()) {
            terms.add(new Term("-".equals(t.group(1)) ? -1 : 1, Long.parseLong(t.group(2)), Long.parseLong(t.group(3))));
        }
        return new SumOfProducts(terms);
    }
}
