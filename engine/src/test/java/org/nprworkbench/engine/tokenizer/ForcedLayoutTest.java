package org.nprworkbench.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nprworkbench.problems.prompt.PromptTemplate;

class ForcedLayoutTest {
    @Test
    void theReleasedLayoutWritesTheReleasedEnginesText() {
        // npr-method.md §2.4: children are seeded with "\n<step>\n" + label, the join adds "<takeaway>\n";
        // the leading \n is the shared separator the engine forces once before forking.
        assertEquals("\n<step>\n2:", ForcedLayout.SHARED_SEPARATOR + ForcedLayout.RELEASED.stepOpening("2"));
        assertEquals("<takeaway>\n", ForcedLayout.RELEASED.takeawayOpening());
        assertEquals("<step>1.2:", ForcedLayout.COMPACT.stepOpening("1.2"));
        assertEquals("<takeaway>", ForcedLayout.COMPACT.takeawayOpening());
        assertEquals("\n", ForcedLayout.STEP_SEPARATOR);
    }

    @Test
    void chatCheckpointsDefaultToTheReleasedLayoutAndTheOfficialPrompt() {
        assertEquals(ForcedLayout.RELEASED, ForcedLayout.defaultFor(PromptFormat.CHATML));
        assertEquals(ForcedLayout.RELEASED, ForcedLayout.defaultFor(PromptFormat.CHATML_NO_THINK));
        assertEquals(ForcedLayout.COMPACT, ForcedLayout.defaultFor(PromptFormat.PLAIN));
        assertEquals(PromptTemplate.OFFICIAL, ForcedLayout.RELEASED.defaultTemplate(PromptFormat.CHATML).name());
        assertEquals("bare", ForcedLayout.COMPACT.defaultTemplate(PromptFormat.PLAIN).name());
        assertEquals("npr", ForcedLayout.COMPACT.defaultTemplate(PromptFormat.CHATML).name());
    }

    @Test
    void jsonNames() {
        for (ForcedLayout l : ForcedLayout.values()) {
            assertEquals(l, ForcedLayout.fromJsonName(l.jsonName()));
        }
        assertEquals("released", ForcedLayout.RELEASED.jsonName());
        assertNull(ForcedLayout.fromJsonName("RELEASED"));
    }
}
