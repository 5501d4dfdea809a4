package org.nprworkbench.engine.model;

import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.input.BadInputException;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Parses {@code --device cpu|cuda|cuda:N} and picks the default: the first GPU when DJL sees one. */
public final class Devices {
    private Devices() {
    }

    /** The device named by {@code spec}; null or blank means the default. */
    public static Device select(String spec) {
        DjlBootstrap.init();
        if (spec == null || spec.isBlank()) {
            return Engine.getInstance().getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
        }
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.equals("cuda") || s.equals("gpu") || s.matches("(cuda|gpu):\\d+")) {
            int n = s.contains(":") ? Integer.parseInt(s.substring(s.indexOf(':') + 1)) : 0;
            int gpus = Engine.getInstance().getGpuCount();
            if (n >= gpus) {
                throw new BadInputException("--device " + spec + ": DJL sees " + gpus + " GPU(s)"
                        + (gpus == 0 ? "; this build runs on the CPU (build with NPR_GPU=1 on a CUDA machine)" : ""));
            }
            return Device.gpu(n);
        }
        throw new BadInputException("--device " + spec + ": expected cpu, cuda or cuda:N");
    }

    /**
     * The device as {@code --device} spells it ({@code cpu}, {@code cuda:N}): what the run store records.
     */
    public static String name(Device d) {
        return d.isGpu() ? "cuda:" + d.getDeviceId() : "cpu";
    }

    /**
     * A recorded device name in {@code --device} spelling; older runs recorded DJL's {@code cpu()} and
     * {@code gpu(N)}, which this rewrites. Anything else is returned as it is.
     */
    public static String name(String recorded) {
        if (recorded == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(cpu|gpu)\\((\\d*)\\)").matcher(recorded.trim());
        if (!m.matches()) {
            return recorded;
        }
        return m.group(1).equals("cpu") ? "cpu" : "cuda:" + (m.group(2).isEmpty() ? "0" : m.group(2));
    }

    /** A short description of the device for logs and the GUI. */
    public static String describe(Device d) {
        return d.isGpu() ? "cuda:" + d.getDeviceId() : "cpu (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }
}
