package org.nprworkbench.app.gui.viewmodel;

import java.util.List;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.nprworkbench.app.gui.environment.MachineInfo;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.visualizer.task.BackgroundTasks;

/** The Overview page: where the data lives, the machine and device, and the commands to try. */
public final class OverviewViewModel {
    private final DataHome home;
    private final BackgroundTasks tasks;
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper(this, "device", "Detecting\u2026");

    public OverviewViewModel(DataHome home, BackgroundTasks tasks) {
        this.home = home;
        this.tasks = tasks;
    }

    /** Starts the compute-device probe in the background. */
    public void start() {
        tasks.run("Detecting the compute device", MachineInfo::computeDevice, device::set,
                e -> device.set("Unknown (" + e.getMessage() + ")"));
    }

    public DataHome home() {
        return home;
    }

    /** The PyTorch engine and its default device, "Detecting…" until the probe finishes. */
    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    public String runtime() {
        return MachineInfo.runtime();
    }

    public String resources() {
        return MachineInfo.resources();
    }

    public List<String> commands() {
        return StarterCommands.all(home);
    }
}
