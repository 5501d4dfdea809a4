package org.nprworkbench.visualizer.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.graph.EdgeKind;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.visualizer.Answers;
import org.nprworkbench.visualizer.synthetic.SyntheticAnswer;

/** The computed graph layout: time down, branches side by side, blocks stacked, deterministic. */
class GraphLayoutTest {
    private static final double EPS = 1e-9;

    private static List<NodeBox> ofKind(GraphLayout l, NodeKind kind, int block, ExecutionGraph g) {
        return l.nodes().stream().filter(b -> b.kind() == kind && g.nodes().get(b.id()).block() == block).toList();
    }

    @Test
    void siblingsStartTogetherUnderTheirForkSideBySideAndTheJoinWaitsForTheLongest() {
        ExecutionGraph g = Answers.text(Answers.TWO_BLOCKS);
        GraphLayout l = GraphLayout.of(g);
        assertEquals(g.nodes().size(), l.nodes().size());
        for (int block = 0; block < 2; block++) {
            NodeBox guideline = ofKind(l, NodeKind.GUIDELINE, block, g).get(0);
            NodeBox takeaway = ofKind(l, NodeKind.TAKEAWAY, block, g).get(0);
            List<NodeBox> steps = ofKind(l, NodeKind.STEP, block, g);
            assertEquals(g.branchesPerBlock()[block], steps.size());
            double longestBottom = steps.stream().mapToDouble(NodeBox::bottom).max().orElseThrow();
            for (int k = 0; k < steps.size(); k++) {
                NodeBox s = steps.get(k);
                assertEquals(guideline.bottom() + GraphLayout.GAP, s.top(), EPS, "siblings start right under the fork");
                assertEquals(k, s.column());
                if (k > 0) {
                    assertTrue(steps.get(k - 1).right() < s.left(), "side by side, left to right, not overlapping");
                }
                assertTrue(s.left() >= guideline.left() - EPS && s.right() <= guideline.right() + EPS,
                        "the guideline spans its branches");
            }
            assertEquals(0, steps.stream().mapToDouble(NodeBox::x).sum(), EPS, "branches centred under the fork");
            assertEquals(longestBottom + GraphLayout.GAP, takeaway.top(), EPS, "the join sits under the longest branch");
        }
        // Longer branches are taller (block 1: branch 2 > branch 1 > branch 3 in tokens).
        List<NodeBox> steps = ofKind(l, NodeKind.STEP, 0, g);
        assertTrue(steps.get(1).tokens() > steps.get(0).tokens() && steps.get(0).tokens() > steps.get(2).tokens());
        assertTrue(steps.get(1).height() > steps.get(0).height() && steps.get(0).height() > steps.get(2).height());
        // Blocks are stacked in order, time runs down.
        assertEquals(2, l.blocks().size());
        assertTrue(l.blocks().get(0).bottom() <= l.blocks().get(1).top());
        for (int i = 1; i < l.nodes().size(); i++) {
            NodeKind k = l.nodes().get(i).kind();
            if (k != NodeKind.STEP) {
                assertTrue(l.nodes().get(i).top() > l.nodes().get(i - 1).top(), "sequential nodes go down: node " + i);
            }
        }
    }

    @Test
    void theSameAnswerAlwaysLooksTheSame() {
        GraphLayout a = GraphLayout.of(Answers.text(Answers.TWO_BLOCKS));
        GraphLayout b = GraphLayout.of(Answers.text(Answers.TWO_BLOCKS));
        assertEquals(a.nodes(), b.nodes());
        assertEquals(a.edges(), b.edges());
        assertEquals(a.blocks(), b.blocks());
        assertEquals(a.ticks(), b.ticks());
    }

    @Test
    void theCriticalPathRunsThroughTheLongestBranchOfEachBlock() {
        ExecutionGraph g = Answers.text(Answers.TWO_BLOCKS);
        GraphLayout l = GraphLayout.of(g);
        List<NodeBox> critical = l.nodes().stream().filter(NodeBox::critical).toList();
        assertFalse(l.nodes().get(0).critical(), "the prompt is not part of C");
        List<NodeBox> steps = critical.stream().filter(b -> b.kind() == NodeKind.STEP).toList();
        assertEquals(List.of("step 2 · ", "step 1 · "), steps.stream().map(b -> b.label().substring(0, 9)).toList());
        // The critical nodes cover C positions: their spans, clipped, add up to C.
        int covered = critical.stream().mapToInt(b -> {
            var n = g.nodes().get(b.id());
            return n.lastPosition() - n.firstPosition() + 1;
        }).sum();
        assertTrue(covered >= g.criticalPath(), covered + " < C = " + g.criticalPath());
        long criticalForks = l.edges().stream().filter(e -> e.kind() == EdgeKind.FORK && e.critical()).count();
        long criticalJoins = l.edges().stream().filter(e -> e.kind() == EdgeKind.JOIN && e.critical()).count();
        assertEquals(2, criticalForks, "one fork edge per block");
        assertEquals(2, criticalJoins, "one join edge per block");
        assertEquals(g.edges().size(), l.edges().size());
    }

    @Test
    void labelsNameKindPlanAndTokens() {
        ExecutionGraph g = Answers.text(Answers.TWO_BLOCKS);
        GraphLayout l = GraphLayout.of(g);
        assertEquals("prompt · " + g.promptLength() + " tok", l.nodes().get(0).label());
        assertEquals("text · " + g.nodes().get(1).tokenCount() + " tok", l.nodes().get(1).label());
        assertTrue(l.nodes().get(2).label().startsWith("guideline · 3 plans · "), l.nodes().get(2).label());
        assertEquals("step 3 · " + g.nodes().get(5).tokenCount() + " tok", l.nodes().get(5).label());
        assertTrue(l.nodes().get(l.nodes().size() - 1).label().startsWith("answer · "));
    }

    @Test
    void aTruncatedBranchIsCutAndAMidSequenceBreakIsMalformed() {
        String truncated = Answers.TWO_BLOCKS.substring(0, Answers.TWO_BLOCKS.indexOf("so it is composite;"));
        GraphLayout cut = GraphLayout.of(Answers.text(truncated));
        NodeBox last = cut.nodes().get(cut.nodes().size() - 1);
        assertEquals(NodeKind.STEP, last.kind());
        assertEquals(NodeMark.CUT, last.mark());
        assertTrue(last.markNote().startsWith("cut short: ends before </step> (UNCLOSED_STEP"), last.markNote());
        assertEquals(NodeMark.NONE, cut.nodes().get(3).mark(), "the closed first branch is fine");
        assertNull(cut.nodes().get(3).markNote());

        String broken = Answers.TWO_BLOCKS.replace("3: 7*55", "<guideline> 3: 7*55");
        GraphLayout bad = GraphLayout.of(Answers.text(broken));
        NodeBox tail = bad.nodes().get(bad.nodes().size() - 1);
        assertEquals(NodeKind.MALFORMED, tail.kind());
        assertEquals(NodeMark.MALFORMED, tail.mark());
        assertTrue(tail.markNote().contains("NESTED_STEP") || tail.markNote().contains("NESTED_GUIDELINE"), tail.markNote());
        NodeBox before = bad.nodes().get(bad.nodes().size() - 2);
        assertTrue(tail.top() > before.top());
    }

    @Test
    void theRulerMarksRoundPositionsDownwards() {
        ExecutionGraph g = Answers.text(Answers.TWO_BLOCKS);
        GraphLayout l = GraphLayout.of(g);
        assertFalse(l.ticks().isEmpty());
        for (int i = 1; i < l.ticks().size(); i++) {
            TimeTick a = l.ticks().get(i - 1);
            TimeTick b = l.ticks().get(i);
            assertTrue(b.position() > a.position() && b.y() >= a.y() + 3 * GraphLayout.GAP);
            assertEquals(l.y(b.position()), b.y(), EPS);
        }
        assertEquals(l.y(g.nodes().get(2).firstPosition()), l.nodes().get(2).top(), EPS);
        assertEquals(10, GraphLayout.niceStep(7.5));
        assertEquals(50, GraphLayout.niceStep(21));
        assertEquals(1, GraphLayout.niceStep(0.3));
    }

    private static void assertNoOverlap(GraphLayout l) {
        List<NodeBox> boxes = l.nodes();
        for (int i = 0; i < boxes.size(); i++) {
            NodeBox a = boxes.get(i);
            assertTrue(a.height() > 0 && a.width() > 0);
            for (int j = i + 1; j < boxes.size(); j++) {
                NodeBox b = boxes.get(j);
                boolean apart = a.right() <= b.left() || b.right() <= a.left()
                        || a.bottom() <= b.top() || b.bottom() <= a.top();
                assertTrue(apart, "nodes " + a.id() + " and " + b.id() + " overlap");
            }
        }
    }

    @Test
    void fiveHundredNodesNeverOverlap() {
        ExecutionGraph g = SyntheticAnswer.withNodes(500, 7, Answers.TOKENIZER);
        assertTrue(g.nodes().size() >= 500, "nodes: " + g.nodes().size());
        GraphLayout l = GraphLayout.of(g);
        assertNoOverlap(l);
        assertNotNull(l.blocks());
        assertEquals(g.blocks(), l.blocks().size());
    }

    @Test
    void brokenAnswersNeverOverlapEither() {
        String t = Answers.TWO_BLOCKS;
        for (String broken : List.of(t.replace("3: 7*55", "<guideline> 3: 7*55"), t.replace("2: 400", "<step>2: 400"),
                t.replace("Both give", "</step> Both give"), t.substring(0, t.indexOf("2: 156.25")),
                t.substring(0, t.indexOf("<takeaway>")), t.replace("<takeaway>\n391", "<guideline>\n391"))) {
            GraphLayout l = GraphLayout.of(Answers.text(broken));
            assertNoOverlap(l);
        }
        GraphLayout l = GraphLayout.of(Answers.text(t.replace("3: 7*55", "<guideline> 3: 7*55")));
        NodeBox tail = l.nodes().get(l.nodes().size() - 1);
        NodeBox before = l.nodes().get(l.nodes().size() - 2);
        assertEquals(NodeKind.MALFORMED, tail.kind());
        assertEquals(before.x(), tail.x(), EPS, "the tail continues its branch's column");
        assertEquals(before.bottom() + GraphLayout.GAP, tail.top(), EPS);
        assertTrue(before.critical() && tail.critical(), "the path runs through the branch the tail continues");
        assertEquals(1, l.nodes().stream().filter(b -> b.kind() == NodeKind.STEP && b.critical()).count());
    }
}
