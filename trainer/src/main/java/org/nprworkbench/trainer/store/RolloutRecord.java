package org.nprworkbench.trainer.store;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * One sampled answer, from a training step's rollouts or an evaluation.
 *
 * @param problemId    the problem's id in its task or benchmark
 * @param sample       index of this answer within the problem's group at this step
 * @param reward       the reward the trainer gave it; null for evaluation samples without one
 * @param correct      whether the extracted answer was right; null if not graded
 * @param formatScore  the text format score (0 = valid, negative = violations); null if not scored
 * @param tokens       T, all tokens generated across branches; null if unknown
 * @param criticalPath C, tokens on the longest path; null if unknown
 * @param branches     parallel branches opened; null if unknown
 * @param graphJson    the execution graph as JSON (stored gzip-compressed); null if none or not loaded
 */
public record RolloutRecord(StageKind stage, long step, RolloutKind kind, String problemId, int sample,
                            String prompt, String response, Double reward, Boolean correct, Double formatScore,
                            Integer tokens, Integer criticalPath, Integer branches, String graphJson) {
}
