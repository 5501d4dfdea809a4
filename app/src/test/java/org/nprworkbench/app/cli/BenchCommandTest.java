package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code npr bench engine} end to end on the micro model: figures in JSON, progress on stderr, bad options refused. */
class BenchCommandTest {

    @Test
    void engineBenchmarkReportsReplaySampledAndMemoryAsJson() {
        CliRun r = CliRun.of("bench", "engine", "--size", "micro", "--traces", "1", "--blocks", "1", "--branches", "3",
                "--step-tokens", "40", "--prompts", "1", "--samples", "2", "--max-tokens", "24", "--repetitions", "1",
                "--json");
        assertEquals(0, r.status(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject replay = o.getAsJsonObject("replay");
        double t = replay.get("mean_t").getAsDouble();
        double c = replay.get("mean_c").getAsDouble();
        assertTrue(c > 0 && t / c > 1.5, "3 branches of ~40 tokens give T/C well above 1: " + replay);
        assertEquals(t / c, replay.get("structural_limit").getAsDouble(), 1e-9);
        assertEquals(replay.get("sequential_seconds").getAsDouble() / replay.get("parallel_seconds").getAsDouble(),
                replay.get("speedup").getAsDouble(), 1e-9, "one repetition: the speedup is its paired ratio");
        JsonObject memory = o.getAsJsonObject("memory");
        assertTrue(memory.get("ratio").getAsDouble() > 2, "three branches over a 400-token prompt share it: " + memory);
        JsonObject sampled = o.getAsJsonObject("sampled");
        assertEquals(2, sampled.get("samples_each").getAsInt());
        assertTrue(sampled.get("parallel_tps").getAsDouble() > 0 && sampled.get("sequential_tps").getAsDouble() > 0);
        assertTrue(r.err().contains("replay warm-up: sequential") && r.err().contains("replay 1/1")
                && r.err().contains("sampled 1/1, parallel engine"), r.err());
    }

    @Test
    void impossibleSettingsAreRefused() {
        CliRun r = CliRun.of("bench", "engine", "--size", "micro", "--branches", "9");
        assertEquals(2, r.status());
        assertEquals("npr: --branches 9: must be from 1 to 5\n", r.err().replace("\r", ""));
    }
}
