package org.nprworkbench.problems.grade;

import java.util.OptionalDouble;

/**
 * Evaluates a normalised constant LaTeX expression to a double: numbers, {@code + - * /},
 * {@code \cdot}, {@code \times}, {@code \div}, {@code ^}, parentheses and braces, {@code \frac{a}{b}},
 * {@code \sqrt{x}}, {@code \sqrt[n]{x}}, {@code \pi}, implicit multiplication ({@code 2\sqrt{3}},
 * {@code 3\pi}) and mixed numbers ({@code 2\frac{1}{2}} is 2.5, as MATH writes them). Anything else
 * (a variable, a function name, {@code \infty}) makes the expression non-constant: empty result.
 * This is what lets the grader see {@code \frac{\sqrt{3}}{2}} and {@code \sqrt{3}/2} as equal; it
 * is not symbolic algebra.
 */
public final class LatexNumber {
    private final String s;
    private int pos;

    private LatexNumber(String s) {
        this.s = s;
    }

    /** The value of {@code expr}, or empty when it is not a finite constant expression. */
    public static OptionalDouble value(String expr) {
        if (expr == null || expr.isEmpty()) {
            return OptionalDouble.empty();
        }
        LatexNumber p = new LatexNumber(expr.replace(" ", ""));
        try {
            double v = p.expression();
            return p.pos == p.s.length() && Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (IllegalStateException | NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private double expression() {
        double v = term();
        while (true) {
            if (eat("+")) {
                v += term();
            } else if (eat("-")) {
                v -= term();
            } else {
                return v;
            }
        }
    }

    private double term() {
        int start = pos;
        double v = signed();
        boolean integerSoFar = s.substring(start, pos).matches("-?\\d+");
        while (true) {
            if (eat("*") || eat("\\cdot") || eat("\\times")) {
                v *= signed();
            } else if (eat("/") || eat("\\div")) {
                v /= signed();
            } else if (integerSoFar && s.startsWith("\\frac", pos)) {
                int f = pos;
                double fraction = power();
                if (!s.substring(f, pos).matches("\\\\frac\\{\\d+}\\{\\d+}")) {
                    throw new IllegalStateException("not a mixed number");
                }
                v = v < 0 ? v - fraction : v + fraction;
            } else if (startsAtom()) {
                v *= power();
            } else {
                return v;
            }
            integerSoFar = false;
        }
    }

    private double signed() {
        if (eat("-")) {
            return -signed();
        }
        if (eat("+")) {
            return signed();
        }
        return power();
    }

    private double power() {
        double base = atom();
        if (eat("^")) {
            double exp = s.startsWith("{", pos) ? atom() : eat("-") ? -singleToken() : singleToken();
            return Math.pow(base, exp);
        }
        return base;
    }

    private double singleToken() {
        if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
            return s.charAt(pos - 1) - '0';
        }
        return atom();
    }

    private boolean startsAtom() {
        if (pos >= s.length()) {
            return false;
        }
        char c = s.charAt(pos);
        return c == '(' || c == '{' || c == '[' || Character.isDigit(c) || c == '\u03c0'
                || s.startsWith("\\frac", pos) || s.startsWith("\\sqrt", pos) || s.startsWith("\\pi", pos);
    }

    private double atom() {
        if (pos >= s.length()) {
            throw new IllegalStateException("end of input");
        }
        char c = s.charAt(pos);
        if (c == '(' || c == '{' || c == '[') {
            char close = c == '(' ? ')' : c == '{' ? '}' : ']';
            pos++;
            double v = expression();
            if (!eat(String.valueOf(close))) {
                throw new IllegalStateException("unbalanced");
            }
            return v;
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            return Double.parseDouble(s.substring(start, pos));
        }
        if (eat("\\frac")) {
            double num = argument();
            return num / argument();
        }
        if (eat("\\sqrt")) {
            double index = 2;
            if (eat("[")) {
                index = expression();
                if (!eat("]")) {
                    throw new IllegalStateException("unbalanced");
                }
            }
            double radicand = argument();
            return index == 2 ? Math.sqrt(radicand) : Math.pow(radicand, 1 / index);
        }
        if (eat("\\pi") || eat("\u03c0")) {
            return Math.PI;
        }
        throw new IllegalStateException("not a constant");
    }

    private double argument() {
        if (s.startsWith("{", pos)) {
            return atom();
        }
        return singleToken();
    }

    private boolean eat(String token) {
        if (s.startsWith(token, pos)) {
            if (token.startsWith("\\") && pos + token.length() < s.length()
                    && Character.isLetter(s.charAt(pos + token.length()))) {
                return false;
            }
            pos += token.length();
            return true;
        }
        return false;
    }
}
