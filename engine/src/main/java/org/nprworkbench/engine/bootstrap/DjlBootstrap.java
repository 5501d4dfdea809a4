package org.nprworkbench.engine.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The one place where a JVM of ours prepares DJL. It must run before any DJL class initialises:
 * it opts out of DJL's telemetry (which otherwise contacts a cloud metadata address when the engine
 * starts) and turns on DJL's offline mode unless the user explicitly allowed downloads
 * ({@code NPR_ALLOW_DOWNLOADS=true}, {@code -Dnpr.allowDownloads=true}, or a build made with the
 * {@code gpu} Maven profile, which needs to fetch the CUDA build of PyTorch once).
 *
 * <p>Every entry point (the command line, the workbench, the tests through surefire) calls
 * {@link #init()}; {@code org.nprworkbench.engine.model.Device} and the checkpoint loader call it too,
 * so no path reaches DJL without it.
 */
public final class DjlBootstrap {
    private static volatile boolean done;
    private static volatile boolean downloadsAllowed;

    private DjlBootstrap() {
    }

    /** Idempotent. Sets the opt-out and offline properties; returns whether downloads are allowed. */
    public static synchronized boolean init() {
        if (done) {
            return downloadsAllowed;
        }
        System.setProperty("OPT_OUT_TRACKING", "true");
        downloadsAllowed = downloadsRequested();
        System.setProperty("ai.djl.offline", Boolean.toString(!downloadsAllowed));
        // One intra-op thread per core at most: more threads than cores is several times slower.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            String omp = System.getenv("OMP_NUM_THREADS");
            int threads = omp != null && omp.matches("\\d+") ? Integer.parseInt(omp)
                    : Runtime.getRuntime().availableProcessors();
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Math.max(1, threads)));
        }
        // Quiet DJL's own logging unless the user configured slf4j-simple otherwise.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // DJL probes for CUDA at engine start and warns on every CPU-only machine; that is expected here.
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        }
        done = true;
        return downloadsAllowed;
    }

    private static boolean downloadsRequested() {
        if (Boolean.parseBoolean(System.getProperty("npr.allowDownloads"))
                || Boolean.parseBoolean(System.getenv("NPR_ALLOW_DOWNLOADS"))) {
            return true;
        }
        try (InputStream in = DjlBootstrap.class.getResourceAsStream("/npr-build.properties")) {
            if (in == null) {
                return false;
            }
            Properties p = new Properties();
            p.load(in);
            return Boolean.parseBoolean(p.getProperty("npr.allowDownloads", "false"));
        } catch (IOException e) {
            return false;
        }
    }
}
