package org.nprworkbench.app.gui.training;

/**
 * One row of the latest-rollouts table: a sampled answer of a training step with its grades and
 * parallel shape. Null fields were not recorded.
 *
 * @param id       the run store's id of the sample
 * @param kind     {@code rollout} (a sample the step learned from) or {@code eval} (a validation or test answer)
 * @param sample   its index within the prompt's group at this step
 * @param tOverC   T / C, null when either is unknown
 */
public record RolloutItem(long id, String stage, long step, String kind, String problem, int sample, Double reward, Boolean correct,
                          Double formatScore, Integer branches, Integer tokens, Integer criticalPath, Double tOverC,
                          String prompt, String response) {
}
