package org.nprworkbench.problems.task;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Family {@code countdown}: reach a target from given numbers with {@code + - * /}, each number at
 * most once. Different first moves are natural parallel branches. Every generated puzzle is solvable:
 * its target is the value of a random combination of the numbers.
 */
public final class CountdownTask extends GeneratedTask<CountdownPuzzle> {
    public static final String NAME = "countdown";

    private static final List<Knob> KNOBS = List.of(
            new Knob("numbers", "how many numbers are offered", 3, 6, List.of(3, 4, 4, 5, 6)),
            new Knob("max", "numbers are distinct, drawn from 1 to max", 10, 100, List.of(15, 15, 25, 25, 50)));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "reach a target from given numbers with + - * /, each at most once; the target is 10 to 999";
    }

    @Override
    public String answerFormat() {
        return "an expression over the given numbers, e.g. \\boxed{3*5+7} (optionally \\boxed{3*5+7=22}); "
                + "evaluated exactly, fractions allowed in between, \\times and \\div accepted";
    }

    @Override
    public List<Knob> knobs() {
        return KNOBS;
    }

    @Override
    protected CountdownPuzzle draw(RandomGenerator rnd, Knobs knobs) {
        int count = knobs.get("numbers");
        int max = knobs.get("max");
        while (true) {
            List<Long> numbers = new ArrayList<>();
            while (numbers.size() < count) {
                long v = rnd.nextLong(1, max + 1);
                if (!numbers.contains(v)) {
                    numbers.add(v);
                }
            }
            int used = rnd.nextBoolean() ? count : rnd.nextInt(2, count + 1);
            List<Long> pool = new ArrayList<>(numbers.subList(0, used));
            while (pool.size() > 1) {
                List<CountdownSearch.Move> moves = CountdownSearch.moves(
                        List.of(pool.remove(rnd.nextInt(pool.size())), pool.remove(rnd.nextInt(pool.size()))));
                pool.add(moves.get(rnd.nextInt(moves.size())).result());
            }
            long target = pool.get(0);
            if (target >= 10 && target <= 999 && !numbers.contains(target)) {
                return new CountdownPuzzle(numbers, target);
            }
        }
    }

    @Override
    public CountdownPuzzle parse(String text) {
        return CountdownPuzzle.parse(text);
    }
}
