package org.nprworkbench.app.service;

import org.nprworkbench.input.BadInputException;

/**
 * How many new tokens a request may generate: what the user asked for, cut to the room the model's
 * context leaves after the prompt. One rule for solve and generate.
 */
final class TokenBudget {
    private TokenBudget() {
    }

    /**
     * {@code min(requested, context - promptTokens)}; less than {@code minimum} is bad input naming the
     * prompt's length and the context.
     */
    static int fit(int requested, int context, int promptTokens, int minimum) {
        int budget = Math.min(requested, context - promptTokens);
        if (budget < minimum) {
            throw new BadInputException("the prompt is " + promptTokens + " tokens: no room left in the model's context of "
                    + context + " positions" + (minimum > 1 ? " (at least " + minimum + " new tokens are needed)" : ""));
        }
        return budget;
    }
}
