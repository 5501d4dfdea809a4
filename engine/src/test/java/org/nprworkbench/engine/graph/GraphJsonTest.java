package org.nprworkbench.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.tokenizer.HfTokenizer;
import org.nprworkbench.input.BadInputException;

class GraphJsonTest {
    static HfTokenizer tokenizer;

    @BeforeAll
    static void open() {
        tokenizer = HfTokenizer.embedded();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static void assertSameGraph(ExecutionGraph a, ExecutionGraph b) {
        assertEquals(GraphJson.write(a), GraphJson.write(b));
        assertEquals(a.nodes().size(), b.nodes().size());
        for (int i = 0; i < a.nodes().size(); i++) {
            GraphNode x = a.nodes().get(i);
            GraphNode y = b.nodes().get(i);
            assertEquals(x.kind(), y.kind());
            assertEquals(x.text(), y.text());
            assertEquals(x.plans(), y.plans());
            assertArrayEquals(x.tokens(), y.tokens());
            assertArrayEquals(x.logProbs(), y.logProbs());
            assertArrayEquals(x.decodeSteps(), y.decodeSteps());
            assertEquals(x.firstPosition(), y.firstPosition());
        }
        assertEquals(a.edges(), b.edges());
        assertEquals(a.breakAt(), b.breakAt());
        assertEquals(a.formatViolations(), b.formatViolations());
        assertArrayEquals(a.branchesPerBlock(), b.branchesPerBlock());
        assertEquals(a.parallelism(), b.parallelism());
        assertEquals(a.wallTimeSeconds(), b.wallTimeSeconds());
    }

    @Test
    void anImportedGraphRoundTrips() {
        ExecutionGraph g = GraphBuilder.fromText("file.jsonl:3", GraphBuilderTest.PROMPT, GraphBuilderTest.RESPONSE, tokenizer);
        String json = GraphJson.write(g);
        assertTrue(json.startsWith("{\"schema\":\"npr-execution-graph/2\""), json.substring(0, 60));
        assertTrue(json.contains("\"format_score\":") && json.contains("\"branches_per_block\":") && !json.contains("formatScore"), "snake_case keys");
        assertTrue(!json.contains("\n"), "one line per graph");
        assertSameGraph(g, GraphJson.read(json, "test"));
    }

    @Test
    void aMalformedEngineGraphWithLogProbsRoundTrips() {
        String response = GraphBuilderTest.RESPONSE.replace("directly.</plan>", "directly.</plan><step>") + " \\boxed{}";
        int[] tokens = tokenizer.encode(response);
        float[] logProbs = new float[tokens.length];
        logProbs[3] = Float.NEGATIVE_INFINITY;
        logProbs[4] = -1.25e-7f;
        ExecutionGraph g = GraphBuilder.fromTokens("engine", tokens, 0, tokenizer,
                new DecodeTrace(IntStream.range(0, tokens.length).toArray(), logProbs, null), true, 0.125);
        ExecutionGraph back = GraphJson.read(GraphJson.write(g), "test");
        assertSameGraph(g, back);
        assertEquals(Float.NEGATIVE_INFINITY, back.nodes().get(1).logProbs()[3]);
        assertTrue(!back.valid() && back.breakAt() != null && !back.formatViolations().isEmpty());
    }

    @Test
    void foreignJsonIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> GraphJson.read("{\"a\": 1}", "x.json:2"));
        assertTrue(e.getMessage().startsWith("x.json:2: not an execution graph"), e.getMessage());
        assertThrows(BadInputException.class, () -> GraphJson.read("{\"schema\": ", "x.json:3"));
        assertThrows(BadInputException.class, () -> GraphJson.read("[1, 2]", "x.json:4"));
    }
}
