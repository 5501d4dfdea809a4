package org.nprworkbench.trainer.sft;

/** Progress of supervised fine-tuning after an optimiser step (tokens/s counts response tokens). */
public record SftProgress(int step, int steps, double loss, double lr, double tokensPerSecond) {
}
