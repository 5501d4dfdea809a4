package org.nprworkbench.app.cli;

import org.nprworkbench.app.service.DeviceChoice;

import ai.djl.Device;

import picocli.CommandLine.Option;

/** The {@code --device} option every verb that runs a model shares. */
final class DeviceOption {
    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: the GPU when DJL sees one).")
    String device;

    /** The user's choice, for the services. */
    DeviceChoice choice() {
        return new DeviceChoice(device);
    }

    /** The chosen device; a bad or unavailable choice is bad input. */
    Device select() {
        return choice().select();
    }
}
