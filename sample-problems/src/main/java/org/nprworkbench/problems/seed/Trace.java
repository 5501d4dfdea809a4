package org.nprworkbench.problems.seed;

import java.util.List;

import org.nprworkbench.tags.NprTags;

/**
 * The record of a sequential solver's run on one problem: its moves in the order it made them (each
 * naming the earlier moves whose results it uses), an optional conclusion that only combines the
 * results, and the final answer.
 *
 * @param moves the moves, at least one; a move's {@code needs} point only to earlier moves
 * @param conclusion a clause that combines the results into the answer without new work, e.g.
 *        {@code the largest is 22}; empty when the last results already are the answer
 * @param answer the final answer, as it goes inside {@code \boxed{}}
 */
public record Trace(List<Move> moves, String conclusion, String answer) {
    public Trace {
        moves = List.copyOf(moves);
        if (moves.isEmpty() || answer.isBlank()) {
            throw new IllegalArgumentException("a trace needs moves and an answer");
        }
        if (conclusion.contains("\n") || NprTags.ALL.stream().anyMatch(conclusion::contains)) {
            throw new IllegalArgumentException("a conclusion is one line without tags: " + conclusion);
        }
        for (int i = 0; i < moves.size(); i++) {
            for (int need : moves.get(i).needs()) {
                if (need < 0 || need >= i) {
                    throw new IllegalArgumentException("move " + i + " needs move " + need + ", which is not earlier");
                }
            }
        }
    }

    /** A trace without a conclusion. */
    public Trace(List<Move> moves, String answer) {
        this(moves, "", answer);
    }
}
