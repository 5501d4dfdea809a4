package org.nprworkbench.problems.task;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Family {@code digitsum}: the largest digit sum of 2 to 5 numbers, made for a small character-level
 * model. Each number is an independent per-item job (a digit-by-digit running sum, learnable by
 * copying one digit at a time and adding a single digit), one plan each; the reduce step only takes
 * the maximum.
 */
public final class DigitSumTask extends GeneratedTask<DigitSumItems> {
    public static final String NAME = "digitsum";

    private static final List<Knob> KNOBS = List.of(
            new Knob("items", "how many numbers", 2, 5, List.of(2, 3, 4, 5, 5)),
            new Knob("digits", "digits per number", 2, 9, List.of(3, 4, 5, 6, 8)));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the largest digit sum of some numbers, e.g. Find the largest digit sum of 4738, 2915, 5530.";
    }

    @Override
    public String answerFormat() {
        return "the largest digit sum as an integer, e.g. \\boxed{22}";
    }

    @Override
    public List<Knob> knobs() {
        return KNOBS;
    }

    @Override
    protected DigitSumItems draw(RandomGenerator rnd, Knobs knobs) {
        int digits = knobs.get("digits");
        List<String> items = new ArrayList<>();
        while (items.size() < knobs.get("items")) {
            StringBuilder sb = new StringBuilder().append((char) ('1' + rnd.nextInt(9)));
            while (sb.length() < digits) {
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            if (!items.contains(sb.toString())) {
                items.add(sb.toString());
            }
        }
        return new DigitSumItems(items);
    }

    @Override
    public DigitSumItems parse(String text) {
        return DigitSumItems.parse(text);
    }
}
