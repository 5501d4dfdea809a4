package org.nprworkbench.engine.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * After the engine starts, DJL's telemetry opt-out is in force and no connection was attempted.
 * Runs a fresh JVM whose environment and properties do NOT carry OPT_OUT_TRACKING (the surefire
 * settings would otherwise hide a bootstrap that forgot it), so only {@link DjlBootstrap} can set it.
 * The control run without the bootstrap shows that the probe does detect DJL's call home; the probe
 * intercepts it at the URL handler, before any socket exists, so nothing leaves the machine.
 */
class TelemetryOptOutTest {

    private static String probe(boolean bootstrap) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                TelemetryProbe.class.getName()));
        if (bootstrap) {
            cmd.add("bootstrap");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("OPT_OUT_TRACKING");
        pb.environment().remove("DJL_OFFLINE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void bootstrapOptsOutBeforeTheEngineStarts() throws Exception {
        String out = probe(true);
        assertTrue(out.contains("engine=PyTorch"), out);
        assertTrue(out.contains("OPT_OUT_TRACKING=true"), out);
        assertTrue(out.contains("offline=true"), out);
        assertTrue(out.contains("opened=[]"), "no connection attempted:\n" + out);
    }

    @Test
    void withoutTheBootstrapTheProbeSeesDjlCallHome() throws Exception {
        String out = probe(false);
        assertTrue(out.contains("OPT_OUT_TRACKING=null"), out);
        assertTrue(out.contains("169.254.169.254"), "the probe detects DJL's metadata request:\n" + out);
    }
}
