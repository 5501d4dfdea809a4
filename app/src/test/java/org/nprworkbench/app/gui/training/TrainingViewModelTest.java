package org.nprworkbench.app.gui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.fixture.CurrentThreadTasks;
import org.nprworkbench.app.gui.fixture.RecordedDialogs;
import org.nprworkbench.app.gui.fixture.RecordedRuns;
import org.nprworkbench.app.gui.state.SelectionState;
import org.nprworkbench.app.service.TrainingLauncher;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.trainer.store.StageInfo;
import org.nprworkbench.visualizer.chart.ChartCsv;
import org.nprworkbench.visualizer.metrics.MetricColumns;
import org.nprworkbench.visualizer.metrics.RunMetrics;

/** The Training page's state without a window: the form, following runs from a real run store, rollouts. */
class TrainingViewModelTest {
    @TempDir
    Path dir;

    private DataHome home;
    private final CurrentThreadTasks tasks = new CurrentThreadTasks();
    private final RecordedDialogs dialogs = new RecordedDialogs();
    private final SelectionState selection = new SelectionState();
    private TrainingViewModel vm;

    @BeforeEach
    void page() {
        home = new DataHome(dir).ensure();
        vm = new TrainingViewModel(home, tasks, tasks, dialogs, selection, new TrainingLauncher(home), Runnable::run);
    }

    @AfterEach
    void close() {
        vm.close();
    }

    @Test
    void theFormStartsFromThePresetAndMarksChangedValues() {
        assertEquals("digitsum", vm.taskProperty().get());
        assertEquals("smoke", vm.presetProperty().get());
        ParamRow zeroSteps = row("zero_steps");
        assertEquals("2", zeroSteps.defaultValueProperty().get());
        assertEquals("2", zeroSteps.valueProperty().get());
        assertFalse(zeroSteps.changedProperty().get());
        assertNull(vm.formErrorProperty().get());

        vm.runNameProperty().set("mine");
        zeroSteps.valueProperty().set("5");
        row("zero_lr").valueProperty().set("0.00001"); // the preset's 1e-5, written another way: unchanged
        assertTrue(zeroSteps.changedProperty().get());
        assertFalse(row("zero_lr").changedProperty().get());
        vm.stageProperty(StageKind.SR_BETA).set(false);
        vm.stageProperty(StageKind.SR).set(false);
        assertEquals("npr --home " + dir + " train --task digitsum --preset smoke --stages seed,zero,beta,papo "
                + "--run mine --set zero_steps=5", vm.formCommandProperty().get());
        assertEquals(Map.of("zero_steps", "5"), vm.request().overrides());

        vm.presetProperty().set("quickstart");
        assertEquals(org.nprworkbench.trainer.pipeline.PipelineConfig.preset("quickstart").value("zero_steps"), zeroSteps.valueProperty().get(), "a new preset resets the values to its defaults");
        assertFalse(zeroSteps.changedProperty().get());
    }

    @Test
    void anUnreadableStoreWarnsOnceNamingTheFileAndThePageKeepsPolling() throws Exception {
        Path db = home.database().resolveSibling(home.database().getFileName() + ".mv.db");
        Files.write(db, "not an H2 database, written by a test".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        vm.poll();
        vm.poll();
        vm.poll();
        assertEquals(1, dialogs.warnings().size(), "one warning for a lasting problem: " + dialogs.warnings());
        assertTrue(dialogs.warnings().get(0).contains(db.getFileName().toString()), dialogs.warnings().get(0));
        assertTrue(vm.statusTextProperty().get().startsWith("Cannot read the run store"), vm.statusTextProperty().get());
        assertTrue(dialogs.errors().isEmpty(), "a warning, not a dialog: " + dialogs.errors());
        assertTrue(Files.readString(db).startsWith("not an H2 database"), "the file is left as it was, not recreated");
    }

    @Test
    void theFormTrainsOnABenchmarkFileChosenInsteadOfATask() throws Exception {
        Path file = dir.resolve("my bench.jsonl");
        Files.writeString(file, "{\"problem\": \"What is 2+3?\", \"answer\": \"5\"}\n"
                + "{\"problem\": \"What is 4*4?\", \"answer\": \"16\"}\n");
        assertEquals(TrainingViewModel.BENCHMARK_CHOICE, vm.taskNames().get(vm.taskNames().size() - 1));
        assertFalse(vm.benchmarkChosenProperty().get());
        assertTrue(vm.runNameProperty().get().startsWith("digitsum-smoke-"), vm.runNameProperty().get());

        vm.taskProperty().set(TrainingViewModel.BENCHMARK_CHOICE);
        assertTrue(vm.benchmarkChosenProperty().get());
        assertTrue(vm.formErrorProperty().get().startsWith("choose the benchmark file"), vm.formErrorProperty().get());
        assertTrue(vm.runNameProperty().get().startsWith("benchmark-smoke-"), "the suggested name follows the choice");
        vm.benchmarkProperty().set(dir.resolve("missing.jsonl"));
        assertTrue(vm.formErrorProperty().get().contains("missing.jsonl") && vm.formErrorProperty().get().contains("no such file"),
                vm.formErrorProperty().get());
        vm.benchmarkProperty().set(file);
        assertTrue(vm.runNameProperty().get().startsWith("my-bench-smoke-"), vm.runNameProperty().get());
        // the smoke preset's seed SFT needs a seed corpus, and its beta fill programmatic solutions
        assertTrue(vm.formErrorProperty().get().contains("seed_tasks"), vm.formErrorProperty().get());
        row("seed_tasks").valueProperty().set("arithmetic");
        assertTrue(vm.formErrorProperty().get().contains("beta_fill_from_seed_corpus=false"), vm.formErrorProperty().get());
        for (StageKind k : List.of(StageKind.BETA, StageKind.PAPO, StageKind.SR_BETA, StageKind.SR)) {
            vm.stageProperty(k).set(false);
        }
        assertNull(vm.formErrorProperty().get());
        vm.runNameProperty().set("mine");
        assertEquals("npr --home " + dir + " train --benchmark '" + file + "' --preset smoke --stages seed,zero --run mine "
                + "--set seed_tasks=arithmetic", vm.formCommandProperty().get());
        assertEquals(file, vm.request().benchmark());
        assertNull(vm.request().task());

        // difficulty applies to a file only through the seed corpus
        vm.stageProperty(StageKind.SEED).set(false);
        row("difficulty").valueProperty().set("2");
        assertTrue(vm.formErrorProperty().get().contains("difficulty does not apply to a benchmark file"),
                vm.formErrorProperty().get());
        vm.stageProperty(StageKind.SEED).set(true);
        assertNull(vm.formErrorProperty().get());

        // Start reads the file (off the JavaFX thread): two problems cannot give three pools
        vm.start();
        assertEquals(1, dialogs.errors().size(), dialogs.errors().toString());
        assertTrue(dialogs.errors().get(0).contains("my bench.jsonl") && dialogs.errors().get(0).contains("at least 3"),
                dialogs.errors().get(0));
        assertTrue(vm.launcher().running().isEmpty(), "no child started");

        vm.taskProperty().set("arithmetic");
        assertFalse(vm.benchmarkChosenProperty().get());
        assertTrue(vm.formCommandProperty().get().contains("--task arithmetic"), vm.formCommandProperty().get());
    }

    @Test
    void aStoredBenchmarkRunIsReproducedWithItsFile() {
        Path file = dir.resolve("b.jsonl").toAbsolutePath();
        var cfg = org.nprworkbench.trainer.pipeline.PipelineConfig.preset("smoke").set("seed_tasks=arithmetic").toJson();
        cfg.addProperty("task", "file:b.jsonl");
        cfg.addProperty(org.nprworkbench.trainer.pipeline.ProblemSource.BENCHMARK_KEY, file.toString());
        cfg.addProperty(org.nprworkbench.trainer.pipeline.ProblemSource.BENCHMARK_HASH_KEY, "00");
        try (RunStore store = RunStore.open(home)) {
            store.createRun(new org.nprworkbench.trainer.store.RunSpec("fr", "file:b.jsonl", "smoke",
                    List.of(StageKind.SEED, StageKind.ZERO), cfg.toString(), 1L, "cpu()"));
            assertEquals("npr --home " + dir + " train --benchmark " + file + " --preset smoke --stages seed,zero --run fr "
                    + "--set seed_tasks=arithmetic", vm.reproducingCommand(store.requireRun("fr")));
        }
    }

    @Test
    void aSeedInitFolderIsShownByItsCatalogueNameInTheReproducingCommand() {
        var cfg = org.nprworkbench.trainer.pipeline.PipelineConfig.preset("smoke")
                .set("seed_init", home.runs().resolve("prev").resolve("seed").toAbsolutePath().toString())
                .set("seed_steps=0").toJson();
        try (RunStore store = RunStore.open(home)) {
            store.createRun(new org.nprworkbench.trainer.store.RunSpec("si", "digitsum", "smoke",
                    List.of(StageKind.SEED, StageKind.ZERO), cfg.toString(), 1L, "cpu"));
            assertEquals("npr --home " + dir + " train --task digitsum --preset smoke --stages seed,zero --run si "
                    + "--set seed_init=prev/seed --set seed_steps=0", vm.reproducingCommand(store.requireRun("si")));
        }
    }

    @Test
    void anInvalidValueIsRefusedWithPipelineConfigsReasonBeforeAnythingStarts() {
        row("zero_samples").valueProperty().set("0");
        assertTrue(row("zero_samples").changedProperty().get());
        assertEquals("zero_samples=0: must be from 1 to 1024", row("zero_samples").errorProperty().get());
        assertEquals("zero_samples=0: must be from 1 to 1024", vm.formErrorProperty().get());
        vm.start();
        assertEquals(1, dialogs.errors().size());
        assertTrue(dialogs.errors().get(0).contains("must be from 1 to 1024"), dialogs.errors().get(0));
        assertTrue(tasks.labels().isEmpty(), "nothing started: " + tasks.labels());
        assertTrue(vm.launcher().running().isEmpty());

        row("zero_samples").valueProperty().set("4");
        vm.runNameProperty().set("no spaces allowed");
        assertTrue(vm.formErrorProperty().get().contains("no spaces allowed"), vm.formErrorProperty().get());
        vm.runNameProperty().set("ok");
        vm.stageProperty(StageKind.values()[0]).set(false);
        for (StageKind k : StageKind.values()) {
            vm.stageProperty(k).set(false);
        }
        assertTrue(vm.formErrorProperty().get().startsWith("choose at least one stage"), vm.formErrorProperty().get());
    }

    @Test
    void followingARunFeedsTheChartsProgressAndRollouts() {
        RecordedRuns.record(home, "live", List.of(StageKind.SEED, StageKind.ZERO), 4, 3, RunStatus.RUNNING);
        vm.setClock(Clock.fixed(Instant.parse("2026-01-01T00:00:30Z"), ZoneOffset.UTC));
        vm.watch("live");
        assertEquals("live", selection.runProperty().get());
        assertEquals(RunStatus.RUNNING, vm.statusProperty().get());
        assertEquals("cpu", vm.deviceProperty().get(), "DJL's cpu() as recorded by older runs, in --device spelling");
        assertTrue(vm.canStopProperty().get());
        assertFalse(vm.canResumeProperty().get());

        // seed steps 1-4, then zero steps 1-3 drawn after the seed stage's 4 planned steps
        RunMetrics run = vm.dashboard().run("live");
        MetricColumns loss = run.series(MetricNames.TRAIN_LOSS);
        assertEquals(4, loss.size());
        MetricColumns reward = run.series(MetricNames.REWARDS_MEAN);
        assertEquals(3, reward.size());
        assertEquals(List.of(5L, 6L, 7L), List.of(reward.step(0), reward.step(1), reward.step(2)));
        assertEquals(RecordedRuns.value(MetricNames.REWARDS_MEAN, StageKind.ZERO, 2), reward.value(1), 1e-12);
        assertEquals(List.of("seed", "zero"), run.stages().stream().map(b -> b.stage()).toList());
        assertEquals(4, run.stages().get(1).firstStep());
        assertTrue(vm.dashboard().chart("reward").csv().rowCount() == 3);

        List<StageProgress> stages = vm.stageProgress();
        assertEquals("finished", stages.get(0).status());
        assertEquals(1.0, stages.get(0).fraction());
        assertEquals(3, stages.get(1).step());
        assertEquals(0.75, stages.get(1).fraction(), 1e-9);
        assertFalse(stages.get(1).eta().isEmpty());
        assertEquals(0.875, vm.progressProperty().get(), 1e-9);
        assertTrue(vm.progressTextProperty().get().startsWith("88% of 2 stages"), vm.progressTextProperty().get());
        assertTrue(vm.statusTextProperty().get().contains("stage zero, step 3 of 4"), vm.statusTextProperty().get());
        assertTrue(vm.timingProperty().get().startsWith("step "), vm.timingProperty().get());
        assertTrue(vm.timingProperty().get().contains("rollout") && vm.timingProperty().get().contains("log-prob")
                && vm.timingProperty().get().contains("update"), vm.timingProperty().get());
        assertEquals("npr --home " + dir + " train --task digitsum --preset smoke --stages seed,zero --run live "
                + "--set zero_steps=4", vm.runCommandProperty().get());

        // newest step first, the two samples of one prompt together
        List<RolloutItem> items = vm.rollouts();
        assertEquals(12, items.size());
        assertEquals(List.of(3L, 3L, 3L, 3L), items.subList(0, 4).stream().map(RolloutItem::step).toList());
        assertEquals(List.of("p-a", "p-a", "p-b", "p-b"), items.subList(0, 4).stream().map(RolloutItem::problem).toList());
        assertEquals(List.of(0, 1), items.subList(0, 2).stream().map(RolloutItem::sample).toList());
        assertEquals(12 / 8.0, items.get(0).tOverC(), 1e-12);
        assertTrue(items.stream().allMatch(i -> i.kind().equals("rollout")), "training samples, not evaluation answers");

        vm.rolloutFilterProperty().set("1+2?");
        assertEquals(4, vm.rollouts().size());
        assertTrue(vm.rollouts().stream().allMatch(i -> i.step() == 2));
        vm.selectedRolloutProperty().set(vm.rollouts().get(0));
        assertNotNull(selection.rolloutProperty().get());
        assertEquals("live", selection.rolloutProperty().get().run());
        assertTrue(selection.rolloutProperty().get().response().contains("<step>2</step>"));
    }

    @Test
    void aPollReadsOnlyRowsWrittenSinceTheLastAndOverlaysOtherRuns() {
        RecordedRuns.record(home, "base", List.of(StageKind.ZERO), 3, 3, RunStatus.FINISHED);
        RecordedRuns.record(home, "live", List.of(StageKind.ZERO), 5, 2, RunStatus.RUNNING);
        vm.watch("live");
        vm.overlay("base");
        assertEquals(List.of("base"), vm.overlays());
        assertEquals(3, vm.dashboard().run("base").series(MetricNames.REWARDS_MEAN).size());
        try (RunStore store = RunStore.open(home)) {
            long id = store.requireRun("live").id();
            store.recordMetrics(id, StageKind.ZERO, 3, Map.of(MetricNames.REWARDS_MEAN, 0.5), Instant.parse("2026-01-01T00:01:00Z"));
        }
        vm.poll();
        MetricColumns reward = vm.dashboard().run("live").series(MetricNames.REWARDS_MEAN);
        assertEquals(3, reward.size(), "the new row and nothing twice");
        assertEquals(0.5, reward.value(2));

        vm.dashboard().baselineProperty().set("base");
        ChartCsv csv = vm.dashboard().chart("reward").csv();
        assertEquals(6, csv.rowCount());
        assertEquals(List.of("base", "live"), csv.rows().stream().map(ChartCsv.Row::run).distinct().sorted().toList());
        assertEquals(List.of("base", "live"), vm.storeRuns());

        vm.removeOverlay("base");
        assertNull(vm.dashboard().run("base"));
        assertNull(vm.dashboard().baselineProperty().get());
    }

    @Test
    void aStoppedRunCanBeResumedAndAFinishedOneCannot() {
        RecordedRuns.record(home, "halted", List.of(StageKind.SEED), 4, 2, RunStatus.STOPPED);
        vm.watch("halted");
        assertEquals(RunStatus.STOPPED, vm.statusProperty().get());
        assertTrue(vm.canResumeProperty().get());
        assertFalse(vm.canStopProperty().get());
        RecordedRuns.record(home, "done", List.of(StageKind.SEED), 2, 2, RunStatus.FINISHED);
        vm.watch("done");
        assertFalse(vm.canResumeProperty().get());
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals("npr --home " + dir + " train --task digitsum --preset smoke --stages seed --run done",
                vm.runCommandProperty().get());
    }

    @Test
    void stagesAreOffsetByThePlannedStepsOfTheStagesBefore() {
        List<StageInfo> stages = List.of(
                new StageInfo(1, StageKind.SEED, RunStatus.FINISHED, 4L, null, null, null, null),
                new StageInfo(2, StageKind.ZERO, RunStatus.FINISHED, 2L, null, null, null, null),
                new StageInfo(3, StageKind.BETA, RunStatus.RUNNING, null, null, null, null, null),
                new StageInfo(4, StageKind.PAPO, RunStatus.PENDING, null, null, null, null, null));
        Map<StageKind, Long> offsets = TrainingViewModel.offsets(stages, Map.of(StageKind.ZERO, 3L, StageKind.BETA, 7L));
        assertEquals(Map.of(StageKind.SEED, 0L, StageKind.ZERO, 4L, StageKind.BETA, 7L, StageKind.PAPO, 14L), offsets);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals("0:30", TrainingViewModel.eta(start, start.plusSeconds(30), 0.5));
        assertEquals("1 h 30 min", TrainingViewModel.eta(start, start.plusSeconds(1800), 0.25));
        assertEquals("", TrainingViewModel.eta(start, start.plusSeconds(30), 0));
    }

    @Test
    void aChildThatFailsIsReportedWithItsLogAndTheWindowGoesOn() throws Exception {
        // npr train refuses a stage folder that exists: the child process exits 2 with that reason
        Files.createDirectories(home.runs().resolve("clash").resolve("seed"));
        Files.writeString(home.runs().resolve("clash").resolve("seed").resolve("x"), "x");
        CountDownLatch reported = new CountDownLatch(1);
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.nprworkbench.visualizer.dialog.DialogService waiting = new org.nprworkbench.visualizer.dialog.DialogService() {
            @Override
            public void showError(String header, String message) {
                errors.add(header + "\n" + message);
                reported.countDown();
            }

            @Override
            public void showInformation(String header, String message) {
            }
        };
        TrainingViewModel page = new TrainingViewModel(home, tasks, tasks, waiting, selection,
                new TrainingLauncher(home, java(home)), Runnable::run);
        page.runNameProperty().set("clash");
        page.start();
        assertTrue(reported.await(60, TimeUnit.SECONDS), "the exit is reported");
        String error = errors.get(0);
        assertTrue(error.startsWith("Run clash ended with an error (exit status 2)"), error);
        assertTrue(error.contains("already exists"), error);
        assertTrue(error.contains(home.runs().resolve("clash").resolve("train.log").toString()), error);
        assertTrue(Files.readString(home.runs().resolve("clash").resolve("train.log"))
                .startsWith("$ npr --home " + dir + " train --task digitsum --preset smoke --run clash"));
        page.close();
    }

    static List<String> java(DataHome home) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-DOPT_OUT_TRACKING=true", "-cp", System.getProperty("java.class.path"), TrainingLauncher.MAIN_CLASS);
    }

    private ParamRow row(String key) {
        return vm.params().stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
    }
}
