package org.nprworkbench.problems.task;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.nprworkbench.input.BadInputException;

/**
 * A {@code digitsum} problem: {@code Find the largest digit sum of 4738, 2915, 5530.} Each item's digit
 * sum is an independent job; the answer is the largest of them (22 here).
 *
 * @param items the numbers, in the order shown, as their decimal digits (no leading zero)
 */
public record DigitSumItems(List<String> items) implements TaskInstance {
    private static final Pattern TEXT = Pattern.compile("Find the largest digit sum of ([1-9]\\d*(?:, [1-9]\\d*)+)\\.");

    public DigitSumItems {
        items = List.copyOf(items);
        if (items.size() < 2 || items.stream().anyMatch(s -> !s.matches("[1-9]\\d*"))) {
            throw new IllegalArgumentException("at least two numbers without leading zeros: " + items);
        }
    }

    /** The digit sum of {@code item}, e.g. 22 for {@code 4738}. */
    public static int digitSum(String item) {
        return item.chars().map(c -> c - '0').sum();
    }

    /** The largest digit sum among the items. */
    public int largest() {
        return items.stream().mapToInt(DigitSumItems::digitSum).max().orElseThrow();
    }

    @Override
    public String text() {
        return "Find the largest digit sum of " + String.join(", ", items) + ".";
    }

    @Override
    public String answer() {
        return Integer.toString(largest());
    }

    @Override
    public String key() {
        return items.stream().sorted().collect(Collectors.joining(","));
    }

    @Override
    public boolean accepts(String answer) {
        return AnswerText.integer(answer).map(v -> v.equals(BigInteger.valueOf(largest()))).orElse(false);
    }

    /** The problem whose text is {@code text}. */
    public static DigitSumItems parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new BadInputException("not a digitsum problem (expected \"Find the largest digit sum of 4738, 2915.\"): \""
                    + text + "\"");
        }
        return new DigitSumItems(new ArrayList<>(Arrays.asList(m.group(1).split(", "))));
    }
}
