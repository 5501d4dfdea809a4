package org.nprworkbench.problems.task;

import java.util.Locale;

import org.nprworkbench.input.BadInputException;

/**
 * The three fixed splits of every task family. Which split a problem belongs to is a function of its
 * content alone ({@link SplitPartition}), so the splits are disjoint whatever seed generated them.
 */
public enum Split {
    TRAIN("train"), VAL("val"), TEST("test");

    private final String label;

    Split(String label) {
        this.label = label;
    }

    /** The lower-case name used on the command line and in problem ids. */
    public String label() {
        return label;
    }

    /** The split named {@code name} ({@code train}, {@code val}/{@code validation}, {@code test}). */
    public static Split parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "train" -> TRAIN;
            case "val", "valid", "validation" -> VAL;
            case "test" -> TEST;
            default -> throw new BadInputException("unknown split \"" + name + "\"; use train, val or test");
        };
    }
}
