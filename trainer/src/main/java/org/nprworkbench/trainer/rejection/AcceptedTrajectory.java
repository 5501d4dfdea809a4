package org.nprworkbench.trainer.rejection;

/**
 * One line of the rejection-sampled corpus (§4.1, D_accept of paper Eq. 4): a problem, the user
 * message the model read, and the one response accepted for it.
 *
 * @param problemId the problem's stable id
 * @param task      its task family
 * @param prompt    the user message (the prompt template applied; the model's chat format is not)
 * @param response  the accepted response text (the assistant text only, without eos)
 * @param tries     the try that was accepted (1..K)
 */
public record AcceptedTrajectory(String problemId, String task, String prompt, String response, int tries) {
}
