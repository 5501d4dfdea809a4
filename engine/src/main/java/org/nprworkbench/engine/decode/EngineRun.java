package org.nprworkbench.engine.decode;

import java.util.List;

/**
 * The outcome of one engine run over many requests.
 *
 * @param results            one per request, in request order
 * @param steps              decode steps (one batched model call each, prefills included)
 * @param wallSeconds        the whole run
 * @param generatedTokens    sum of T over all trajectories
 * @param peakKvBytes        most key/value bytes held by the lane store at once (tokens stored, not the preallocated pool)
 * @param peakCopiedKvBytes  what the same rows would have held with a private copy of their context each
 * @param joinPrefillTokens  tokens prefilled at joins (the forced {@code <takeaway>} of each join)
 * @param joins              joins performed
 * @param peakRows           most rows in one decode step
 */
public record EngineRun(List<TrajectoryResult> results, int steps, double wallSeconds, long generatedTokens,
                        long peakKvBytes, long peakCopiedKvBytes, long joinPrefillTokens, long joins, int peakRows) {

    /** Generated tokens per second of wall time: the paper's TPS. */
    public double tokensPerSecond() {
        return generatedTokens / wallSeconds;
    }
}
