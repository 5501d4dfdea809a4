package org.nprworkbench.visualizer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.visualizer.Answers;
import org.nprworkbench.visualizer.synthetic.SyntheticAnswer;
import org.nprworkbench.visualizer.replay.DecodeReplay.NodeState;
import org.nprworkbench.visualizer.tokens.AnswerTokens;
import org.nprworkbench.visualizer.totals.AnswerTotals;

/** Decode replay: which tokens exist at step s, branches of a block advancing together. */
class DecodeReplayTest {

    /** Checks what must hold of any replay of a well-formed answer. */
    private static void assertBranchesAdvanceTogether(DecodeReplay r, ExecutionGraph g) {
        AnswerTokens t = r.tokens();
        assertEquals(g.promptLength(), r.tokensAt(0), "step 0 shows the prompt alone");
        assertEquals(t.size(), r.tokensAt(r.lastStep()), "the last step shows everything");
        for (int s = 1; s <= r.lastStep(); s++) {
            assertTrue(r.tokensAt(s) > r.tokensAt(s - 1) || r.tokensAt(s) == r.tokensAt(s - 1));
        }
        for (int block = 0; block < g.blocks(); block++) {
            int b = block;
            List<GraphNode> steps = g.nodes().stream().filter(n -> n.kind() == NodeKind.STEP && n.block() == b).toList();
            GraphNode guideline = g.nodes().stream().filter(n -> n.kind() == NodeKind.GUIDELINE && n.block() == b).findFirst().orElseThrow();
            GraphNode takeaway = g.nodes().stream().filter(n -> n.kind() == NodeKind.TAKEAWAY && n.block() == b).findFirst().orElseThrow();
            for (int s = 0; s <= r.lastStep(); s++) {
                int growing = -1;
                boolean anyUnfinished = false;
                for (GraphNode step : steps) {
                    NodeState state = r.nodeState(step.id(), s);
                    anyUnfinished |= state != NodeState.COMPLETE;
                    if (state != NodeState.ABSENT && r.nodeState(guideline.id(), s) == NodeState.ABSENT) {
                        throw new AssertionError("a branch before its guideline at step " + s);
                    }
                    if (state == NodeState.GROWING) {
                        int have = r.nodeTokensAt(step.id(), s);
                        if (growing >= 0) {
                            assertEquals(growing, have, "growing siblings hold as many tokens at step " + s);
                        }
                        growing = have;
                    }
                }
                if (anyUnfinished) {
                    assertEquals(NodeState.ABSENT, r.nodeState(takeaway.id(), s), "no join before every branch ends, step " + s);
                }
            }
        }
    }

    @Test
    void withoutDecodeStepsTokensAppearAtTheirPositions() {
        ExecutionGraph g = Answers.text(Answers.TWO_BLOCKS);
        AnswerTokens t = AnswerTokens.of(g, Answers.TOKENIZER);
        DecodeReplay r = DecodeReplay.of(t);
        assertEquals(DecodeReplay.Source.POSITIONS, r.source());
        assertEquals(g.criticalPath(), r.lastStep(), "an ideal parallel engine needs C steps");
        assertBranchesAdvanceTogether(r, g);
        GraphNode s1 = g.nodes().stream().filter(n -> n.kind() == NodeKind.STEP).findFirst().orElseThrow();
        assertEquals(t.position(s1.firstToken()) - g.promptLength() + 1, r.appearStep(s1.firstToken()));
    }

    @Test
    void engineStepsDriveTheReplayAndForcedTokensComeWithTheirStream() {
        ExecutionGraph g = SyntheticAnswer.engineGraph(Answers.PROMPT, Answers.TWO_BLOCKS, 5, Answers.TOKENIZER);
        AnswerTokens t = AnswerTokens.of(g, Answers.TOKENIZER);
        DecodeReplay r = DecodeReplay.of(t);
        assertEquals(DecodeReplay.Source.ENGINE, r.source());
        assertEquals(AnswerTotals.of(g, null).decodeSteps(), r.lastStep(), "one replay step per engine step");
        assertBranchesAdvanceTogether(r, g);
        for (GraphNode n : g.nodes()) {
            if (n.kind() == NodeKind.STEP) {
                int open = n.firstToken(); // the forced <step>
                assertEquals(-1, t.decodeStep(open));
                GraphNode guideline = g.nodes().stream()
                        .filter(x -> x.kind() == NodeKind.GUIDELINE && x.block() == n.block()).findFirst().orElseThrow();
                int guidelineEnd = guideline.firstToken() + guideline.tokenCount() - 1;
                assertEquals(r.appearStep(guidelineEnd), r.appearStep(open), "seeded at the fork");
                assertTrue(r.appearStep(open + 1) == r.appearStep(open) + 1, "then one token per step");
            }
        }
        // Decoded tokens appear exactly at their engine step, relative to the first.
        int first = g.nodes().stream().filter(n -> n.firstDecodeStep() >= 0).mapToInt(GraphNode::firstDecodeStep).min().orElseThrow();
        for (int i = g.promptLength(); i < t.size(); i++) {
            if (t.decodeStep(i) >= 0) {
                assertEquals(t.decodeStep(i) - first + 1, r.appearStep(i));
            }
        }
    }
}
