package org.nprworkbench.engine.graph;

/**
 * What the engine knows about each response token beyond its id, one entry per response token (each
 * array may be null when unknown): the decode step that produced it (-1 for tokens that were forced
 * or prefilled), its log-probability and the entropy of the distribution it was sampled from.
 */
public record DecodeTrace(int[] decodeSteps, float[] logProbs, float[] entropies) {
    /** Nothing known (imported text). */
    public static final DecodeTrace NONE = new DecodeTrace(null, null, null);
}
