package org.nprworkbench.visualizer.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.visualizer.Answers;

/** Synthetic answers: well formed, seeded, sized as asked, with the engine's forced tokens. */
class SyntheticAnswerTest {

    @Test
    void fiveHundredNodesOfWellFormedThreeBranchBlocks() {
        ExecutionGraph g = SyntheticAnswer.withNodes(500, 3, Answers.TOKENIZER);
        assertTrue(g.nodes().size() >= 500 && g.nodes().size() <= 505, "nodes: " + g.nodes().size());
        assertTrue(g.valid());
        assertEquals(0.0, g.formatScore());
        assertTrue(Arrays.stream(g.branchesPerBlock()).allMatch(b -> b == 3));
        assertTrue(g.forked());
        assertTrue(g.parallelism() > 1.2 && g.parallelism() < 3, "three branches at most: T/C " + g.parallelism());
    }

    @Test
    void theSameSeedGivesTheSameAnswerAndTheAnswerAddsUp() {
        assertEquals(SyntheticAnswer.text(4, 2, 5, 40, 9), SyntheticAnswer.text(4, 2, 5, 40, 9));
        assertNotEquals(SyntheticAnswer.text(4, 2, 5, 40, 9), SyntheticAnswer.text(4, 2, 5, 40, 10));
        ExecutionGraph g = SyntheticAnswer.graph(4, 2, 5, 40, 9, Answers.TOKENIZER);
        long expected = 0;
        for (GraphNode n : g.nodes()) {
            if (n.kind() == NodeKind.STEP) {
                String t = n.text();
                expected += Long.parseLong(t.substring(t.lastIndexOf("= ") + 2, t.lastIndexOf('.')));
            }
        }
        assertEquals(String.valueOf(expected), g.answer());
        assertThrows(IllegalArgumentException.class, () -> SyntheticAnswer.text(1, 3, 2, 40, 1));
    }

    @Test
    void forcedTokensHaveNoDecodeStepAndBranchesStartTogether() {
        ExecutionGraph g = SyntheticAnswer.graph(2, 3, 3, 40, 5, Answers.TOKENIZER);
        int stepOpen = Answers.TOKENIZER.tags().stepOpen();
        for (GraphNode n : g.nodes()) {
            if (n.kind() == NodeKind.STEP) {
                assertEquals(stepOpen, n.tokens()[0]);
                assertEquals(-1, n.decodeSteps()[0], "the engine seeds <step>");
                GraphNode guideline = g.nodes().stream().filter(x -> x.kind() == NodeKind.GUIDELINE && x.block() == n.block())
                        .findFirst().orElseThrow();
                assertEquals(guideline.lastDecodeStep() + 1, n.decodeSteps()[1], "each branch decodes right after the fork");
            }
        }
    }
}
