package org.nprworkbench.problems.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Countdown answer: an arithmetic expression over non-negative integers with {@code + - * /} and
 * parentheses (no unary minus, no other operations), evaluated exactly with {@link Rational}s.
 * Common spellings of the operators ({@code \times}, {@code \cdot}, {@code \div}, the Unicode signs)
 * are read as {@code *} and {@code /}.
 *
 * @param value the exact value
 * @param numbers the integer literals in order of appearance
 */
public record CountdownExpression(Rational value, List<Long> numbers) {

    /** The expression {@code text}, or empty when it does not parse or divides by zero. */
    public static Optional<CountdownExpression> parse(String text) {
        String s = text.replace("\\times", "*").replace("\\cdot", "*").replace("\\div", "/")
                .replace("\\left", "").replace("\\right", "")
                .replace('\u00d7', '*').replace('\u00b7', '*').replace('\u22c5', '*').replace('\u00f7', '/')
                .replace('\u2212', '-').replace('[', '(').replace(']', ')').replace(" ", "");
        Parser p = new Parser(s);
        try {
            Rational v = p.expression();
            return p.pos == s.length() && !p.numbers.isEmpty() ? Optional.of(new CountdownExpression(v, p.numbers))
                    : Optional.empty();
        } catch (ArithmeticException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static final class Parser {
        private final String s;
        private final List<Long> numbers = new ArrayList<>();
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Rational expression() {
            Rational v = term();
            while (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                char op = s.charAt(pos++);
                Rational r = term();
                v = op == '+' ? v.plus(r) : v.minus(r);
            }
            return v;
        }

        private Rational term() {
            Rational v = factor();
            while (pos < s.length() && (s.charAt(pos) == '*' || s.charAt(pos) == '/')) {
                char op = s.charAt(pos++);
                Rational r = factor();
                v = op == '*' ? v.times(r) : v.dividedBy(r);
            }
            return v;
        }

        private Rational factor() {
            if (pos < s.length() && (s.charAt(pos) == '(' || s.charAt(pos) == '{')) {
                char close = s.charAt(pos) == '(' ? ')' : '}';
                pos++;
                Rational v = expression();
                if (pos >= s.length() || s.charAt(pos) != close) {
                    throw new IllegalStateException("unbalanced");
                }
                pos++;
                return v;
            }
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9' && pos - start < 12) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalStateException("number expected");
            }
            long n = Long.parseLong(s.substring(start, pos));
            numbers.add(n);
            return Rational.of(n);
        }
    }
}
