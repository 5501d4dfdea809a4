package org.nprworkbench.app.gui.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.fixture.CurrentThreadTasks;
import org.nprworkbench.engine.home.DataHome;

/** The Overview page's view model, without a window: the device probe and the commands to try. */
class OverviewViewModelTest {
    @TempDir
    Path dir;

    @Test
    void probesTheDeviceInTheBackgroundAndNamesPyTorch() {
        CurrentThreadTasks tasks = new CurrentThreadTasks();
        OverviewViewModel vm = new OverviewViewModel(new DataHome(dir), tasks);
        assertEquals("Detecting\u2026", vm.deviceProperty().get());
        vm.start();
        assertEquals(List.of("Detecting the compute device"), tasks.labels());
        String device = vm.deviceProperty().get();
        assertTrue(device.matches("PyTorch \\d+\\.\\d+\\.\\d+ \u00b7 (cpu|cuda).*"), device);
    }

    @Test
    void listsTheStarterCommandsForThisHomeAndTheMachine() {
        OverviewViewModel vm = new OverviewViewModel(new DataHome(dir), new CurrentThreadTasks());
        List<String> commands = vm.commands();
        assertEquals("npr model init --size tiny --out " + dir.resolve("checkpoints/tiny"), commands.get(0));
        assertEquals("npr --help", commands.get(commands.size() - 1));
        assertTrue(vm.runtime().startsWith("Java 17"), vm.runtime());
        assertTrue(vm.resources().matches("\\d+ CPU cores \u00b7 \\d+\\.\\d GB maximum heap"), vm.resources());
        assertEquals(dir, vm.home().root());
    }
}
