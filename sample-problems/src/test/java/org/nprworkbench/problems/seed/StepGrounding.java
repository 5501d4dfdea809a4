package org.nprworkbench.problems.seed;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nprworkbench.problems.task.Rational;

/**
 * Checks the rule of the NPR format that the parallel mask enforces: a step may use the problem, its
 * own plan, its own earlier text and earlier blocks, never a sibling step. It reads the numbers a
 * step writes and reports every one it cannot ground.
 *
 * <p>A number in a step is <em>grounded</em> when
 * <ol>
 * <li>it occurs as a number in a visible source: the problem, the step's own plan, an earlier block
 *     ({@link Visibility}), or earlier in the step's own text; or</li>
 * <li>it is a single digit of a number in the step's own plan or own earlier text (digit-by-digit
 *     procedures read digits off a number in front of them); or</li>
 * <li>the step derives it: it stands in a later member of a relation chain {@code E0 r1 E1 r2 E2 ...}
 *     ({@code r} one of {@code = < > <= >=}, each {@code E} an arithmetic expression over integers
 *     with {@code + - * / ^} and parentheses) whose first member's numbers are all grounded and whose
 *     relations up to that member all hold in exact arithmetic. So {@code 91 = 7*13} grounds 7 and 13
 *     when 91 is grounded, and {@code 12+30 = 42} grounds nothing when 12 or 30 comes from a sibling.</li>
 * </ol>
 * Numbers are maximal runs of digits; anything that is not a digit, an operator, a parenthesis or a
 * relation (letters, commas, colons) ends a chain. Known limit: a sibling's result that is a single
 * digit of a number the step already shows passes rule 2.
 */
final class StepGrounding {
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** Which parts of earlier blocks a step may take numbers from. */
    enum Visibility {
        /** Everything the parallel mask shows: earlier blocks in full (plans, steps, takeaways). */
        EARLIER_BLOCKS,
        /** The stricter rule the seed corpus keeps: only earlier takeaways (and free text between blocks). */
        EARLIER_TAKEAWAYS
    }

    /**
     * A number a step uses without grounding.
     *
     * @param block 1-based block
     * @param step 1-based step within the block
     * @param number the number
     * @param inSibling whether a sibling step of the same block writes this number (a sibling dependence)
     * @param stepText the step's text
     */
    record Ungrounded(int block, int step, String number, boolean inSibling, String stepText) {
        @Override
        public String toString() {
            return "block " + block + " step " + step + " uses " + number
                    + (inSibling ? ", which a sibling step computes" : ", which nothing visible shows") + ": " + stepText;
        }
    }

    private StepGrounding() {
    }

    /** Every ungrounded number of {@code solution}'s steps, for the problem {@code problem}. */
    static List<Ungrounded> check(String problem, NprSolution solution, Visibility visibility) {
        List<Ungrounded> out = new ArrayList<>();
        Set<String> earlier = numbers(problem);
        for (int b = 0; b < solution.blocks().size(); b++) {
            NprSolution.Block block = solution.blocks().get(b);
            earlier.addAll(numbers(block.before()));
            for (int s = 0; s < block.steps().size(); s++) {
                String text = block.steps().get(s).text();
                Set<String> siblings = new HashSet<>();
                for (int o = 0; o < block.steps().size(); o++) {
                    if (o != s) {
                        siblings.addAll(numbers(block.steps().get(o).text()));
                    }
                }
                for (String n : ungrounded(text, earlier, numbers(block.plans().get(s).text()))) {
                    out.add(new Ungrounded(b + 1, s + 1, n, siblings.contains(n), text));
                }
            }
            if (visibility == Visibility.EARLIER_BLOCKS) {
                block.plans().forEach(p -> earlier.addAll(numbers(p.text())));
                block.steps().forEach(p -> earlier.addAll(numbers(p.text())));
            }
            earlier.addAll(numbers(block.takeaway()));
        }
        return out;
    }

    /** The numbers of {@code step} that neither {@code visible}, nor {@code ownPlan}, nor the step itself grounds. */
    static List<String> ungrounded(String step, Set<String> visible, Set<String> ownPlan) {
        Set<String> own = new HashSet<>(ownPlan);
        List<String> out = new ArrayList<>();
        for (List<Member> chain : chains(tokens(step))) {
            Rational value = null;
            boolean deriving = false;
            for (int i = 0; i < chain.size(); i++) {
                Member m = chain.get(i);
                Rational v = m.value();
                if (i == 0) {
                    deriving = v != null;
                } else {
                    deriving &= v != null && holds(value, m.relation(), v);
                }
                for (String n : m.numbers()) {
                    if ((i == 0 || !deriving) && !grounded(n, visible, own)) {
                        out.add(n);
                        deriving = false;
                    }
                }
                value = v;
                own.addAll(m.numbers());
            }
        }
        return out;
    }

    private static boolean grounded(String n, Set<String> visible, Set<String> own) {
        if (visible.contains(n) || own.contains(n)) {
            return true;
        }
        return n.length() == 1 && own.stream().anyMatch(o -> o.length() > 1 && o.contains(n));
    }

    private static boolean holds(Rational a, String relation, Rational b) {
        int c = a.minus(b).num().signum();
        return switch (relation) {
            case "=" -> c == 0;
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case ">=" -> c >= 0;
            default -> false;
        };
    }

    /** The numbers in {@code text}, as canonical decimal strings (no leading zeros). */
    static Set<String> numbers(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(new BigInteger(m.group()).toString());
        }
        return out;
    }

    // ---- lexing and chains

    private enum Kind {
        NUMBER, OPERATOR, OPEN, CLOSE, RELATION, BREAK
    }

    private record Token(Kind kind, String text) {
    }

    /**
     * One member of a relation chain.
     *
     * @param relation the relation before it ({@code null} for the first member)
     * @param tokens its tokens (numbers, operators, parentheses)
     */
    private record Member(String relation, List<Token> tokens) {
        List<String> numbers() {
            return tokens.stream().filter(t -> t.kind() == Kind.NUMBER).map(t -> new BigInteger(t.text()).toString())
                    .toList();
        }

        /** Its exact value, or null when it is not a complete expression (or divides by zero). */
        Rational value() {
            Expression e = new Expression(tokens);
            try {
                Rational v = e.sum();
                return e.pos == tokens.size() ? v : null;
            } catch (ArithmeticException | IllegalStateException x) {
                return null;
            }
        }
    }

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < s.length();) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j)));
                i = j;
            } else if (c == ' ') {
                i++;
            } else if ("+-*/^".indexOf(c) >= 0) {
                out.add(new Token(Kind.OPERATOR, String.valueOf(c)));
                i++;
            } else if (c == '(' || c == ')') {
                out.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c)));
                i++;
            } else if (c == '=' || c == '<' || c == '>') {
                boolean twoChars = c != '=' && i + 1 < s.length() && s.charAt(i + 1) == '=';
                out.add(new Token(Kind.RELATION, s.substring(i, i + (twoChars ? 2 : 1))));
                i += twoChars ? 2 : 1;
            } else {
                out.add(new Token(Kind.BREAK, String.valueOf(c)));
                i++;
            }
        }
        return out;
    }

    /** The relation chains of a token stream: members split at relations, chains split at breaks. */
    private static List<List<Member>> chains(List<Token> tokens) {
        List<List<Member>> out = new ArrayList<>();
        List<Member> chain = new ArrayList<>();
        List<Token> member = new ArrayList<>();
        String relation = null;
        for (Token t : tokens) {
            if (t.kind() == Kind.BREAK) {
                closeChain(out, chain, new Member(relation, member));
                chain = new ArrayList<>();
                member = new ArrayList<>();
                relation = null;
            } else if (t.kind() == Kind.RELATION) {
                chain.add(new Member(relation, member));
                member = new ArrayList<>();
                relation = t.text();
            } else {
                member.add(t);
            }
        }
        closeChain(out, chain, new Member(relation, member));
        return out;
    }

    private static void closeChain(List<List<Member>> out, List<Member> chain, Member last) {
        chain.add(last);
        if (chain.stream().anyMatch(m -> !m.tokens().isEmpty())) {
            out.add(chain);
        }
    }

    /** Recursive descent over one member: sum := product (+|- product)*, product := power (*|/ power)*, power := unary (^ power)?. */
    private static final class Expression {
        private final List<Token> tokens;
        private int pos;

        Expression(List<Token> tokens) {
            this.tokens = tokens;
        }

        Rational sum() {
            Rational v = product();
            while (is("+") || is("-")) {
                String op = tokens.get(pos++).text();
                Rational r = product();
                v = op.equals("+") ? v.plus(r) : v.minus(r);
            }
            return v;
        }

        private Rational product() {
            Rational v = power();
            while (is("*") || is("/")) {
                String op = tokens.get(pos++).text();
                Rational r = power();
                v = op.equals("*") ? v.times(r) : v.dividedBy(r);
            }
            return v;
        }

        private Rational power() {
            Rational base = unary();
            if (is("^")) {
                pos++;
                Rational e = power();
                if (!e.den().equals(BigInteger.ONE) || e.num().signum() < 0 || e.num().bitLength() > 6) {
                    throw new IllegalStateException("exponent");
                }
                Rational v = Rational.of(1);
                for (int k = 0; k < e.num().intValue(); k++) {
                    v = v.times(base);
                }
                return v;
            }
            return base;
        }

        private Rational unary() {
            if (is("-")) {
                pos++;
                return Rational.of(0).minus(unary());
            }
            if (pos < tokens.size() && tokens.get(pos).kind() == Kind.OPEN) {
                pos++;
                Rational v = sum();
                if (pos >= tokens.size() || tokens.get(pos).kind() != Kind.CLOSE) {
                    throw new IllegalStateException("unclosed parenthesis");
                }
                pos++;
                return v;
            }
            if (pos < tokens.size() && tokens.get(pos).kind() == Kind.NUMBER) {
                return new Rational(new BigInteger(tokens.get(pos++).text()), BigInteger.ONE);
            }
            throw new IllegalStateException("expected a number");
        }

        private boolean is(String op) {
            return pos < tokens.size() && tokens.get(pos).kind() == Kind.OPERATOR && tokens.get(pos).text().equals(op);
        }
    }
}
