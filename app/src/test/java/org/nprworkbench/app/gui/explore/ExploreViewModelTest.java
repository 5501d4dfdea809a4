package org.nprworkbench.app.gui.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.checkpoint.CheckpointScanner;
import org.nprworkbench.app.gui.fixture.CheckpointFolders;
import org.nprworkbench.app.gui.fixture.CurrentThreadTasks;
import org.nprworkbench.app.gui.fixture.RecordedDialogs;
import org.nprworkbench.app.gui.state.SelectionState;
import org.nprworkbench.engine.graph.NodeKind;

/** The Explore page's state without a window: example, imported traces, stepping, solving, errors. */
class ExploreViewModelTest {
    @TempDir
    Path dir;

    private final CurrentThreadTasks tasks = new CurrentThreadTasks();
    private final RecordedDialogs dialogs = new RecordedDialogs();
    private final SelectionState selection = new SelectionState();
    private final ExploreViewModel vm = new ExploreViewModel(tasks, dialogs, selection);

    private static long steps(ExploredAnswer a) {
        return a.model().graph().nodes().stream().filter(n -> n.kind() == NodeKind.STEP).count();
    }

    @Test
    void withoutACheckpointTheFirstVisitOpensTheSeedCorpusExample() {
        vm.start();
        ExploredAnswer a = vm.currentProperty().get();
        assertNotNull(a);
        assertTrue(vm.exampleProperty().get());
        assertTrue(a.model().graph().valid(), "the seed corpus writes well-formed NPR");
        assertTrue(steps(a) >= 2, "the example branches: " + steps(a));
        assertTrue(a.model().totals().verdict().correct(), "the solver's answer is right");
        assertEquals(a.model().totals().verdict().expected(), a.model().graph().answer());
        assertNull(a.breakReason());
        assertEquals("1 of 1", vm.positionProperty().get());
        assertTrue(dialogs.errors().isEmpty(), dialogs.errors().toString());
        assertEquals("./npr train seed --run demo", ExploreViewModel.SEED_COMMAND);
    }

    @Test
    void aFileOfSeveralTracesIsSteppedThrough() throws Exception {
        Path file = ExploreTraces.jsonl(dir.resolve("outputs.jsonl"), ExploreTraces.TWO_BLOCKS,
                ExploreTraces.MALFORMED, "Just text. \\boxed{3}");
        vm.openTrace(file);
        assertEquals(3, vm.answers().size());
        assertEquals("1 of 3", vm.positionProperty().get());
        assertFalse(vm.hasPreviousProperty().get());
        assertTrue(vm.hasNextProperty().get());
        assertEquals(5, steps(vm.currentProperty().get()));
        assertTrue(vm.currentProperty().get().title().contains("line 1"), vm.currentProperty().get().title());
        assertFalse(vm.exampleProperty().get());
        vm.next();
        assertEquals("2 of 3", vm.positionProperty().get());
        String reason = vm.currentProperty().get().breakReason();
        assertNotNull(reason, "the malformed trace opens with its break");
        assertTrue(reason.startsWith("Malformed at token "), reason);
        vm.next();
        vm.next();
        assertEquals("3 of 3", vm.positionProperty().get());
        assertFalse(vm.hasNextProperty().get());
        vm.previous();
        assertEquals(1, vm.indexProperty().get());
    }

    @Test
    void aBrokenFileIsReportedWithItsLineAndLeavesTheOpenAnswers() throws Exception {
        vm.openTrace(ExploreTraces.jsonl(dir.resolve("good.jsonl"), ExploreTraces.TWO_BLOCKS));
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"response\": \"ok\"}\n{\"response\": \n");
        vm.openTrace(bad);
        String error = vm.errorProperty().get();
        assertNotNull(error);
        assertTrue(error.contains("bad.jsonl") && error.contains("line 2"), error);
        assertEquals(1, dialogs.errors().size());
        assertEquals(1, vm.answers().size(), "the open answer stays");
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void solvingWithoutACheckpointSaysWhatToDo() {
        vm.problemTextProperty().set("1 + 2 = ?");
        vm.solve();
        assertTrue(vm.errorProperty().get().contains("pick a checkpoint"), vm.errorProperty().get());
        assertTrue(vm.answers().isEmpty());
    }

    @Test
    void theSelectedCheckpointSolvesATestProblemWithSeveralSamples() throws Exception {
        Path ck = CheckpointFolders.micro(dir.resolve("micro"));
        selection.checkpointProperty().set(CheckpointScanner.open(ck));
        assertEquals(ck, vm.checkpointProperty().get());
        vm.samplesProperty().set(2);
        vm.maxTokensProperty().set(48);
        vm.start();
        assertEquals(vm.taskNames().get(0), vm.taskProperty().get());
        assertEquals(ExploreViewModel.PROBLEMS_OFFERED, vm.problems().size());
        assertNotNull(vm.pickedProperty().get(), "a test problem was picked");
        assertTrue(dialogs.errors().isEmpty(), dialogs.errors().toString());
        assertEquals(2, vm.answers().size());
        ExploredAnswer first = vm.answers().get(0);
        assertTrue(first.title().startsWith("Sample 1 of 2 \u00b7 seed 0 \u00b7 parallel"), first.title());
        assertEquals(vm.pickedProperty().get().text(), first.problem());
        assertTrue(first.model().graph().nodes().size() >= 2, "prompt and answer at least");
        assertTrue(first.model().graph().totalTokens() > 0);
        assertNotNull(first.model().totals().verdict(), "a picked problem is judged");
        assertTrue(vm.answers().get(1).title().contains("seed 1"));
        assertFalse(vm.exampleProperty().get());

        vm.problemTextProperty().set("typed by hand");
        assertNull(vm.pickedProperty().get(), "typing over the problem drops its reference answer");
    }
}
