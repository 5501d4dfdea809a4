package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code npr bench trainer} end to end on the micro model with tiny sizes: snake_case JSON keys and sane figures. */
class BenchTrainerCommandTest {

    @Test
    void trainerBenchmarkReportsSftAndRlFiguresAsJson() {
        CliRun r = CliRun.of("bench", "trainer", "--size", "micro", "--batch", "2", "--repetitions", "1", "--prompts", "1",
                "--samples", "2", "--max-tokens", "12", "--json");
        assertEquals(0, r.status(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        for (String k : List.of("forward_tokens_per_second", "sft_tokens_per_second", "parallel_forward_tokens_per_second",
                "parallel_sft_tokens_per_second")) {
            assertTrue(o.get(k).getAsDouble() > 0, k + " in " + o);
        }
        // one repetition: each ratio is that repetition's paired ratio, i.e. the ratio of the two rates
        assertEquals(o.get("sft_tokens_per_second").getAsDouble() / o.get("forward_tokens_per_second").getAsDouble(),
                o.get("sft_over_forward").getAsDouble(), 1e-9);
        assertEquals(o.get("parallel_sft_tokens_per_second").getAsDouble() / o.get("sft_tokens_per_second").getAsDouble(),
                o.get("parallel_over_causal_sft").getAsDouble(), 1e-9);
        assertTrue(o.get("mean_sequence_tokens").getAsDouble() > 10, o.toString());
        assertEquals(2, o.get("sft_sequences").getAsInt());
        for (String step : List.of("dapo", "papo")) {
            JsonObject s = o.getAsJsonObject(step);
            assertEquals(2, s.get("trained_sequences").getAsInt(), step + ": " + s);
            assertEquals(2, s.get("recorded_rollouts").getAsInt(), step + ": " + s);
            assertTrue(s.get("generated_tokens").getAsLong() > 0, step + ": " + s);
            assertTrue(s.get("rollout_seconds").getAsDouble() > 0 && s.get("update_seconds").getAsDouble() > 0
                    && s.get("store_seconds").getAsDouble() > 0, step + ": " + s);
            double shares = 0;
            for (String k : List.of("rollout_share", "old_log_prob_share", "update_share", "store_share")) {
                double v = s.get(k).getAsDouble();
                assertTrue(v >= 0 && v <= 1, step + " " + k + " = " + v);
                shares += k.equals("store_share") ? 0 : v;
            }
            assertEquals(1.0, shares, 1e-9, step + ": rollout + old log-prob + update is the step");
            assertEquals(s.get("rollout_seconds").getAsDouble() + s.get("old_log_prob_seconds").getAsDouble()
                    + s.get("update_seconds").getAsDouble(), s.get("step_seconds").getAsDouble(), 1e-9);
        }
        assertTrue(o.getAsJsonObject("dapo").get("old_log_prob_seconds").getAsDouble() > 0, "DAPO recomputes pi_old");
        assertEquals(0.0, o.getAsJsonObject("papo").get("old_log_prob_seconds").getAsDouble(), "PAPO has no old-log-prob pass");
        assertEquals("sequential", o.getAsJsonObject("dapo").get("engine").getAsString());
        assertEquals("parallel", o.getAsJsonObject("papo").get("engine").getAsString());
    }

    @Test
    void badSizesAreRefused() {
        CliRun r = CliRun.of("bench", "trainer", "--size", "micro", "--max-tokens", "2");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--max-tokens 2"), r.err());
    }
}
