package org.nprworkbench.problems.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.nprworkbench.input.BadInputException;

/**
 * A {@code candidates} problem: {@code Which of 91, 97, 51 are prime?} (or {@code divisible by 7},
 * {@code perfect squares}). Each candidate is checked on its own; the answer lists those that qualify.
 *
 * @param property what is asked of each candidate
 * @param divisor the k of {@link Property#DIVISIBLE} (0 otherwise)
 * @param numbers the candidates, in the order shown
 */
public record CandidateQuestion(Property property, long divisor, List<Long> numbers) implements TaskInstance {
    private static final Pattern TEXT = Pattern.compile(
            "Which of (\\d+(?:, \\d+)+) are (prime|divisible by (\\d+)|perfect squares)\\?");

    /** The property a candidate may have. */
    public enum Property {
        PRIME, DIVISIBLE, SQUARE
    }

    public CandidateQuestion {
        numbers = List.copyOf(numbers);
    }

    /** Whether candidate {@code n} has the property. */
    public boolean holds(long n) {
        return switch (property) {
            case PRIME -> isPrime(n);
            case DIVISIBLE -> n % divisor == 0;
            case SQUARE -> {
                long r = (long) Math.sqrt((double) n);
                yield r * r == n || (r + 1) * (r + 1) == n;
            }
        };
    }

    /** The candidates that qualify, in the order shown. */
    public List<Long> matches() {
        return numbers.stream().filter(this::holds).toList();
    }

    /** The property as the problem words it, e.g. {@code divisible by 7}. */
    public String wording() {
        return switch (property) {
            case PRIME -> "prime";
            case DIVISIBLE -> "divisible by " + divisor;
            case SQUARE -> "perfect squares";
        };
    }

    @Override
    public String text() {
        return "Which of " + numbers.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " are "
                + wording() + "?";
    }

    @Override
    public String answer() {
        List<Long> m = matches();
        return m.isEmpty() ? "none" : m.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    @Override
    public String key() {
        return wording() + ":" + numbers.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * Accepts the qualifying candidates in any order, separated by commas, spaces or {@code and}, each
     * once, or {@code none} (also {@code \emptyset}, an empty set) when none qualifies.
     */
    @Override
    public boolean accepts(String answer) {
        String s = AnswerText.clean(answer).replace("\\{", "").replace("\\}", "").replace("{", "").replace("}", "")
                .strip().toLowerCase(Locale.ROOT);
        Set<Long> expected = new HashSet<>(matches());
        if (s.equals("none") || s.equals("none of them") || s.equals("\\emptyset") || s.equals("\\varnothing")
                || s.isEmpty()) {
            return expected.isEmpty() && !AnswerText.clean(answer).isEmpty();
        }
        Set<Long> given = new HashSet<>();
        for (String part : s.split("\\s*(?:,|\\band\\b|\\s)\\s*")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!part.matches("\\d{1,12}") || !given.add(Long.parseLong(part))) {
                return false;
            }
        }
        return given.equals(expected);
    }

    /** Whether {@code n} is prime (trial division). */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long p = 2; p * p <= n; p++) {
            if (n % p == 0) {
                return false;
            }
        }
        return true;
    }

    /** The problem whose text is {@code text}. */
    public static CandidateQuestion parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new BadInputException("not a candidates problem (expected \"Which of a, b, c are prime?\"): \""
                    + text + "\"");
        }
        List<Long> numbers = new ArrayList<>();
        Arrays.stream(m.group(1).split(", ")).forEach(n -> numbers.add(Long.parseLong(n)));
        String p = m.group(2);
        if (p.equals("prime")) {
            return new CandidateQuestion(Property.PRIME, 0, numbers);
        }
        if (p.equals("perfect squares")) {
            return new CandidateQuestion(Property.SQUARE, 0, numbers);
        }
        long k = Long.parseLong(m.group(3));
        if (k < 2) {
            throw new BadInputException("divisible by " + k + " is not a candidates problem: \"" + text + "\"");
        }
        return new CandidateQuestion(Property.DIVISIBLE, k, numbers);
    }
}
