package org.nprworkbench.app.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.fixture.RecordedRuns;
import org.nprworkbench.app.gui.fixture.WindowFixture;
import org.nprworkbench.app.gui.runs.RunRow;
import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.training.TrainingViewModel;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.MetricRow;
import org.nprworkbench.trainer.store.MetricSummary;
import org.nprworkbench.trainer.store.RunStatus;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.visualizer.chart.ChartCsv;
import org.nprworkbench.visualizer.chart.ChartViewModel;

/**
 * The Training and Runs pages under headless Monocle: a smoke run started from the form in a child
 * process, its charts filling while it trains, stop and resume; two runs overlaid, a chart's CSV
 * against the store, a run opened from the browser.
 */
class TrainingWindowTest {
    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dir;

    @RegisterExtension
    final WindowFixture ui = new WindowFixture(TIMEOUT_S);

    @Test
    void aSmokeRunStartedFromTheFormFillsTheChartsAndStopsAndResumes() throws Exception {
        ui.open(dir);
        ui.fx(() -> ui.window().viewModel().sectionProperty().set(Section.TRAINING));
        ui.robot().clickOn("#training-new");
        TrainingViewModel vm = ui.window().viewModel().training();
        for (String stage : List.of("beta", "papo", "sr-beta", "sr")) {
            javafx.scene.control.CheckBox box = ui.find("#training-stage-" + stage);
            ui.fx(() -> box.setSelected(false));
        }
        ui.fx(() -> {
            vm.runNameProperty().set("smoke1");
            vm.params().stream().filter(p -> p.key().equals("zero_steps")).findFirst().orElseThrow().valueProperty().set("40");
        });
        assertEquals("npr --home " + dir + " train --task digitsum --preset smoke --stages seed,zero --run smoke1 "
                + "--set zero_steps=40", ui.fx(() -> vm.formCommandProperty().get()));
        ui.robot().clickOn("#training-start");

        // while it trains, every chart whose metrics the run records gets points
        WindowFixture.waitFor(Duration.ofSeconds(120), () -> ui.fx(() -> zeroStep(vm)) >= 2);
        assertEquals(RunStatus.RUNNING, ui.fx(() -> vm.statusProperty().get()), "still training");
        Set<String> recorded = recordedMetrics("smoke1");
        List<String> charted = new ArrayList<>();
        for (ChartViewModel chart : ui.fx(() -> vm.dashboard().charts())) {
            boolean has = recorded.stream().anyMatch(m -> chart.spec().matcherIndex(m) >= 0);
            long points = ui.fx(() -> chart.csv().rowCount());
            assertEquals(has, points > 0, chart.spec().id() + ": " + points + " points, recorded " + recorded);
            if (has) {
                charted.add(chart.spec().id());
            }
        }
        assertTrue(charted.containsAll(List.of("reward", "accuracy", "format-valid", "parallel-rate", "t-over-c",
                "response-length", "loss", "entropy", "learning-rate", "step-time")), charted.toString());
        assertTrue(ui.fx(() -> vm.statusTextProperty().get()).contains("stage zero"), ui.fx(() -> vm.statusTextProperty().get()));
        assertTrue(ui.fx(() -> vm.deviceProperty().get()).startsWith("cpu"), ui.fx(() -> vm.deviceProperty().get()));
        assertTrue(ui.fx(() -> vm.timingProperty().get()).contains("rollout"), ui.fx(() -> vm.timingProperty().get()));
        assertTrue(ui.<Label>find("#training-progress-text").getText().contains("left"));

        // stop: the run ends before its last step and can be resumed
        ui.robot().clickOn("#training-stop");
        WindowFixture.waitFor(Duration.ofSeconds(60), () -> ui.fx(() -> vm.launcher().running().isEmpty()));
        ui.fx(() -> vm.poll());
        try {
            WindowFixture.waitFor(Duration.ofSeconds(30), () -> ui.fx(() -> vm.canResumeProperty().get()));
        } catch (AssertionError e) {
            throw new AssertionError("Resume not offered: " + ui.fx(() -> vm.statusTextProperty().get()) + " / "
                    + ui.fx(() -> vm.statusProperty().get()), e);
        }
        assertEquals(RunStatus.STOPPED, ui.fx(() -> vm.statusProperty().get()), "stopped at a step boundary, not killed");
        long stoppedAt = ui.fx(() -> stepsOf("smoke1", StageKind.ZERO));
        assertTrue(stoppedAt < 40, "stopped before the end");
        assertTrue(ui.dialogs().isEmpty(), ui.dialogs().toString());
        List<String> notices = ui.notices();
        assertTrue(notices.stream().anyMatch(n -> n.startsWith("Run smoke1 stopped") && n.contains("Resume")),
                "a notification says it stopped and how to go on: " + notices);

        ui.robot().clickOn("#training-resume");
        WindowFixture.waitFor(Duration.ofSeconds(120), () -> ui.fx(() -> vm.launcher().running().isEmpty()
                || zeroStep(vm) > stoppedAt));
        assertTrue(ui.dialogs().isEmpty(), ui.dialogs().toString());
        assertTrue(ui.fx(() -> zeroStep(vm)) > stoppedAt, "the resumed run goes on from where it stopped");
        assertEquals(RunStatus.RUNNING, ui.fx(() -> vm.statusProperty().get()));
        ui.robot().clickOn("#training-stop");
        WindowFixture.waitFor(Duration.ofSeconds(60), () -> ui.fx(() -> vm.launcher().running().isEmpty()));
    }

    @Test
    void twoRunsOverlayTheirCsvMatchesTheStoreAndTheBrowserOpensARun() throws Exception {
        DataHome home = new DataHome(dir).ensure();
        RecordedRuns.record(home, "first", List.of(StageKind.SEED, StageKind.ZERO), 3, 3, RunStatus.FINISHED);
        RecordedRuns.record(home, "second", List.of(StageKind.ZERO), 5, 5, RunStatus.FINISHED);
        ui.open(dir);
        ui.type(javafx.scene.input.KeyCode.R, true, false);
        assertEquals(Section.RUNS, ui.fx(() -> ui.window().viewModel().sectionProperty().get()), "Ctrl+R opens the run browser");
        ui.settle();
        TableView<RunRow> table = ui.find("#runs-table");
        assertEquals(List.of("first", "second"), ui.fx(() -> table.getItems().stream().map(RunRow::name).sorted().toList()));
        select(table, "first");
        fire("#runs-open");
        ui.settle();
        assertEquals(Section.TRAINING, ui.fx(() -> ui.window().viewModel().sectionProperty().get()));
        TrainingViewModel vm = ui.window().viewModel().training();
        assertEquals("first", ui.fx(() -> vm.watchedProperty().get()));
        assertEquals("first", ui.fx(() -> ui.window().viewModel().selection().runProperty().get()));

        ui.fx(() -> ui.window().viewModel().sectionProperty().set(Section.RUNS));
        ui.settle();
        select(table, "second");
        fire("#runs-overlay");
        ui.settle();
        assertEquals(List.of("second"), ui.fx(() -> List.copyOf(vm.overlays())));
        assertTrue(ui.find("#legend-first").isVisible());
        assertTrue(ui.find("#legend-second").isVisible());
        ui.fx(() -> vm.dashboard().baselineProperty().set("second"));
        ui.fx(() -> ui.window().viewModel().darkProperty().set(true));
        assertTrue(ui.fx(() -> ui.window().scene().getRoot().getStyleClass().contains("dark")), "the window takes the dark palette");
        Node dashboard = ui.find("#metrics-dashboard");
        assertTrue(ui.fx(() -> dashboard.getStyleClass().contains("dark")), "and so do the charts");

        Path csv = dir.resolve("reward.csv");
        ui.fx(() -> ((WorkbenchView) ui.window().scene().getRoot()).prepareSnapshot());
        var tile = ui.fx(() -> ((javafx.scene.Parent) ui.window().scene().getRoot()).lookup("#chart-reward"));
        ui.fx(() -> ((org.nprworkbench.visualizer.dashboard.ChartTile) tile).exportCsv(csv)).get(TIMEOUT_S, TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", ChartCsv.HEADER), lines.get(0));
        List<String> expected = new ArrayList<>();
        try (RunStore store = RunStore.open(home)) {
            for (String run : List.of("second", "first")) { // the baseline's line comes first
                for (MetricRow m : store.metrics(store.requireRun(run).id(), List.of(MetricNames.REWARDS_MEAN), null)) {
                    expected.add(run + "," + m.name() + "," + m.stage().label() + "," + m.value());
                }
            }
        }
        List<String> got = lines.subList(1, lines.size()).stream().map(l -> l.split(","))
                .map(f -> f[0] + "," + f[1] + "," + f[2] + "," + Double.parseDouble(f[5])).toList();
        assertEquals(expected, got);
        assertEquals(8, got.size());
    }

    private void select(TableView<RunRow> table, String run) throws Exception {
        ui.fx(() -> table.getSelectionModel().select(table.getItems().stream().filter(r -> r.name().equals(run))
                .findFirst().orElseThrow()));
    }

    private void fire(String button) throws Exception {
        javafx.scene.control.Button b = ui.find(button);
        assertFalse(ui.fx(() -> b.isDisabled()), button + " is enabled");
        ui.fx(() -> b.fire());
    }

    /** The zero stage's latest step as the page shows it (it reads the store once a second). */
    private long zeroStep(TrainingViewModel vm) {
        return vm.stageProgress().stream().filter(p -> p.stage().equals("zero")).mapToLong(p -> p.step()).findFirst().orElse(0);
    }

    private long stepsOf(String run, StageKind stage) {
        try (RunStore store = RunStore.open(ui.window().viewModel().home())) {
            return store.metricSummaries(store.requireRun(run).id()).stream()
                    .filter(m -> m.lastStage() == stage).mapToLong(MetricSummary::lastStep).max().orElse(0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private Set<String> recordedMetrics(String run) {
        try (RunStore store = RunStore.open(ui.window().viewModel().home())) {
            Set<String> names = new HashSet<>();
            store.metricSummaries(store.requireRun(run).id()).forEach(m -> names.add(m.name()));
            return names;
        }
    }

}
