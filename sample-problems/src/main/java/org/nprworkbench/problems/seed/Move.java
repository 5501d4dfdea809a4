package org.nprworkbench.problems.seed;

/**
 * One unit of work of a sequential solver: what it sets out to do, the work itself, and the short
 * result it contributes to a summary. In NPR style these become a plan, a step and part of a
 * takeaway; in chain-of-thought style the work is one line.
 *
 * @param plan what the move does, e.g. {@code Compute 3*4.}
 * @param work the work, e.g. {@code 3*4 = 12.}
 * @param result the result in a few characters, e.g. {@code 3*4=12}
 */
public record Move(String plan, String work, String result) {
    public Move {
        for (String s : new String[] {plan, work, result}) {
            if (s.isBlank() || s.contains("\n") || s.contains("<")) {
                throw new IllegalArgumentException("a move's texts are single non-empty lines without tags: " + s);
            }
        }
    }
}
