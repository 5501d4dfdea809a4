package org.nprworkbench.app.gui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.fixture.CurrentThreadTasks;
import org.nprworkbench.app.gui.fixture.RecordedDialogs;
import org.nprworkbench.app.gui.fixture.RecordedRuns;
import org.nprworkbench.app.gui.state.SelectionState;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;

/** The run browser without a window: rows from a real run store, the run page, rename, delete, actions. */
class RunsViewModelTest {
    @TempDir
    Path dir;

    private DataHome home;
    private final CurrentThreadTasks tasks = new CurrentThreadTasks();
    private final RecordedDialogs dialogs = new RecordedDialogs();
    private final SelectionState selection = new SelectionState();
    private final List<String> actions = new ArrayList<>();
    private RunsViewModel vm;

    @BeforeEach
    void page() {
        home = new DataHome(dir).ensure();
        vm = new RunsViewModel(home, tasks, dialogs, selection);
        vm.setActions(new RunsViewModel.Actions() {
            @Override
            public void open(String run) {
                actions.add("open " + run);
            }

            @Override
            public void overlay(String run) {
                actions.add("overlay " + run);
            }

            @Override
            public void resume(String run) {
                actions.add("resume " + run);
            }
        });
    }

    @Test
    void anEmptyHomeListsNothingAndCreatesNoDatabase() {
        vm.refresh();
        assertTrue(vm.rows().isEmpty());
        assertTrue(!java.nio.file.Files.exists(RunStore.fileOf(home)));
        assertTrue(dialogs.errors().isEmpty());
    }

    @Test
    void rowsShowStatusStagesBestAccuracyAndTheLastParallelRate() {
        RecordedRuns.record(home, "full", List.of(StageKind.SEED, StageKind.ZERO, StageKind.BETA, StageKind.PAPO,
                StageKind.SR_BETA, StageKind.SR), 2, 2, RunStatus.FINISHED);
        RecordedRuns.record(home, "halted", List.of(StageKind.SEED), 4, 1, RunStatus.STOPPED);
        vm.refresh();
        assertEquals(2, vm.rows().size());
        RunRow full = vm.rows().stream().filter(r -> r.name().equals("full")).findFirst().orElseThrow();
        assertEquals("finished", full.status());
        assertEquals("digitsum", full.task());
        assertEquals("seed,zero,beta,papo,sr-beta,sr", full.stages());
        assertEquals(RecordedRuns.value(MetricNames.NPR_PARALLEL_RATE, StageKind.SR, 2), full.parallelRate(), 1e-12);
        double best = 0;
        for (StageKind k : List.of(StageKind.ZERO, StageKind.BETA, StageKind.PAPO, StageKind.SR_BETA, StageKind.SR)) {
            best = Math.max(best, RecordedRuns.value(MetricNames.SCORE_MEAN, k, 2));
        }
        assertEquals(best, full.bestAccuracy(), 1e-12);
        RunRow halted = vm.rows().stream().filter(r -> r.name().equals("halted")).findFirst().orElseThrow();
        assertNull(halted.bestAccuracy(), "a seed-only run has a loss, no accuracy");
        assertNull(halted.parallelRate());

        vm.filterProperty().set("STOPPED");
        assertEquals(List.of("halted"), vm.rows().stream().map(RunRow::name).toList());
        vm.filterProperty().set("sr-beta");
        assertEquals(List.of("full"), vm.rows().stream().map(RunRow::name).toList());
    }

    @Test
    void theRunPageShowsConfigStagesLineageAndEvents() {
        RecordedRuns.record(home, "full", List.of(StageKind.SEED, StageKind.ZERO, StageKind.BETA, StageKind.PAPO,
                StageKind.SR_BETA, StageKind.SR), 2, 2, RunStatus.FINISHED);
        vm.refresh();
        vm.selectedProperty().set("full");
        RunPage p = vm.pageProperty().get();
        assertEquals("full", selection.runProperty().get());
        assertEquals("full", p.name());
        assertTrue(p.summary().startsWith("finished \u00b7 task digitsum \u00b7 preset smoke \u00b7 device cpu \u00b7"), p.summary());
        assertEquals("preset", p.config().get(0)[0]);
        assertEquals("smoke", p.config().get(0)[1]);
        assertEquals(6, p.stages().size());
        assertTrue(p.stages().get(0).startsWith("seed     finished    2 steps"), p.stages().get(0));
        assertEquals(List.of("seed (step 2)", "zero (step 2)", "corpus", "beta (step 2)", "papo (step 2)"), p.chain());
        // the fixture chains every stage on the one before it: sr-beta from papo, sr from sr-beta
        assertEquals(List.of("sr-beta (step 2) from papo", "sr (step 2) from sr-beta"), p.beside());
        assertEquals(1, p.events().size());
        assertTrue(p.events().get(0).endsWith("info  recorded by the test"), p.events().get(0));
    }

    @Test
    void renameAndDeleteAskAndChangeTheStore() {
        RecordedRuns.record(home, "old", List.of(StageKind.SEED), 2, 2, RunStatus.FINISHED);
        RecordedRuns.record(home, "other", List.of(StageKind.SEED), 2, 2, RunStatus.FINISHED);
        vm.refresh();
        vm.selectedProperty().set("old");
        vm.rename("old", "new");
        assertEquals("new", vm.selectedProperty().get());
        assertEquals(List.of("new", "other"), vm.rows().stream().map(RunRow::name).sorted().toList());

        vm.rename("new", "other");
        assertEquals(1, dialogs.errors().size());
        assertTrue(dialogs.errors().get(0).startsWith("Cannot rename run new"), dialogs.errors().get(0));

        List<String> asked = new ArrayList<>();
        vm.confirmationProperty().set((header, message) -> {
            asked.add(header + " " + message);
            return false;
        });
        vm.delete("new");
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).startsWith("Delete run new? Run new (finished): 1 stages, 2 metric rows"), asked.get(0));
        assertEquals(2, vm.rows().size(), "declined: nothing deleted");
        vm.confirmationProperty().set((header, message) -> true);
        vm.delete("new");
        assertEquals(List.of("other"), vm.rows().stream().map(RunRow::name).toList());
        assertNull(vm.selectedProperty().get());
        assertNull(vm.pageProperty().get());
    }

    @Test
    void openOverlayAndResumeGoToTheTrainingPageAndAFinishedRunIsNotResumed() {
        RecordedRuns.record(home, "halted", List.of(StageKind.SEED), 4, 1, RunStatus.STOPPED);
        RecordedRuns.record(home, "done", List.of(StageKind.SEED), 2, 2, RunStatus.FINISHED);
        vm.refresh();
        vm.open("done");
        vm.overlay("halted");
        vm.resume("halted");
        vm.resume("done");
        assertEquals(List.of("open done", "overlay halted", "resume halted"), actions);
        assertEquals(1, dialogs.information().size());
        assertTrue(dialogs.information().get(0).startsWith("Run done is finished"), dialogs.information().get(0));
    }
}
