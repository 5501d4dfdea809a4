package org.nprworkbench.visualizer.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.visualizer.FxHarness;

/** The scale measurement runs headless and reports sane figures for a 500-node graph. */
class GraphViewBenchmarkTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxHarness.stage();
    }

    @Test
    void fiveHundredNodesOpenAndPan() throws Exception {
        GraphViewBenchmark.Result r = GraphViewBenchmark.run(500, 60, 1);
        System.out.println(r.toText());
        assertTrue(r.nodes() >= 500, r.toJson());
        assertTrue(r.frames() >= 100, r.toJson());
        assertTrue(r.openMs() > 0 && r.layoutMs() > 0 && r.layoutMs() < r.openMs(), r.toJson());
        assertTrue(r.maxPulseMs() >= r.p99PulseMs() && r.p99PulseMs() > 0, r.toJson());
        assertTrue(r.maxDrawMs() > 0, "GraphStream drew frames while panning: " + r.toJson());
        assertTrue(r.toJson().startsWith("{\"nodes\":"), r.toJson());
    }
}
