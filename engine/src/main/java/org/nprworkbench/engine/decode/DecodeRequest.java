package org.nprworkbench.engine.decode;

/**
 * One trajectory to decode: a prompt (token ids, prompt format already applied) and where its
 * tokens come from. Requests with equal prompts admitted together share one prefill and one copy
 * of the prompt's keys and values (the G samples of a prompt in RL).
 *
 * @param id     caller's identifier (echoed in the result)
 * @param sample sample index within the request's group (seeds the sampler)
 */
public record DecodeRequest(String id, int sample, int[] prompt, TokenSource source) {
    public DecodeRequest {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("empty prompt");
        }
        prompt = prompt.clone();
    }
}
