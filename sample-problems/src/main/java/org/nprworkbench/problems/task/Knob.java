package org.nprworkbench.problems.task;

import java.util.List;

/**
 * One difficulty knob of a task family: an integer with a range and a value for each of the five
 * difficulty levels.
 *
 * @param name the name used on the command line ({@code --knob name=value})
 * @param description what it controls
 * @param min smallest allowed value
 * @param max largest allowed value
 * @param byDifficulty the value at difficulty 1..5
 */
public record Knob(String name, String description, int min, int max, List<Integer> byDifficulty) {
    public Knob {
        byDifficulty = List.copyOf(byDifficulty);
        if (byDifficulty.size() != Task.MAX_DIFFICULTY) {
            throw new IllegalArgumentException(name + ": one value per difficulty level needed");
        }
        for (int v : byDifficulty) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + ": default " + v + " outside " + min + ".." + max);
            }
        }
    }

    /** The value at difficulty {@code level} (1-based). */
    public int at(int level) {
        return byDifficulty.get(level - 1);
    }
}
