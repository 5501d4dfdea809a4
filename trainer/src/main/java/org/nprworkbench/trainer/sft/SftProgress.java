package org.nprworkbench.trainer.sft;

/**
 * Progress of supervised fine-tuning after an optimiser step: the loss, learning rate and gradient norm
 * (before clipping) of the step, its wall time, and its throughput in response tokens per second.
 */
public record SftProgress(int step, int steps, double loss, double lr, double gradNorm, double seconds,
                          double tokensPerSecond) {
}
