package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code npr bench ui} end to end, headless, on a small graph: the graph view's figures in JSON. */
class BenchUiCommandTest {

    @Test
    void reportsTheGraphViewsOpenTimeAndPanPulses() {
        CliRun r = CliRun.of("bench", "ui", "--nodes", "40", "--pulses", "10", "--chart-seconds", "0.5", "--json");
        assertEquals(0, r.status(), r.err());
        JsonObject graph = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("graph");
        assertTrue(graph.get("nodes").getAsInt() >= 40, graph.toString());
        assertTrue(graph.get("open_ms").getAsDouble() > 0, graph.toString());
        assertTrue(graph.get("frames").getAsInt() >= 10, graph.toString());
        JsonObject charts = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("charts");
        assertEquals(12, charts.get("charts").getAsInt(), charts.toString());
        assertEquals(100_000, charts.get("points_per_series").getAsInt(), charts.toString());
        assertTrue(charts.get("frames").getAsInt() > 0, charts.toString());
        assertTrue(charts.get("frame_max_ms").getAsDouble() >= charts.get("frame_p99_ms").getAsDouble(), charts.toString());
        assertTrue(graph.get("max_pulse_ms").getAsDouble() >= graph.get("p99_pulse_ms").getAsDouble(), graph.toString());
    }

    @Test
    void aTooSmallGraphIsRefused() {
        CliRun r = CliRun.of("bench", "ui", "--nodes", "3");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--nodes 3"), r.err());
    }
}
