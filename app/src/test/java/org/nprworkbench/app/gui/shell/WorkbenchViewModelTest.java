package org.nprworkbench.app.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.fixture.CheckpointFolders;
import org.nprworkbench.app.gui.fixture.CurrentThreadTasks;
import org.nprworkbench.app.gui.fixture.RecordedDialogs;
import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.engine.home.DataHome;

/** The window's view model, without a window: sections, the shared selection and the About box. */
class WorkbenchViewModelTest {
    @TempDir
    Path dir;

    private final CurrentThreadTasks tasks = new CurrentThreadTasks();
    private final RecordedDialogs dialogs = new RecordedDialogs();

    @Test
    void startsOnTheOverviewAndOpeningModelsRescansIt() throws Exception {
        DataHome home = new DataHome(dir).ensure();
        WorkbenchViewModel vm = new WorkbenchViewModel(home, tasks, dialogs);
        assertEquals(Section.OVERVIEW, vm.sectionProperty().get());
        vm.start();
        assertEquals(List.of("Detecting the compute device", "Scanning checkpoints", "Reading the checkpoint catalogue"), tasks.labels());
        assertTrue(vm.models().emptyProperty().get());

        CheckpointFolders.micro(home.checkpoints().resolve("micro"));
        vm.sectionProperty().set(Section.MODELS);
        assertEquals(1, vm.models().rows().size(), "switching to Models rescanned the folder");
    }

    @Test
    void theStatusBarSummaryFollowsTheSharedSelection() throws Exception {
        DataHome home = new DataHome(dir).ensure();
        CheckpointFolders.micro(home.checkpoints().resolve("good"));
        CheckpointFolders.truncated(home.checkpoints().resolve("cut"));
        WorkbenchViewModel vm = new WorkbenchViewModel(home, tasks, dialogs);
        vm.models().refresh();
        assertEquals("No checkpoint selected", vm.selectionSummary().get());

        vm.models().select(vm.models().rows().get(1));
        assertEquals("Checkpoint good", vm.selectionSummary().get());
        vm.models().select(vm.models().rows().get(0));
        assertEquals("Checkpoint cut (broken)", vm.selectionSummary().get());
        vm.selection().runProperty().set("demo");
        assertEquals("Run demo \u00b7 Checkpoint cut (broken)", vm.selectionSummary().get());
        vm.models().select(null);
        assertEquals("Run demo", vm.selectionSummary().get());
    }

    @Test
    void aboutNamesTheVersionRuntimeAndDataHome() {
        WorkbenchViewModel vm = new WorkbenchViewModel(new DataHome(dir), tasks, dialogs);
        vm.showAbout();
        assertEquals(1, dialogs.information().size());
        String about = dialogs.information().get(0);
        assertTrue(about.startsWith("NPR Workbench " + WorkbenchViewModel.version() + "\n"), about);
        assertTrue(about.contains(vm.runtime()), about);
        assertTrue(about.endsWith("Data home: " + dir), about);
        assertFalse(dialogs.errors().iterator().hasNext());
    }
}
