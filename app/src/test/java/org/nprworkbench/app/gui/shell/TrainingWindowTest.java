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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.fixture.RecordedRuns;
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
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Training and Runs pages under headless Monocle: a smoke run started from the form in a child
 * process, its charts filling while it trains, stop and resume; two runs overlaid, a chart's CSV
 * against the store, a run opened from the browser.
 */
class TrainingWindowTest {
    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private WorkbenchWindow window;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
    }

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            fx(() -> window.viewModel().training().launcher().running().forEach(c -> c.process().destroyForcibly()));
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void aSmokeRunStartedFromTheFormFillsTheChartsAndStopsAndResumes() throws Exception {
        open();
        fx(() -> window.viewModel().sectionProperty().set(Section.TRAINING));
        robot.clickOn("#training-new");
        TrainingViewModel vm = window.viewModel().training();
        for (String stage : List.of("beta", "papo", "sr-beta", "sr")) {
            javafx.scene.control.CheckBox box = find("#training-stage-" + stage);
            fx(() -> box.setSelected(false));
        }
        fx(() -> {
            vm.runNameProperty().set("smoke1");
            vm.params().stream().filter(p -> p.key().equals("zero_steps")).findFirst().orElseThrow().valueProperty().set("40");
        });
        assertEquals("npr --home " + dir + " train --task digitsum --preset smoke --stages seed,zero --run smoke1 "
                + "--set zero_steps=40", fx(() -> vm.formCommandProperty().get()));
        robot.clickOn("#training-start");

        // while it trains, every chart whose metrics the run records gets points
        waitFor(Duration.ofSeconds(120), () -> fx(() -> zeroStep(vm)) >= 2);
        assertEquals(RunStatus.RUNNING, fx(() -> vm.statusProperty().get()), "still training");
        Set<String> recorded = recordedMetrics("smoke1");
        List<String> charted = new ArrayList<>();
        for (ChartViewModel chart : fx(() -> vm.dashboard().charts())) {
            boolean has = recorded.stream().anyMatch(m -> chart.spec().matcherIndex(m) >= 0);
            long points = fx(() -> chart.csv().rowCount());
            assertEquals(has, points > 0, chart.spec().id() + ": " + points + " points, recorded " + recorded);
            if (has) {
                charted.add(chart.spec().id());
            }
        }
        assertTrue(charted.containsAll(List.of("reward", "accuracy", "format-valid", "parallel-rate", "t-over-c",
                "response-length", "loss", "entropy", "learning-rate", "step-time")), charted.toString());
        assertTrue(fx(() -> vm.statusTextProperty().get()).contains("stage zero"), fx(() -> vm.statusTextProperty().get()));
        assertTrue(fx(() -> vm.deviceProperty().get()).startsWith("cpu"), fx(() -> vm.deviceProperty().get()));
        assertTrue(fx(() -> vm.timingProperty().get()).contains("rollout"), fx(() -> vm.timingProperty().get()));
        assertTrue(this.<Label>find("#training-progress-text").getText().contains("left"));

        // stop: the run ends before its last step and can be resumed
        robot.clickOn("#training-stop");
        waitFor(Duration.ofSeconds(60), () -> fx(() -> vm.launcher().running().isEmpty()));
        fx(() -> vm.poll());
        try {
            waitFor(Duration.ofSeconds(30), () -> fx(() -> vm.canResumeProperty().get()));
        } catch (AssertionError e) {
            throw new AssertionError("Resume not offered: " + fx(() -> vm.statusTextProperty().get()) + " / "
                    + fx(() -> vm.statusProperty().get()), e);
        }
        assertEquals(RunStatus.STOPPED, fx(() -> vm.statusProperty().get()), "stopped at a step boundary, not killed");
        long stoppedAt = fx(() -> stepsOf("smoke1", StageKind.ZERO));
        assertTrue(stoppedAt < 40, "stopped before the end");
        assertTrue(dialogs().isEmpty(), dialogs().toString());

        robot.clickOn("#training-resume");
        waitFor(Duration.ofSeconds(120), () -> fx(() -> vm.launcher().running().isEmpty()
                || zeroStep(vm) > stoppedAt));
        assertTrue(dialogs().isEmpty(), dialogs().toString());
        assertTrue(fx(() -> zeroStep(vm)) > stoppedAt, "the resumed run goes on from where it stopped");
        assertEquals(RunStatus.RUNNING, fx(() -> vm.statusProperty().get()));
        robot.clickOn("#training-stop");
        waitFor(Duration.ofSeconds(60), () -> fx(() -> vm.launcher().running().isEmpty()));
    }

    @Test
    void twoRunsOverlayTheirCsvMatchesTheStoreAndTheBrowserOpensARun() throws Exception {
        DataHome home = new DataHome(dir).ensure();
        RecordedRuns.record(home, "first", List.of(StageKind.SEED, StageKind.ZERO), 3, 3, RunStatus.FINISHED);
        RecordedRuns.record(home, "second", List.of(StageKind.ZERO), 5, 5, RunStatus.FINISHED);
        open();
        // the menu's accelerators as the scene holds them (headless Monocle delivers no key strokes here)
        fx(() -> window.scene().getAccelerators().get(javafx.scene.input.KeyCombination.keyCombination("Shortcut+R")).run());
        assertEquals(Section.RUNS, fx(() -> window.viewModel().sectionProperty().get()), "Ctrl+R opens the run browser");
        settle();
        TableView<RunRow> table = find("#runs-table");
        assertEquals(List.of("first", "second"), fx(() -> table.getItems().stream().map(RunRow::name).sorted().toList()));
        select(table, "first");
        fire("#runs-open");
        settle();
        assertEquals(Section.TRAINING, fx(() -> window.viewModel().sectionProperty().get()));
        TrainingViewModel vm = window.viewModel().training();
        assertEquals("first", fx(() -> vm.watchedProperty().get()));
        assertEquals("first", fx(() -> window.viewModel().selection().runProperty().get()));

        fx(() -> window.viewModel().sectionProperty().set(Section.RUNS));
        settle();
        select(table, "second");
        fire("#runs-overlay");
        settle();
        assertEquals(List.of("second"), fx(() -> List.copyOf(vm.overlays())));
        assertTrue(find("#legend-first").isVisible());
        assertTrue(find("#legend-second").isVisible());
        fx(() -> vm.dashboard().baselineProperty().set("second"));
        fx(() -> window.viewModel().darkProperty().set(true));
        assertTrue(fx(() -> window.scene().getRoot().getStyleClass().contains("dark")), "the window takes the dark palette");
        Node dashboard = find("#metrics-dashboard");
        assertTrue(fx(() -> dashboard.getStyleClass().contains("dark")), "and so do the charts");

        Path csv = dir.resolve("reward.csv");
        fx(() -> ((WorkbenchView) window.scene().getRoot()).prepareSnapshot());
        var tile = fx(() -> ((javafx.scene.Parent) window.scene().getRoot()).lookup("#chart-reward"));
        fx(() -> ((org.nprworkbench.visualizer.dashboard.ChartTile) tile).exportCsv(csv)).get(TIMEOUT_S, TimeUnit.SECONDS);
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

    private static void select(TableView<RunRow> table, String run) throws Exception {
        fx(() -> table.getSelectionModel().select(table.getItems().stream().filter(r -> r.name().equals(run))
                .findFirst().orElseThrow()));
    }

    private void fire(String button) throws Exception {
        javafx.scene.control.Button b = find(button);
        assertFalse(fx(() -> b.isDisabled()), button + " is enabled");
        fx(() -> b.fire());
    }

    /** The zero stage's latest step as the page shows it (it reads the store once a second). */
    private static long zeroStep(TrainingViewModel vm) {
        return vm.stageProgress().stream().filter(p -> p.stage().equals("zero")).mapToLong(p -> p.step()).findFirst().orElse(0);
    }

    private long stepsOf(String run, StageKind stage) {
        try (RunStore store = RunStore.open(window.viewModel().home())) {
            return store.metricSummaries(store.requireRun(run).id()).stream()
                    .filter(m -> m.lastStage() == stage).mapToLong(MetricSummary::lastStep).max().orElse(0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private Set<String> recordedMetrics(String run) {
        try (RunStore store = RunStore.open(window.viewModel().home())) {
            Set<String> names = new HashSet<>();
            store.metricSummaries(store.requireRun(run).id()).forEach(m -> names.add(m.name()));
            return names;
        }
    }

    private void open() throws Exception {
        DataHome home = new DataHome(dir).ensure();
        window = fx(() -> WorkbenchWindow.open(new Stage(), home));
    }

    private void settle() throws Exception {
        fx(() -> window.whenSettled()).get(TIMEOUT_S, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T extends Node> T find(String query) throws Exception {
        return fx(() -> robot.from(window.scene().getRoot()).lookup(query).<T>query());
    }

    /** The header and message of the alerts the window shows. */
    private List<String> dialogs() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> Window.getWindows().stream().filter(w -> w != window.stage() && w.isShowing())
                .map(w -> w.getScene().getRoot()).filter(DialogPane.class::isInstance)
                .map(r -> ((DialogPane) r).getHeaderText() + "\n" + ((Label) ((DialogPane) r).getContent()).getText())
                .toList());
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Duration limit, Check check) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + limit.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void fx(Runnable run) throws Exception {
        WaitForAsyncUtils.asyncFx(run).get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
