package org.nprworkbench.app.service;

import org.nprworkbench.engine.model.Devices;

import ai.djl.Device;

/**
 * Which device a model runs on, as the user wrote it ({@code cpu}, {@code cuda}, {@code cuda:N}, or
 * null for the GPU when DJL sees one). The command line and the window pass this to the services, so
 * that neither needs the engine's device code.
 *
 * @param spec the user's choice, or null for the default
 */
public record DeviceChoice(String spec) {
    /** The default: the GPU when DJL sees one, else the CPU. */
    public static DeviceChoice auto() {
        return new DeviceChoice(null);
    }

    /** The chosen device; a bad or unavailable choice is bad input. */
    public Device select() {
        return Devices.select(spec);
    }

    /** A device name as a run recorded it, in {@code --device} spelling ({@link Devices#name(String)}). */
    public static String name(String recorded) {
        return Devices.name(recorded);
    }

    /** A device in words, for reports ("CPU, 16 threads", "cuda:0 (NVIDIA H200)"). */
    public static String describe(Device device) {
        return Devices.describe(device);
    }
}
