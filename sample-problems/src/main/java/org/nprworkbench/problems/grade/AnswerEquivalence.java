package org.nprworkbench.problems.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether two <em>normalised</em> answers ({@link AnswerNormalizer}) are the same, after the
 * {@code math_equal} of the paper's evaluation (npr-method.md §7.4):
 * <ol>
 * <li>case-insensitive string equality;</li>
 * <li>a multiple-choice letter reference (A-E) against the last stand-alone letter of the prediction;</li>
 * <li>plain numbers (thousands commas allowed) within a relative tolerance of 1e-4, also against
 *     reference/100 and reference*100 (so {@code 50} matches {@code 0.5}; note the reference's
 *     leniency: {@code 1} then also matches {@code 100});</li>
 * <li>matrices, intervals, tuples and unions elementwise: the bracket kinds must match, so
 *     {@code [1,2)} is not {@code (1,2)}; sets {@code {a,b}} and bare lists {@code a,b} in any order;
 *     a bare list against a tuple in order;</li>
 * <li>constant expressions by value within 1e-4 ({@link LatexNumber}: fractions, roots, pi);</li>
 * <li>string equality ignoring braces.</li>
 * </ol>
 * <b>Out of reach:</b> symbolic equivalence of expressions with variables ({@code 2x+2} against
 * {@code 2(x+1)}), equations written differently, algebraic simplification the numeric evaluator cannot
 * see ({@code \log}, trigonometric functions), and units that differ ({@code 5 cm} against
 * {@code 50 mm}). The paper's grader calls sympy for these; a Java port has no equivalent, so such
 * answers count as wrong unless their normalised spellings agree.
 */
public final class AnswerEquivalence {
    private static final double REL_TOL = 1e-4;
    private static final Pattern CHOICE = Pattern.compile("\\b([A-E])\\b");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern MATRIX = Pattern.compile("\\\\begin\\{pmatrix\\}(.*)\\\\end\\{pmatrix\\}");

    private AnswerEquivalence() {
    }

    /** Whether {@code pred} and {@code ref}, both normalised, are the same answer. */
    public static boolean equal(String pred, String ref) {
        if (pred == null || ref == null || pred.isEmpty()) {
            return false;
        }
        if (pred.equalsIgnoreCase(ref)) {
            return true;
        }
        if (ref.matches("[A-E]") && ref.equals(choice(pred))) {
            return true;
        }
        Double p = plainNumber(pred);
        Double r = plainNumber(ref);
        if (p != null && r != null) {
            return close(p, r) || close(p, r / 100) || close(p, r * 100);
        }
        if (structurallyEqual(pred, ref)) {
            return true;
        }
        OptionalDouble pv = LatexNumber.value(pred);
        OptionalDouble rv = LatexNumber.value(ref);
        if (pv.isPresent() && rv.isPresent()) {
            return close(pv.getAsDouble(), rv.getAsDouble());
        }
        return withoutBraces(pred).equalsIgnoreCase(withoutBraces(ref));
    }

    /** The last stand-alone letter A-E in {@code pred} (upper-cased), or {@code pred} when none. */
    static String choice(String pred) {
        Matcher m = CHOICE.matcher(pred.toUpperCase(Locale.ROOT));
        String last = pred;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    /** {@code s} as a plain number (thousands commas allowed), or null. */
    static Double plainNumber(String s) {
        String t = THOUSANDS.matcher(s).matches() ? s.replace(",", "") : s;
        return PLAIN_NUMBER.matcher(t).matches() ? Double.valueOf(t) : null;
    }

    private static boolean close(double a, double b) {
        return a == b || Math.abs(a - b) <= REL_TOL * Math.max(Math.abs(a), Math.abs(b));
    }

    private static boolean structurallyEqual(String pred, String ref) {
        List<List<String>> pm = matrix(pred);
        List<List<String>> rm = matrix(ref);
        if (pm != null || rm != null) {
            if (pm == null || rm == null || pm.size() != rm.size()) {
                return false;
            }
            for (int i = 0; i < pm.size(); i++) {
                if (!inOrder(pm.get(i), rm.get(i))) {
                    return false;
                }
            }
            return true;
        }
        List<String> pu = splitTopLevel(pred, "\\cup");
        List<String> ru = splitTopLevel(ref, "\\cup");
        if (pu.size() > 1 || ru.size() > 1) {
            return inOrder(pu, ru) && pu.size() > 1;
        }
        Shape ps = Shape.of(pred);
        Shape rs = Shape.of(ref);
        if (ps == null || rs == null) {
            return false;
        }
        if (ps.open == '{' || rs.open == '{' || ps.open == 0 && rs.open == 0) {
            boolean setLike = (ps.open == '{' || ps.open == 0) && (rs.open == '{' || rs.open == 0);
            return setLike && anyOrder(ps.items, rs.items);
        }
        if (ps.open == 0 || rs.open == 0) {
            return inOrder(ps.items, rs.items);
        }
        return ps.open == rs.open && ps.close == rs.close && inOrder(ps.items, rs.items);
    }

    private static boolean inOrder(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyOrder(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        List<String> left = new ArrayList<>(b);
        for (String x : a) {
            int hit = -1;
            for (int i = 0; i < left.size() && hit < 0; i++) {
                if (equal(x, left.get(i))) {
                    hit = i;
                }
            }
            if (hit < 0) {
                return false;
            }
            left.remove(hit);
        }
        return true;
    }

    private static List<List<String>> matrix(String s) {
        Matcher m = MATRIX.matcher(s);
        if (!m.matches()) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        for (String row : m.group(1).split("\\\\\\\\")) {
            rows.add(List.of(row.split("&", -1)));
        }
        return rows;
    }

    /**
     * A list answer: a bracketed group {@code (a,b)}, {@code [a,b)}, {@code {a,b}} (open/close are the
     * bracket characters) or a bare comma list (open = close = 0), split at top-level commas.
     */
    private record Shape(char open, char close, List<String> items) {
        static Shape of(String s) {
            if (s.length() >= 2 && "([{".indexOf(s.charAt(0)) >= 0 && ")]}".indexOf(s.charAt(s.length() - 1)) >= 0
                    && closesAtEnd(s)) {
                List<String> items = splitTopLevel(s.substring(1, s.length() - 1), ",");
                return items.size() > 1 || s.charAt(0) == '{' ? new Shape(s.charAt(0), s.charAt(s.length() - 1), items)
                        : null;
            }
            List<String> items = splitTopLevel(s, ",");
            return items.size() > 1 ? new Shape((char) 0, (char) 0, items) : null;
        }

        /** Whether the bracket opening {@code s} is closed only by its last character. */
        private static boolean closesAtEnd(String s) {
            int depth = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ("([{".indexOf(c) >= 0) {
                    depth++;
                } else if (")]}".indexOf(c) >= 0 && --depth == 0 && i < s.length() - 1) {
                    return false;
                }
            }
            return depth == 0;
        }
    }

    /** {@code s} split at occurrences of {@code sep} outside any brackets. */
    static List<String> splitTopLevel(String s, String sep) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                depth--;
            } else if (depth == 0 && s.startsWith(sep, i)) {
                parts.add(s.substring(start, i));
                start = i + sep.length();
                i = start - 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static String withoutBraces(String s) {
        return s.replace("{", "").replace("}", "");
    }
}
