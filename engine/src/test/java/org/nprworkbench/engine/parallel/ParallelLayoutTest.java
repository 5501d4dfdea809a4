package org.nprworkbench.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nprworkbench.engine.schema.TagSequence.TAGS;
import static org.nprworkbench.engine.schema.TagSequence.tokens;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.schema.StructureRule;

class ParallelLayoutTest {
    /**
     * The worked example of npr-method.md §2.3, 24 tokens: a 3-token prompt, then
     * idx 3 {@code <guideline>}, 4-9 two plans, 10 {@code </guideline>}, 11 {@code \n}, 12-16 step 1
     * ({@code <step> a a a </step>}), 17 {@code \n}, 18-20 step 2 ({@code <step> b </step>}), 21 {@code \n},
     * 22 {@code <takeaway>}, 23 takeaway text.
     */
    static final String GOLDEN = "q q q <g> <p> p1 </p> <p> p2 </p> </g> nl <s> a a a </s> nl <s> b </s> nl <t> w";
    static final int[] GOLDEN_POSITIONS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 12, 13, 14, 15, 16, 11, 12, 13, 14, 16, 17};

    @Test
    void goldenTableOfSection23() throws MalformedStructureException {
        int[] t = tokens(GOLDEN);
        assertEquals(24, t.length);
        ParallelLayout layout = ParallelLayout.ofPrefix(t, 3, TAGS);
        assertArrayEquals(GOLDEN_POSITIONS, layout.positions());

        ParallelLayout closed = ParallelLayout.of(tokens(GOLDEN + " </t> done"), 3, TAGS);
        for (int i = 0; i < 24; i++) {
            assertEquals(GOLDEN_POSITIONS[i], closed.position(i), "token " + i);
        }
        assertEquals(18, closed.position(24));
        assertEquals(19, closed.position(25));
    }

    @Test
    void goldenSpansAndVisibility() throws MalformedStructureException {
        ParallelLayout l = ParallelLayout.ofPrefix(tokens(GOLDEN), 3, TAGS);
        int[] spans = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, -1, -1};
        int[] blocks = {-1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(spans, l.spans());
        assertArrayEquals(blocks, l.blocks());
        for (int q = 18; q <= 21; q++) {
            assertFalse(l.visible(q, 17), "the \\n after step 1 is visible to nothing in step 2 (query " + q + ")");
            for (int k = 12; k <= 16; k++) {
                assertFalse(l.visible(q, k), "step 2 cannot see step 1");
            }
            for (int k = 0; k <= 11; k++) {
                assertTrue(l.visible(q, k), "step 2 sees prompt, guideline, both plans and the shared \\n");
            }
        }
        for (int q = 12; q <= 21; q++) {
            assertTrue(l.visible(q, 11), "idx 11 is visible to both steps");
        }
        for (int q = 22; q <= 23; q++) {
            for (int k = 0; k <= q; k++) {
                assertTrue(l.visible(q, k), "the takeaway sees everything before it");
            }
        }
        assertTrue(l.visible(17, 12), "the separator sees its own step");
        assertFalse(l.visible(12, 13), "causal");
        assertTrue(l.visible(6, 5), "plans are causal");
    }

    @Test
    void goldenCountsAndDenseMask() throws MalformedStructureException {
        ParallelLayout l = ParallelLayout.ofPrefix(tokens(GOLDEN), 3, TAGS);
        assertEquals(1, l.blockCount());
        assertArrayEquals(new int[] {2}, l.branchesPerBlock());
        assertEquals(21, l.totalTokens());
        assertEquals(15, l.criticalPath(), "largest position 17 + 1 - prompt 3");
        assertEquals(21.0 / 15, l.parallelism(), 1e-12);
        float[] mask = l.denseMask();
        assertEquals(24 * 24, mask.length);
        for (int q = 0; q < 24; q++) {
            for (int k = 0; k < 24; k++) {
                assertEquals(l.visible(q, k) ? 0f : Float.NEGATIVE_INFINITY, mask[q * 24 + k]);
            }
        }
        assertEquals(Float.NEGATIVE_INFINITY, mask[18 * 24 + 17]);
        assertEquals(0f, mask[22 * 24 + 17]);
    }

    @Test
    void tagsInThePromptAreIgnored() throws MalformedStructureException {
        ParallelLayout l = ParallelLayout.of(tokens("<s> </t> <g> sep <g> <p> a </p> </g> <s> a </s> <t> w </t>"), 4, TAGS);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, l.positions());
        assertEquals(-1, l.block(2));
    }

    @Test
    void aSingleBranchTrajectoryWithoutSeparatorsHasTOverCOne() throws MalformedStructureException {
        ParallelLayout l = ParallelLayout.of(tokens(
                "think <g> <p> a </p> </g> <s> a b </s> <t> w </t> more <g> <p> a </p> </g> <s> c </s> <t> w </t> ans"), 0, TAGS);
        assertEquals(l.totalTokens(), l.criticalPath());
        assertEquals(1.0, l.parallelism());
        for (int i = 0; i < l.length(); i++) {
            assertEquals(i, l.position(i));
        }
    }

    @Test
    void engineSeparatorsMakeASingleBranchBlockTwoTokensShorterOnThePath() throws MalformedStructureException {
        // the shared \n shares g+1 with <step>, the branch's trailing \n shares g+maxLen+1 with <takeaway>
        ParallelLayout l = ParallelLayout.of(tokens("<g> <p> a </p> </g> nl <s> a </s> nl <t> w </t>"), 0, TAGS);
        assertEquals(l.totalTokens() - 2, l.criticalPath());
    }

    @Test
    void aBlockWithoutStepsPutsTheTakeawayRightAfterTheGuideline() throws MalformedStructureException {
        ParallelLayout l = ParallelLayout.of(tokens("<g> <p> a </p> </g> <t> w </t>"), 0, TAGS);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, l.positions());
        assertArrayEquals(new int[] {0}, l.branchesPerBlock());
    }

    @Test
    void malformedInputNamesTheRuleAndToken() {
        MalformedStructureException e = assertThrows(MalformedStructureException.class,
                () -> ParallelLayout.of(tokens("q <g> <p> a </p> </g> <s> a <s>"), 1, TAGS));
        assertEquals(StructureRule.NESTED_STEP, e.violation().rule());
        assertEquals(8, e.violation().tokenIndex());
        MalformedStructureException unclosed = assertThrows(MalformedStructureException.class,
                () -> ParallelLayout.of(tokens("<g> <p> a </p> </g> <s> a </s>"), 0, TAGS));
        assertEquals(StructureRule.UNCLOSED_BLOCK, unclosed.violation().rule());
        assertEquals(0, unclosed.violation().tokenIndex());
    }

    @Test
    void emptyResponse() throws MalformedStructureException {
        ParallelLayout l = ParallelLayout.of(tokens("q q"), 2, TAGS);
        assertEquals(0, l.totalTokens());
        assertEquals(0, l.criticalPath());
        assertEquals(1.0, l.parallelism());
    }
}
