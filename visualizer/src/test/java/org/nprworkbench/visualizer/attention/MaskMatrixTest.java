package org.nprworkbench.visualizer.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.visualizer.Answers;
import org.nprworkbench.visualizer.tokens.AnswerTokens;

/** The mask matrix picture and the per-token visibility it is made of. */
class MaskMatrixTest {
    private final ExecutionGraph graph = Answers.text(Answers.TWO_BLOCKS);
    private final AnswerTokens tokens = AnswerTokens.of(graph, Answers.TOKENIZER);
    private final List<GraphNode> steps = graph.nodes().stream().filter(n -> n.kind() == NodeKind.STEP).toList();

    @Test
    void visibilityNamesSiblingsAndTheFuture() {
        GraphNode s1 = steps.get(0);
        GraphNode s3 = steps.get(2);
        int q = s3.firstToken() + 4;
        assertEquals(Visibility.HIDDEN_SIBLING, Visibility.of(tokens, q, s1.firstToken() + 4));
        assertEquals(Visibility.VISIBLE, Visibility.of(tokens, q, s3.firstToken()));
        assertEquals(Visibility.VISIBLE, Visibility.of(tokens, q, 0));
        assertEquals(Visibility.FUTURE, Visibility.of(tokens, q, q + 1));
    }

    @Test
    void oneCellPerTokenIsTheMaskItself() {
        int n = graph.totalTokens();
        MaskMatrix m = MaskMatrix.of(tokens, 100_000);
        assertEquals(n, m.size());
        int p = graph.promptLength();
        for (int r = 0; r < n; r += 7) {
            for (int c = 0; c < n; c += 5) {
                int expected = switch (Visibility.of(tokens, p + r, p + c)) {
                    case VISIBLE -> MaskMatrix.VISIBLE;
                    case HIDDEN_SIBLING -> MaskMatrix.HIDDEN_SIBLING;
                    case FUTURE -> MaskMatrix.FUTURE;
                };
                assertEquals(expected, m.pixel(r, c), "cell " + r + "," + c);
            }
        }
        assertEquals(-1, m.cellOf(0), "prompt tokens have no cell");
        assertEquals(5, m.cellOf(p + 5));
    }

    @Test
    void aSmallPictureKeepsTheSiblingSquares() {
        MaskMatrix m = MaskMatrix.of(tokens, 24);
        assertEquals(24, m.size());
        GraphNode longest = steps.get(1); // branch 2 of block 1 is long enough to own whole cells
        GraphNode first = steps.get(0);
        int r = m.cellOf(longest.firstToken() + longest.tokenCount() / 2);
        int c = m.cellOf(first.firstToken() + first.tokenCount() / 2);
        assertTrue(r > c);
        assertEquals(MaskMatrix.HIDDEN_SIBLING, m.pixel(r, c), "branch 2 cannot see branch 1");
        assertEquals(MaskMatrix.FUTURE, m.pixel(c, r), "nor the other way round (the future)");
        assertEquals(MaskMatrix.VISIBLE, m.pixel(23, 0), "the answer sees the start");
        assertEquals(MaskMatrix.FUTURE, m.pixel(0, 23));
        assertEquals(24 * 24, m.pixels().length);
    }
}
