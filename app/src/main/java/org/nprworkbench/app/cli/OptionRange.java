package org.nprworkbench.app.cli;

import java.util.Locale;

import org.nprworkbench.input.BadInputException;

/**
 * The range checks of numeric options, in one place: each names the one option at fault, its value
 * and the allowed range, as bad input (exit status 2).
 */
final class OptionRange {
    private OptionRange() {
    }

    /** {@code value >= min}. */
    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw bad(option, Long.toString(value), "must be " + min + " or more");
        }
    }

    /** {@code min <= value <= max}. */
    static void within(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw bad(option, Long.toString(value), "must be from " + min + " to " + max);
        }
    }

    /** {@code value >= min}. */
    static void atLeast(String option, double value, double min) {
        if (!(value >= min)) {
            throw bad(option, number(value), "must be " + number(min) + " or more");
        }
    }

    /** {@code value > min}. */
    static void above(String option, double value, double min) {
        if (!(value > min)) {
            throw bad(option, number(value), "must be more than " + number(min));
        }
    }

    /** {@code min <= value <= max}. */
    static void within(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw bad(option, number(value), "must be from " + number(min) + " to " + number(max));
        }
    }

    /** {@code min < value <= max}. */
    static void aboveUpTo(String option, double value, double min, double max) {
        if (!(value > min && value <= max)) {
            throw bad(option, number(value), "must be more than " + number(min) + " and at most " + number(max));
        }
    }

    private static BadInputException bad(String option, String value, String rule) {
        return new BadInputException(option + " " + value + ": " + rule);
    }

    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%s", x);
    }
}
