package org.nprworkbench.engine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nprworkbench.engine.schema.TagSequence.TAGS;
import static org.nprworkbench.engine.schema.TagSequence.tokens;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The incremental grammar on its own: states, spans, the branch copies the engine runs, and a broken grammar. */
class BlockGrammarTest {
    private static List<BlockGrammar.State> states(BlockGrammar g, int[] tokens) throws MalformedStructureException {
        List<BlockGrammar.State> out = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            out.add(g.feed(tokens[i], i));
        }
        return out;
    }

    @Test
    void statesFollowTheBlock() throws MalformedStructureException {
        BlockGrammar g = new BlockGrammar(TAGS, 5);
        List<BlockGrammar.State> s = states(g, tokens("x <g> <p> a </p> </g> nl <s> a </s> nl <t> y </t> ans"));
        assertEquals(List.of(BlockGrammar.State.TEXT, BlockGrammar.State.GUIDELINE, BlockGrammar.State.PLAN,
                BlockGrammar.State.PLAN, BlockGrammar.State.GUIDELINE, BlockGrammar.State.BRANCHES,
                BlockGrammar.State.BRANCHES, BlockGrammar.State.STEP, BlockGrammar.State.STEP, BlockGrammar.State.BRANCHES,
                BlockGrammar.State.BRANCHES, BlockGrammar.State.TAKEAWAY, BlockGrammar.State.TAKEAWAY,
                BlockGrammar.State.TEXT, BlockGrammar.State.TEXT), s);
        g.end(); // complete
    }

    @Test
    void branchCopiesSeeWhatTheMergedSequenceSees() throws MalformedStructureException {
        int[] head = tokens("x <g> <p> a </p> <p> b </p> <p> c </p> </g> nl");
        int[] step = tokens("<s> w w </s> nl");
        BlockGrammar merged = new BlockGrammar(TAGS, 5);
        states(merged, head);
        List<BlockGrammar> branches = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            branches.add(merged.forBranch(k));
        }
        for (int k = 0; k < 3; k++) {
            BlockGrammar b = branches.get(k);
            for (int i = 0; i < step.length; i++) {
                assertEquals(merged.feed(step[i], head.length + k * step.length + i), b.feed(step[i], i), "branch " + k);
                assertEquals(merged.span(), b.span(), "branch " + k + " token " + i);
                assertEquals(merged.block(), b.block(), "branch " + k + " token " + i);
            }
        }
        assertEquals(BlockGrammar.State.TAKEAWAY, merged.feed(TAGS.takeawayOpen(), 99));
    }

    @Test
    void aBranchCopyCountsItsEarlierSiblings() throws MalformedStructureException {
        BlockGrammar g = new BlockGrammar(TAGS, 5);
        states(g, tokens("<g> <p> a </p> </g>"));
        g.forBranch(4).feed(TAGS.stepOpen(), 0); // the fifth step is allowed
        MalformedStructureException e = assertThrows(MalformedStructureException.class,
                () -> g.forBranch(5).feed(TAGS.stepOpen(), 7));
        assertEquals(StructureRule.TOO_MANY_BRANCHES, e.violation().rule());
        assertEquals(7, e.violation().tokenIndex());
    }

    @Test
    void branchesForkOnlyRightAfterTheGuideline() throws MalformedStructureException {
        BlockGrammar g = new BlockGrammar(TAGS, 5);
        assertThrows(IllegalStateException.class, () -> g.forBranch(0));
        states(g, tokens("<g> <p> a </p> </g> <s>"));
        assertThrows(IllegalStateException.class, () -> g.forBranch(0), "inside a step");
    }

    @Test
    void aBrokenGrammarTakesNoMoreTokens() {
        BlockGrammar g = new BlockGrammar(TAGS, 5);
        MalformedStructureException e = assertThrows(MalformedStructureException.class,
                () -> states(g, tokens("a <g> <p> a <p>")));
        assertEquals(StructureRule.NESTED_PLAN, e.violation().rule());
        assertEquals(4, e.violation().tokenIndex());
        assertThrows(IllegalStateException.class, () -> g.feed(10, 5));
        assertThrows(IllegalStateException.class, g::end);
    }

    @Test
    void theEndRulesPointAtTheUnclosedTag() throws MalformedStructureException {
        BlockGrammar g = new BlockGrammar(TAGS, 5);
        states(g, tokens("a <g> <p> a </p> </g> <s> b"));
        MalformedStructureException e = assertThrows(MalformedStructureException.class, g::end);
        assertEquals(StructureRule.UNCLOSED_STEP, e.violation().rule());
        assertEquals(6, e.violation().tokenIndex());
    }
}
