package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphJson;

/** {@code npr solve} on a fresh micro checkpoint: both engines answer, JSON is an execution graph. */
class SolveCommandTest {
    @TempDir
    Path dir;

    @Test
    void solvesWithBothEnginesAndPrintsTheGraph() {
        Path ck = dir.resolve("ck");
        assertEquals(0, CliRun.of("model", "init", "--size", "micro", "--out", ck.toString()).status());
        for (String engine : new String[] {"parallel", "sequential"}) {
            CliRun text = CliRun.of("solve", "--checkpoint", ck.toString(), "--engine", engine, "--max-tokens", "40", "2+3?");
            assertEquals(0, text.status(), text.err());
            assertTrue(text.out().contains("T/C"), text.out());
            CliRun json = CliRun.of("solve", "--checkpoint", ck.toString(), "--engine", engine, "--max-tokens", "40",
                    "--json", "2+3?");
            assertEquals(0, json.status(), json.err());
            ExecutionGraph g = GraphJson.read(json.out(), "stdout");
            assertEquals(ExecutionGraph.SCHEMA, g.schema());
            assertTrue(g.totalTokens() >= 1 && g.totalTokens() <= 40, "T " + g.totalTokens());
        }
        CliRun bad = CliRun.of("solve", "--checkpoint", ck.toString(), "--engine", "fast", "x");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--engine fast"), bad.err());
    }
}
