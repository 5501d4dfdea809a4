package org.nprworkbench.app.gui.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.checkpoint.CheckpointScanner;
import org.nprworkbench.app.gui.fixture.CheckpointFolders;
import org.nprworkbench.app.gui.fixture.CurrentThreadTasks;
import org.nprworkbench.app.gui.fixture.RecordedDialogs;
import org.nprworkbench.app.gui.state.SelectionState;
import org.nprworkbench.app.service.CheckpointCatalogue;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.RolloutKind;
import org.nprworkbench.trainer.store.RolloutRecord;
import org.nprworkbench.trainer.store.RunSpec;
import org.nprworkbench.trainer.store.RunStore;

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

    @Test
    void aRecordedRunsSamplesArePickedByStageAndStepAndOpen() throws Exception {
        DataHome home = new DataHome(dir.resolve("home")).ensure();
        try (RunStore store = RunStore.open(home)) {
            long id = store.createRun(new RunSpec("demo", "arithmetic", null, List.of(StageKind.SEED, StageKind.ZERO),
                    "{}", 1L, null)).id();
            store.startStage(id, StageKind.ZERO, null, null);
            List<RolloutRecord> rows = new ArrayList<>();
            for (long step : new long[] {1, 2}) {
                for (int sample = 0; sample < 2; sample++) {
                    rows.add(new RolloutRecord(StageKind.ZERO, step, RolloutKind.ROLLOUT, "p" + step, sample, "391 = ?",
                            ExploreTraces.TWO_BLOCKS, 1.0, sample == 0, 0.0, 100, 60, 5, null));
                }
            }
            store.recordRollouts(id, rows);
        }
        ExploreViewModel stored = new ExploreViewModel(tasks, dialogs, selection, home);
        stored.refreshStored();
        assertEquals(List.of("demo"), stored.storedRuns());
        stored.storedRunProperty().set("demo");
        assertEquals(List.of("zero"), stored.storedStages(), "only stages with samples");
        assertEquals(List.of(1L, 2L), stored.storedSteps());
        assertEquals(2L, stored.storedStepProperty().get(), "the latest step first");
        assertEquals(2, stored.storedRollouts().size());
        stored.storedStepProperty().set(1L);
        assertTrue(stored.storedRollouts().stream().allMatch(r -> r.rollout().step() == 1));
        stored.openStored(stored.storedRollouts().get(1));
        assertTrue(dialogs.errors().isEmpty(), dialogs.errors().toString());
        assertEquals("2 of 2", stored.positionProperty().get(), "the picked sample is shown, its step's others beside it");
        ExploredAnswer a = stored.currentProperty().get();
        assertEquals(5, steps(a), "rebuilt from the stored text");
        assertFalse(a.model().totals().verdict().correct(), "sample 1 was recorded wrong");
        assertTrue(a.title().startsWith("Run demo \u00b7 zero step 1 \u00b7 rollout"), a.title());
    }

    @Test
    void aBenchmarkFilesProblemsAreOfferedAndTheGraphIsWrittenAsPng() throws Exception {
        Path bench = Files.writeString(dir.resolve("bench.jsonl"),
                "{\"problem\": \"What is 2+3?\", \"answer\": \"5\"}\n{\"problem\": \"What is 4*4?\", \"answer\": \"16\"}\n");
        vm.loadBenchmark(bench);
        assertTrue(dialogs.errors().isEmpty(), dialogs.errors().toString());
        assertEquals(2, vm.problems().size());
        assertEquals("What is 2+3?", vm.problemTextProperty().get());
        assertEquals("5", vm.pickedProperty().get().answer(), "picked with its reference answer");

        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("graph.png");
        vm.exportGraph(image, png);
        assertEquals(40, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void theFirstVisitSolvesWithTheShippedCheckpointWhenTheCatalogueHasIt() throws Exception {
        DataHome home = new DataHome(dir.resolve("home")).ensure();
        Path ck = CheckpointFolders.micro(dir.resolve("npr"));
        new CheckpointCatalogue(home).add(ck, ExploreViewModel.QUICKSTART);
        ExploreViewModel first = new ExploreViewModel(tasks, dialogs, selection, home);
        first.maxTokensProperty().set(32);
        first.samplesProperty().set(1);
        first.start();
        assertTrue(dialogs.errors().isEmpty(), dialogs.errors().toString());
        assertEquals(ck, first.checkpointProperty().get());
        assertFalse(first.exampleProperty().get(), "a real answer, not the example");
        assertTrue(first.currentProperty().get().title().contains("parallel"), first.currentProperty().get().title());
        assertEquals("digitsum", first.taskProperty().get(), "the problems the quickstart checkpoints were trained for");
        String text = first.problemTextProperty().get();
        assertEquals(5, java.util.regex.Pattern.compile("\\b\\d{3}\\b").matcher(text).results().count(),
                "five numbers of three digits, as the quickstart preset's knobs say: " + text);

        ExploreViewModel without = new ExploreViewModel(tasks, dialogs, new SelectionState(), new DataHome(dir.resolve("empty")).ensure());
        without.start();
        assertTrue(without.exampleProperty().get(), "without it, the example and the seed-SFT path");
    }

    @Test
    void theSeedSftButtonTrainsARecordedRunAndSolvesWithIt() throws Exception {
        DataHome home = new DataHome(dir.resolve("home")).ensure();
        ExploreViewModel first = new ExploreViewModel(tasks, dialogs, new SelectionState(), home);
        first.maxTokensProperty().set(32);
        first.samplesProperty().set(1);
        first.start();
        assertTrue(first.exampleProperty().get());
        first.startSeedTraining(1);
        assertTrue(dialogs.errors().isEmpty(), dialogs.errors().toString());
        assertFalse(first.trainingProperty().get());
        assertEquals(home.runs().resolve("demo").resolve("seed"), first.checkpointProperty().get());
        assertFalse(first.exampleProperty().get(), "the new checkpoint's answer replaces the example");
        try (RunStore store = RunStore.open(home)) {
            assertTrue(store.run("demo").isPresent(), "recorded as run demo");
        }
    }
}
