package org.nprworkbench.problems.seed;

import java.util.Locale;

import org.nprworkbench.input.BadInputException;

/** How a seed-corpus solution is written: plain chain of thought, or in the NPR tags. */
public enum SolutionStyle {
    /** One line per move, then the boxed answer. */
    COT,
    /** Moves grouped into guideline/step/takeaway blocks of 1 to 5 plans, then the boxed answer. */
    NPR;

    /** The style named {@code name} ({@code cot} or {@code npr}). */
    public static SolutionStyle parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "cot" -> COT;
            case "npr" -> NPR;
            default -> throw new BadInputException("unknown solution style \"" + name + "\"; use cot or npr");
        };
    }
}
