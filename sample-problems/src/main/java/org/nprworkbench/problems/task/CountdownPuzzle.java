package org.nprworkbench.problems.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.nprworkbench.input.BadInputException;

/**
 * A {@code countdown} problem: {@code Make 22 from 3, 5, 7 with + - * / (each at most once).} The
 * answer is an expression; any expression that uses only the given numbers, each at most as often as
 * given, and equals the target exactly is correct.
 *
 * @param numbers the numbers offered, in the order shown
 * @param target the value to reach
 */
public record CountdownPuzzle(List<Long> numbers, long target) implements TaskInstance {
    private static final Pattern TEXT = Pattern.compile(
            "Make (\\d+) from (\\d+(?:, \\d+)+) with \\+ - \\* / \\(each at most once\\)\\.");

    public CountdownPuzzle {
        numbers = List.copyOf(numbers);
    }

    @Override
    public String text() {
        return "Make " + target + " from " + numbers.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " with + - * / (each at most once).";
    }

    /** The first solution the exhaustive search finds, e.g. {@code 3*5+7}. */
    @Override
    public String answer() {
        return CountdownSearch.solve(numbers, target).orElseThrow(
                () -> new IllegalStateException("unsolvable: " + text())).expression();
    }

    @Override
    public String key() {
        return numbers.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")) + ">" + target;
    }

    /**
     * Accepts an expression ({@code 3*5+7}), optionally with the target on either side of one
     * {@code =} ({@code 3*5+7=22}).
     */
    @Override
    public boolean accepts(String answer) {
        String s = AnswerText.clean(answer);
        String[] sides = s.split("=", -1);
        if (sides.length > 2) {
            return false;
        }
        if (sides.length == 2) {
            String t = Long.toString(target);
            if (sides[1].strip().equals(t)) {
                s = sides[0];
            } else if (sides[0].strip().equals(t)) {
                s = sides[1];
            } else {
                return false;
            }
        }
        return CountdownExpression.parse(s).map(e -> usesOnlyOffered(e.numbers())
                && e.value().equals(Rational.of(target))).orElse(false);
    }

    private boolean usesOnlyOffered(List<Long> used) {
        Map<Long, Integer> left = new HashMap<>();
        numbers.forEach(n -> left.merge(n, 1, Integer::sum));
        for (long u : used) {
            if (left.merge(u, -1, Integer::sum) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The problem whose text is {@code text}. */
    public static CountdownPuzzle parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new BadInputException("not a countdown problem (expected \"Make T from a, b, c with + - * / "
                    + "(each at most once).\"): \"" + text + "\"");
        }
        List<Long> numbers = new ArrayList<>();
        Arrays.stream(m.group(2).split(", ")).forEach(n -> numbers.add(Long.parseLong(n)));
        return new CountdownPuzzle(numbers, Long.parseLong(m.group(1)));
    }
}
