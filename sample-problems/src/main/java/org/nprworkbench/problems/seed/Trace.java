package org.nprworkbench.problems.seed;

import java.util.List;

/**
 * The record of a sequential solver's run on one problem: its moves in the order it made them, each
 * possibly using the results of earlier ones, and the final answer.
 *
 * @param moves the moves, at least one
 * @param answer the final answer, as it goes inside {@code \boxed{}}
 */
public record Trace(List<Move> moves, String answer) {
    public Trace {
        moves = List.copyOf(moves);
        if (moves.isEmpty() || answer.isBlank()) {
            throw new IllegalArgumentException("a trace needs moves and an answer");
        }
    }
}
