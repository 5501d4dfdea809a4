package org.nprworkbench.engine.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.sampling.SamplingParams;

/**
 * The repetition penalty counts generated tokens only (SGLang's penalizer works on output ids): the
 * tokens the engine forces ({@code <step>}, the label, separators, {@code <takeaway>}) are input.
 * Greedy choice over fixed logits shows which ids a stream penalises.
 */
class SampledSourceTest {
    private static final int VOCAB = 8;
    /** Token 3 leads token 4 by a little: a penalty of 100 on 3 makes 4 the greedy choice. */
    private static final float[] LOGITS = {0f, 0f, 0f, 5f, 4f, 0f, 0f, 0f};

    @Test
    void aForcedTokenIsNotPenalisedInABranchAGeneratedOneIs() {
        TokenSource.Chooser c = new SampledSource(SamplingParams.greedy(), VOCAB).start(0);
        c.fork(2, 100.0);
        c.forced(0, 3); // e.g. the label the engine wrote after <step>
        assertEquals(3, c.next(0, LOGITS, 0), "a forced id stays unpenalised");
        assertEquals(4, c.next(0, LOGITS, 0), "once generated, it is penalised (5 / 100 < 4)");
        assertEquals(3, c.next(1, LOGITS, 0), "each branch has its own history");
    }

    @Test
    void theMainStreamCountsItsOwnOutputOnlyToo() {
        TokenSource.Chooser c = new SampledSource(SamplingParams.greedy().withRepetitionPenalty(100.0), VOCAB).start(0);
        c.forced(-1, 3); // e.g. the <takeaway> of a join
        assertEquals(3, c.next(-1, LOGITS, 0));
        assertEquals(4, c.next(-1, LOGITS, 0));
    }

    @Test
    void branchesSampleWithThePenaltyTheEngineGivesThemNotTheMainStreams() {
        TokenSource.Chooser c = new SampledSource(SamplingParams.greedy().withRepetitionPenalty(100.0), VOCAB).start(0);
        c.fork(1, 1.0);
        assertEquals(3, c.next(0, LOGITS, 0));
        assertEquals(3, c.next(0, LOGITS, 0), "penalty 1 in the branch: no change");
        c.join();
        assertEquals(3, c.next(-1, LOGITS, 0), "the branch's tokens are not the main stream's history");
        assertEquals(4, c.next(-1, LOGITS, 0));
    }
}
