package org.nprworkbench.visualizer.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.engine.tokenizer.TextTokenizer;
import org.nprworkbench.visualizer.Answers;
import org.nprworkbench.visualizer.synthetic.SyntheticAnswer;

/** The per-token view of an answer: texts, positions and visibility from the parallel layout. */
class AnswerTokensTest {

    private static List<GraphNode> nodes(ExecutionGraph g, NodeKind kind) {
        return g.nodes().stream().filter(n -> n.kind() == kind).toList();
    }

    @Test
    void tokensCarryTextNodePositionAndTheParallelMask() {
        ExecutionGraph g = Answers.text(Answers.TWO_BLOCKS);
        AnswerTokens t = AnswerTokens.of(g, Answers.TOKENIZER);
        assertEquals(g.promptLength() + g.totalTokens(), t.size());
        String all = String.join("", IntStream.range(0, t.size()).mapToObj(t::text).toList());
        assertEquals(Answers.PROMPT + Answers.TWO_BLOCKS, all, "the embedded tokenizer's token strings spell the text");
        List<GraphNode> steps = nodes(g, NodeKind.STEP);
        GraphNode s1 = steps.get(0);
        GraphNode s2 = steps.get(1);
        GraphNode guideline = nodes(g, NodeKind.GUIDELINE).get(0);
        GraphNode takeaway = nodes(g, NodeKind.TAKEAWAY).get(0);
        GraphNode nextBlockStep = steps.get(3);
        assertEquals(t.position(s1.firstToken()), t.position(s2.firstToken()), "siblings restart at g+1");
        assertEquals(s2.id(), t.node(s2.firstToken() + 3));
        int q = s2.firstToken() + 5;
        assertFalse(t.visible(q, s1.firstToken() + 2), "a branch does not see its sibling");
        assertTrue(t.visible(q, guideline.firstToken() + 4), "but sees the guideline");
        assertTrue(t.visible(q, q), "and itself");
        assertFalse(t.visible(q, q + 1), "causal");
        assertTrue(t.visible(takeaway.firstToken(), s1.firstToken()), "the takeaway sees every branch");
        assertTrue(t.visible(takeaway.firstToken(), s2.firstToken()));
        assertTrue(t.visible(nextBlockStep.firstToken() + 2, s1.firstToken() + 2), "branches of earlier blocks are shared");
        assertEquals(-1, t.span(guideline.firstToken()));
        assertEquals(1, t.span(s2.firstToken()) - t.span(s1.firstToken()));
        assertEquals(0, t.block(s2.firstToken()));
        assertFalse(t.hasLogProbs());
        assertFalse(t.hasDecodeSteps());
        assertTrue(Float.isNaN(t.logProb(q)));
        assertEquals(-1, t.decodeStep(q));
        assertEquals(t.size(), t.layoutLength());
    }

    @Test
    void engineAnswersCarryLogProbsEntropiesAndDecodeSteps() {
        ExecutionGraph g = SyntheticAnswer.engineGraph(Answers.PROMPT, Answers.TWO_BLOCKS, 3, Answers.TOKENIZER);
        AnswerTokens t = AnswerTokens.of(g, Answers.TOKENIZER);
        assertTrue(t.hasLogProbs() && t.hasEntropies() && t.hasDecodeSteps());
        GraphNode step = nodes(g, NodeKind.STEP).get(1);
        for (int k = 0; k < step.tokenCount(); k++) {
            int i = step.firstToken() + k;
            assertEquals(step.logProbs()[k], t.logProb(i));
            assertEquals(step.entropies()[k], t.entropy(i));
            assertEquals(step.decodeSteps()[k], t.decodeStep(i));
        }
        assertTrue(Float.isNaN(t.logProb(0)), "the prompt has none");
    }

    @Test
    void aMalformedTailIsPlainCausal() {
        String broken = Answers.TWO_BLOCKS.replace("3: 7*55", "<guideline> 3: 7*55");
        ExecutionGraph g = Answers.text(broken);
        AnswerTokens t = AnswerTokens.of(g, Answers.TOKENIZER);
        GraphNode tail = g.nodes().get(g.nodes().size() - 1);
        assertEquals(NodeKind.MALFORMED, tail.kind());
        assertEquals(tail.firstToken(), t.layoutLength());
        GraphNode s1 = nodes(g, NodeKind.STEP).get(0);
        int q = tail.firstToken() + 10;
        assertTrue(t.visible(q, s1.firstToken() + 1));
        assertFalse(t.visible(q, q + 1));
        assertEquals(t.position(tail.firstToken() - 1) + 1, t.position(tail.firstToken()));
        assertEquals(-1, t.span(q));
    }

    @Test
    void aTokenizerWithOtherTagsIsRefused() {
        ExecutionGraph g = Answers.text(Answers.TWO_BLOCKS);
        TagIds real = Answers.TOKENIZER.tags();
        TagIds swapped = new TagIds(real.guidelineOpen(), real.guidelineClose(), real.planOpen(), real.planClose(),
                real.takeawayOpen(), real.stepClose(), real.stepOpen(), real.takeawayClose(),
                real.bos(), real.eos(), real.pad(), real.promptEnd());
        TextTokenizer other = new TextTokenizer() {
            public int[] encode(String text) { return Answers.TOKENIZER.encode(text); }
            public String decode(int[] ids) { return Answers.TOKENIZER.decode(ids); }
            public String tokenString(int id) { return Answers.TOKENIZER.tokenString(id); }
            public int vocabSize() { return Answers.TOKENIZER.vocabSize(); }
            public TagIds tags() { return swapped; }
            public void close() { }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnswerTokens.of(g, other));
        assertTrue(e.getMessage().contains("the tokenizer that built it"), e.getMessage());
    }
}
