package org.nprworkbench.visualizer.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBuilder;
import org.nprworkbench.visualizer.Answers;
import org.nprworkbench.visualizer.synthetic.SyntheticAnswer;

/** The explorer's model holds together for every kind of answer, the degenerate ones included. */
class ExplorerModelTest {

    @Test
    void everyKindOfAnswerBuildsAConsistentModel() {
        List<ExecutionGraph> graphs = List.of(
                GraphBuilder.fromText("empty", null, "", Answers.TOKENIZER),
                GraphBuilder.fromText("prompt only", "2+2?", "", Answers.TOKENIZER),
                GraphBuilder.fromText("plain", "2+2?", "Four. \\boxed{4}", Answers.TOKENIZER),
                Answers.text(Answers.TWO_BLOCKS),
                Answers.text(Answers.TWO_BLOCKS.replace("3: 7*55", "<guideline> 3: 7*55")),
                Answers.text(Answers.TWO_BLOCKS.substring(0, Answers.TWO_BLOCKS.indexOf("2: 400"))),
                Answers.text("<step>1: a stray step</step> \\boxed{1}"),
                SyntheticAnswer.graph(6, 1, 5, 40, 3, Answers.TOKENIZER));
        for (ExecutionGraph g : graphs) {
            ExplorerModel m = ExplorerModel.build(g, Answers.TOKENIZER, null);
            String what = g.origin();
            assertEquals(g.promptLength() + g.totalTokens(), m.tokens().size(), what);
            assertEquals(g.nodes().size(), m.layout().nodes().size(), what);
            assertEquals(g.edges().size(), m.layout().edges().size(), what);
            assertEquals(m.tokens().size(), m.replay().tokensAt(m.replay().lastStep()), what);
            assertEquals(g.promptLength(), m.replay().tokensAt(0), what);
            assertTrue(m.mask().size() >= 1 && m.mask().size() <= ExplorerModel.MASK_SIZE, what);
            assertEquals(g.totalTokens(), m.totals().totalTokens(), what);
            assertTrue(m.layout().maxY() > 0, what);
        }
    }
}
