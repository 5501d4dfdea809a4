package org.nprworkbench.problems.seed;

import java.util.List;

import org.nprworkbench.tags.NprTags;

/**
 * One unit of work of a sequential solver: what it sets out to do, the work itself, the short result
 * it contributes to a summary, and which earlier moves' results it uses. In NPR style these become a
 * plan, a step and part of a takeaway; in chain-of-thought style the work is one line.
 *
 * @param plan what the move does, e.g. {@code Compute 3*4.}
 * @param work the work, e.g. {@code 3*4 = 12.}; it may use the problem, its own plan and the results of
 *        the moves in {@code needs}, nothing else
 * @param result the result in a few characters, e.g. {@code 3*4=12}; it carries every number a later
 *        move takes from this one
 * @param needs indices (in the trace) of the earlier moves whose results the work uses; empty for a
 *        move that works from the problem alone
 */
public record Move(String plan, String work, String result, List<Integer> needs) {
    public Move {
        needs = List.copyOf(needs);
        for (String s : new String[] {plan, work, result}) {
            if (s.isBlank() || s.contains("\n") || NprTags.ALL.stream().anyMatch(s::contains)) {
                throw new IllegalArgumentException("a move's texts are single non-empty lines without tags: " + s);
            }
        }
    }

    /** A move that works from the problem alone. */
    public Move(String plan, String work, String result) {
        this(plan, work, result, List.of());
    }
}
