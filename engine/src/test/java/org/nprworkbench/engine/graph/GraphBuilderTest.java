package org.nprworkbench.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.schema.StructureRule;
import org.nprworkbench.engine.tokenizer.HfTokenizer;
import org.nprworkbench.tags.NprTags;

class GraphBuilderTest {
    static final String PROMPT = "Is 391 prime? Also compute 391 mod 7.";
    /** The valid example of npr-method.md §1.3, in the engine's layout (one \n after each tag). */
    static final String RESPONSE = """
            <guideline>
            <plan>1: Trial-divide 391 by primes up to 19.</plan>
            <plan>2: Try writing 391 as a difference of two squares.</plan>
            <plan>3: Compute 391 mod 7 directly.</plan>
            </guideline>
            <step>
            1: 391/17 = 23 exactly, so 391 = 17*23 and it is composite.
            </step>
            <step>
            2: 400 - 9 = 391 = (20-3)(20+3) = 17*23, so it is composite.
            </step>
            <step>
            3: 7*55 = 385, and 391 - 385 = 6, so the remainder is 6.
            </step>
            <takeaway>
            Steps 1 and 2 agree that 391 = 17*23 is composite. Step 3 gives remainder 6.
            </takeaway>
            391 is not prime (17*23), and 391 mod 7 = 6. \\boxed{6}""";

    static HfTokenizer tokenizer;

    @BeforeAll
    static void open() {
        tokenizer = HfTokenizer.embedded();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static List<NodeKind> kinds(ExecutionGraph g) {
        return g.nodes().stream().map(GraphNode::kind).toList();
    }

    private static int[] allTokens(ExecutionGraph g) {
        return g.nodes().stream().flatMapToInt(n -> IntStream.of(n.tokens())).toArray();
    }

    private static String allText(ExecutionGraph g) {
        return String.join("", g.nodes().stream().map(GraphNode::text).toList());
    }

    @Test
    void theSpecExampleBecomesForkAndJoin() throws MalformedStructureException {
        ExecutionGraph g = GraphBuilder.fromText("test", PROMPT, RESPONSE, tokenizer);
        assertEquals(List.of(NodeKind.PROMPT, NodeKind.GUIDELINE, NodeKind.STEP, NodeKind.STEP, NodeKind.STEP,
                NodeKind.TAKEAWAY, NodeKind.ANSWER), kinds(g));
        assertEquals(List.of(
                new GraphEdge(0, 1, EdgeKind.SEQUENCE),
                new GraphEdge(1, 2, EdgeKind.FORK), new GraphEdge(1, 3, EdgeKind.FORK), new GraphEdge(1, 4, EdgeKind.FORK),
                new GraphEdge(2, 5, EdgeKind.JOIN), new GraphEdge(3, 5, EdgeKind.JOIN), new GraphEdge(4, 5, EdgeKind.JOIN),
                new GraphEdge(5, 6, EdgeKind.SEQUENCE)), g.edges());
        assertTrue(g.valid());
        assertNull(g.breakAt());
        assertFalse(g.forked(), "imported text never forked");
        assertEquals(0.0, g.formatScore());
        assertEquals("6", g.answer());
        assertEquals(1, g.blocks());
        assertArrayEquals(new int[] {3}, g.branchesPerBlock());
        assertNull(g.wallTimeSeconds());

        GraphNode guideline = g.nodes().get(1);
        assertEquals(List.of("1", "2", "3"), guideline.plans().stream().map(PlanItem::label).toList());
        assertEquals("3: Compute 391 mod 7 directly.", guideline.plans().get(2).text());
        assertTrue(guideline.text().endsWith("</guideline>\n"), "the shared separator belongs to the guideline");
        for (int k = 0; k < 3; k++) {
            GraphNode step = g.nodes().get(2 + k);
            assertEquals(String.valueOf(k + 1), step.label());
            assertEquals(k, step.branch());
            assertEquals(0, step.block());
            assertTrue(step.text().startsWith("<step>") && step.text().endsWith("</step>\n"), step.text());
            assertEquals(guideline.lastPosition(), step.firstPosition(), "every sibling starts at g+1");
        }
        GraphNode takeaway = g.nodes().get(5);
        int longest = IntStream.range(2, 5).map(k -> g.nodes().get(k).lastPosition()).max().orElseThrow();
        assertEquals(longest, takeaway.firstPosition(), "the takeaway continues after the longest branch");
        assertEquals(-1, takeaway.firstDecodeStep());
        assertNull(takeaway.logProbs());
        assertNull(takeaway.decodeSteps(), "imported text has no decode steps");

        int[] expected = IntStream.concat(IntStream.of(tokenizer.encode(PROMPT)), IntStream.of(tokenizer.encode(RESPONSE))).toArray();
        assertArrayEquals(expected, allTokens(g), "nodes partition the sequence, tokenized as a whole");
        assertEquals(PROMPT + RESPONSE, allText(g));
        int promptLength = tokenizer.encode(PROMPT).length;
        assertEquals(promptLength, g.promptLength());
        ParallelLayout layout = ParallelLayout.of(expected, promptLength, tokenizer.tags());
        assertEquals(layout.totalTokens(), g.totalTokens());
        assertEquals(layout.criticalPath(), g.criticalPath());
        assertEquals(layout.parallelism(), g.parallelism());
        int[] spans = IntStream.range(2, 5).map(k -> g.nodes().get(k).tokenCount()).toArray();
        assertEquals(g.totalTokens() - 2 - (IntStream.of(spans).sum() - IntStream.of(spans).max().orElseThrow()),
                g.criticalPath(), "the shorter branches and the two overlapping separators are off the critical path");
        for (GraphNode n : g.nodes()) {
            assertEquals(n.tokens().length, n.tokenCount());
            assertEquals(layout.position(n.firstToken()), n.firstPosition());
            assertEquals(layout.position(n.firstToken() + n.tokenCount() - 1), n.lastPosition());
        }
    }

    @Test
    void aBreakInTheMiddleLeavesAMalformedTail() {
        String response = RESPONSE.replace("so the remainder is 6.", "<guideline> so the remainder is 6.");
        ExecutionGraph g = GraphBuilder.fromText("test", PROMPT, response, tokenizer);
        assertFalse(g.valid());
        assertEquals(StructureRule.NESTED_GUIDELINE, g.breakAt().rule());
        assertEquals(response.indexOf("<guideline> so"), g.breakAt().charOffset());
        int promptLength = tokenizer.encode(PROMPT).length;
        assertEquals(tokenizer.tags().guidelineOpen(), tokenizer.encode(PROMPT + response)[g.breakAt().tokenIndex()]);
        assertEquals(List.of(NodeKind.PROMPT, NodeKind.GUIDELINE, NodeKind.STEP, NodeKind.STEP, NodeKind.STEP,
                NodeKind.MALFORMED), kinds(g));
        GraphNode tail = g.nodes().get(5);
        assertEquals(response.substring(g.breakAt().charOffset()), tail.text());
        assertEquals(new GraphEdge(4, 5, EdgeKind.SEQUENCE), g.edges().get(g.edges().size() - 1));
        assertEquals(g.nodes().get(4).lastPosition() + 1, tail.firstPosition(), "the tail continues by one");
        assertEquals(PROMPT + response, allText(g));
        assertEquals(tokenizer.encode(response).length, g.totalTokens());
        assertTrue(g.breakAt().tokenIndex() >= promptLength);
        assertEquals(-0.4, g.formatScore(), 1e-12, "the grader only sees a step holding a tag");
    }

    @Test
    void aTruncatedAnswerBreaksAtTheUnclosedStep() {
        String response = RESPONSE.substring(0, RESPONSE.indexOf("2: 400"));
        ExecutionGraph g = GraphBuilder.fromText("test", null, response, tokenizer);
        assertEquals(StructureRule.UNCLOSED_STEP, g.breakAt().rule());
        assertEquals(response.lastIndexOf("<step>"), g.breakAt().charOffset());
        assertEquals(List.of(NodeKind.PROMPT, NodeKind.GUIDELINE, NodeKind.STEP, NodeKind.STEP), kinds(g));
        assertEquals("", g.nodes().get(0).text());
        assertEquals(0, g.promptLength());
        assertEquals(-1.5, g.formatScore());
    }

    @Test
    void plainTextIsOneSequentialAnswer() {
        ExecutionGraph g = GraphBuilder.fromText("test", "1+3?", "One plus three is four. \\boxed{4}", tokenizer);
        assertEquals(List.of(NodeKind.PROMPT, NodeKind.ANSWER), kinds(g));
        assertEquals(List.of(new GraphEdge(0, 1, EdgeKind.SEQUENCE)), g.edges());
        assertEquals(1.0, g.parallelism());
        assertEquals(0, g.blocks());
        assertEquals("4", g.answer());
        assertEquals(-1.5, g.formatScore(), "no block");
    }

    @Test
    void textBetweenBlocksIsSequentialText() {
        String block = "<guideline><plan>1: a</plan></guideline><step>1: b</step><takeaway>c</takeaway>";
        ExecutionGraph g = GraphBuilder.fromText("test", null, "think " + block + " again " + block + " \\boxed{1}", tokenizer);
        assertEquals(List.of(NodeKind.PROMPT, NodeKind.TEXT, NodeKind.GUIDELINE, NodeKind.STEP, NodeKind.TAKEAWAY,
                NodeKind.TEXT, NodeKind.GUIDELINE, NodeKind.STEP, NodeKind.TAKEAWAY, NodeKind.ANSWER), kinds(g));
        assertEquals(1, g.nodes().get(7).block());
        assertEquals(1.0, g.parallelism(), "single branches without separators");
    }

    @Test
    void engineTokensCarryDecodeSteps() {
        int[] prompt = tokenizer.encode(PROMPT);
        int[] response = tokenizer.encode(RESPONSE);
        int[] tokens = IntStream.concat(IntStream.of(prompt), IntStream.of(response)).toArray();
        int n = response.length;
        int[] steps = IntStream.range(0, n).map(i -> i % 7 == 0 ? -1 : i).toArray();
        float[] logProbs = new float[n];
        float[] entropies = new float[n];
        for (int i = 0; i < n; i++) {
            logProbs[i] = -0.01f * i;
            entropies[i] = 0.5f;
        }
        ExecutionGraph g = GraphBuilder.fromTokens("engine", tokens, prompt.length, tokenizer,
                new DecodeTrace(steps, logProbs, entropies), true, 2.5);
        assertTrue(g.forked());
        assertEquals(2.5, g.wallTimeSeconds());
        assertEquals(PROMPT + RESPONSE, allText(g));
        assertEquals(GraphBuilder.fromText("x", PROMPT, RESPONSE, tokenizer).criticalPath(), g.criticalPath());
        GraphNode step2 = g.nodes().get(3);
        int a = step2.firstToken() - prompt.length;
        int b = a + step2.tokenCount();
        assertEquals(IntStream.range(a, b).map(i -> steps[i]).filter(s -> s >= 0).min().orElseThrow(), step2.firstDecodeStep());
        assertEquals(b - 1 - ((b - 1) % 7 == 0 ? 1 : 0), step2.lastDecodeStep());
        assertEquals(logProbs[a], step2.logProbs()[0]);
        assertArrayEquals(java.util.Arrays.copyOfRange(steps, a, b), step2.decodeSteps(), "per-token decode steps");
        assertEquals(step2.tokenCount(), step2.entropies().length);
        assertNull(g.nodes().get(0).logProbs(), "the prompt has no log-probs");
        assertNull(g.nodes().get(0).decodeSteps(), "nor decode steps");
    }

    @Test
    void randomTokenStreamsAlwaysGiveAPartitioningGraph() {
        Random r = new Random(3);
        int[] tagIds = IntStream.range(0, 8).map(k -> tokenizer.encode(NprTags.ALL.get(k))[0]).toArray();
        int[] plain = tokenizer.encode("ab 1:\n");
        for (int n = 0; n < 500; n++) {
            int[] tokens = IntStream.range(0, r.nextInt(40))
                    .map(i -> r.nextInt(3) == 0 ? tagIds[r.nextInt(8)] : plain[r.nextInt(plain.length)]).toArray();
            int prompt = Math.min(tokens.length, r.nextInt(3));
            ExecutionGraph g = GraphBuilder.fromTokens("fuzz", tokens, prompt, tokenizer, DecodeTrace.NONE, false, null);
            assertArrayEquals(tokens, allTokens(g), "sequence " + n);
            assertEquals(tokenizer.decode(tokens), allText(g), "sequence " + n);
            assertEquals(g.valid(), g.breakAt() == null);
            assertEquals(tokens.length - prompt, g.totalTokens());
            assertTrue(g.criticalPath() <= g.totalTokens());
        }
    }
}
