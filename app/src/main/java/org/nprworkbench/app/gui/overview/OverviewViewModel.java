package org.nprworkbench.app.gui.overview;

import java.util.List;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.nprworkbench.app.gui.environment.MachineInfo;
import org.nprworkbench.app.gui.environment.StarterCommands;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.visualizer.task.TaskRunner;

/**
 * The Overview page's state: where the data lives, the machine and its compute device (probed in the
 * background, since starting PyTorch takes a moment), and the commands to try.
 */
public final class OverviewViewModel {
    private final DataHome home;
    private final TaskRunner tasks;
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper(this, "device", "Detecting\u2026");

    /** The page for {@code home}; {@link #start()} begins the device probe on {@code tasks}. */
    public OverviewViewModel(DataHome home, TaskRunner tasks) {
        this.home = home;
        this.tasks = tasks;
    }

    /** Starts the compute-device probe in the background. */
    public void start() {
        tasks.run("Detecting the compute device", MachineInfo::computeDevice, device::set,
                e -> device.set("Unknown (" + e.getMessage() + ")"));
    }

    /** The data home whose folders the page lists. */
    public DataHome home() {
        return home;
    }

    /** The PyTorch engine and its default device, "Detecting…" until the probe finishes. */
    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    /** The JVM, JavaFX and operating system, in words. */
    public String runtime() {
        return MachineInfo.runtime();
    }

    /** The cores and the maximum heap, in words. */
    public String resources() {
        return MachineInfo.resources();
    }

    /** The first commands to try, written for this data home. */
    public List<String> commands() {
        return StarterCommands.all(home);
    }
}
