package org.nprworkbench.visualizer.totals;

/**
 * A verifier's judgement of an answer: whether it is correct, and the reference answer it was
 * checked against (null when the verifier works from the problem text alone).
 */
public record Verdict(boolean correct, String expected) {
}
