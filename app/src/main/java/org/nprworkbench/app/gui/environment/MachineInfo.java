package org.nprworkbench.app.gui.environment;

import java.util.Locale;

import ai.djl.engine.Engine;

import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.model.Devices;

/**
 * Describes the machine the workbench runs on, in words for the Overview and the status bar: the
 * JVM and operating system, the cores and heap, and the compute device the PyTorch engine sees.
 */
public final class MachineInfo {
    private static final String CUDA_LOG_LEVEL = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

    private MachineInfo() {
    }

    /** For example "Java 17.0.15 · JavaFX 21.0.11 · Linux 6.1.0 (amd64)". */
    public static String runtime() {
        String fx = System.getProperty("javafx.runtime.version");
        if (fx != null && fx.contains("+")) {
            fx = fx.substring(0, fx.indexOf('+'));
        }
        return "Java " + System.getProperty("java.version")
                + (fx == null ? "" : " \u00b7 JavaFX " + fx)
                + " \u00b7 " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " (" + System.getProperty("os.arch") + ")";
    }

    /** For example "16 CPU cores · 31.4 GB maximum heap". */
    public static String resources() {
        return Runtime.getRuntime().availableProcessors() + " CPU cores \u00b7 "
                + String.format(Locale.ROOT, "%.1f GB", Runtime.getRuntime().maxMemory() / 1e9)
                + " maximum heap";
    }

    /**
     * Starts the PyTorch engine (through {@link DjlBootstrap}, offline) and names the default device
     * of {@link Devices}, for example "PyTorch 2.7.1 · cpu (16 cores)" or "PyTorch 2.7.1 · cuda:0". Slow the
     * first time (the native library is extracted): call on a background thread. Never throws: a
     * missing engine is described as unavailable.
     */
    public static String computeDevice() {
        DjlBootstrap.init();
        // A machine without a usable CUDA driver is normal here: keep DJL's GPU-count warning quiet.
        if (System.getProperty(CUDA_LOG_LEVEL) == null) {
            System.setProperty(CUDA_LOG_LEVEL, "error");
        }
        try {
            return "PyTorch " + Engine.getEngine("PyTorch").getVersion() + " \u00b7 "
                    + Devices.describe(Devices.select(null));
        } catch (RuntimeException | LinkageError e) {
            return "PyTorch unavailable: " + e.getMessage();
        }
    }
}
