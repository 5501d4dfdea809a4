package org.nprworkbench.visualizer.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.imageio.ImageIO;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.visualizer.chart.ChartViewModel;
import org.nprworkbench.visualizer.chart.DashboardViewModel;
import org.nprworkbench.visualizer.chart.FrameLine;
import org.nprworkbench.visualizer.chart.PointBuffer;
import org.nprworkbench.visualizer.chart.XAxisMode;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.metrics.MetricRow;
import org.nprworkbench.visualizer.metrics.StageBoundary;
import org.nprworkbench.visualizer.snapshot.PngSnapshot;
import org.nprworkbench.visualizer.task.BackgroundTasks;
import org.nprworkbench.visualizer.theme.Theme;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The dashboard under headless Monocle: live points on every chart, chart selection, hover, exports, screenshots. */
class MetricsDashboardTest {
    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private final BackgroundTasks tasks = new BackgroundTasks("dashboard-test", 1);
    private final List<String> errors = new ArrayList<>();
    private DashboardViewModel model;
    private MetricsDashboard dashboard;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> stage.hide());
        tasks.close();
    }

    @Test
    void everyChartGetsPointsWhileRowsArrive() throws Exception {
        open(1300, 900);
        SyntheticRun run = run("npr-countdown", 1, 1.0);
        fx(() -> model.setStages(run.name(), run.stages()));
        for (int batch = 0; batch < 6; batch++) {
            List<MetricRow> rows = run.next(100);
            fx(() -> model.append(rows));
            Thread.sleep(50);
        }
        waitUntil(() -> dashboard.tiles().stream().allMatch(t -> drawn(t) > 0));
        for (ChartTile tile : fx(dashboard::tiles)) {
            assertTrue(fx(() -> drawn(tile)) > 0, tile.model().spec().id() + " draws points");
            assertEquals(3, fx(() -> tile.chart().markers().size()), tile.model().spec().id() + " marks the three stages");
        }
        long reward = fx(() -> model.run(run.name()).series("critic/rewards/mean").size());
        assertEquals(450, reward, "steps 150-599 log the reward");

        waitUntil(() -> !dashboard.awake());
        List<MetricRow> more = run.next(100);
        long before = fx(() -> smoothedReward().size());
        fx(() -> model.append(more));
        assertTrue(fx(dashboard::awake), "new points wake the redraw loop");
        waitUntil(() -> smoothedReward().size() > before);
        assertTrue(fx(() -> smoothedReward().x(smoothedReward().size() - 1)) > 690, "the new steps are drawn");
    }

    @Test
    void dragZoomsAndRedecimatesTheWindowDoubleClickResetsAndTheToolsToggle() throws Exception {
        open(1300, 900);
        overlayTwoRuns(2000);
        ChartTile reward = fx(() -> tileOf("reward"));
        waitUntil(() -> drawn(reward) > 0);
        robot.moveTo(reward.viewer()).moveBy(-60, -10).press(MouseButton.PRIMARY).moveBy(60, 20).moveBy(60, 20)
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> reward.chart().domainAutoRange()), "the drag zoomed in");
        double lo = fx(() -> reward.chart().domainLower());
        double hi = fx(() -> reward.chart().domainUpper());
        assertTrue(hi - lo < 1500, lo + ".." + hi);
        waitUntil(() -> smoothedReward().size() > 0 && smoothedReward().x(0) >= lo - 1
                && smoothedReward().x(smoothedReward().size() - 1) <= hi + 1);
        assertFalse(fx(() -> tileOf("reward").chart().lines().get(0).isBand()),
                "a window of a few hundred steps is drawn point by point");

        robot.doubleClickOn(reward.viewer());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> reward.chart().domainAutoRange()), "double-click resets the zoom");
        waitUntil(() -> smoothedReward().x(0) <= 150 + 5);

        robot.clickOn("#chart-accuracy-log");
        assertTrue(fx(() -> model.chart("accuracy").logAxisProperty().get()));
        waitUntil(() -> tileOf("accuracy").chart().chart().getXYPlot().getRangeAxis() instanceof org.jfree.chart.axis.LogAxis);

        robot.clickOn("#legend-npr-zero-only");
        assertFalse(fx(() -> model.runs().get(1).shownProperty().get()), "the legend hides a run");
        waitUntil(() -> tileOf("reward").chart().lines().stream().noneMatch(l -> l.series().run().equals("npr-zero-only")));
        assertTrue(fx(() -> robot.lookup("#legend-sr-countdown").<javafx.scene.control.CheckBox>query().isDisabled()),
                "the baseline cannot be hidden");

        robot.clickOn("#dashboard-x-wall-time");
        assertEquals(XAxisMode.WALL_TIME, fx(() -> model.xAxisProperty().get()));
        waitUntil(() -> "elapsed time".equals(tileOf("reward").chart().chart().getXYPlot().getDomainAxis().getLabel()));
    }

    @Test
    void chartsAreToggledFromTheChartsMenu() throws Exception {
        open(1300, 900);
        ChartTile entropy = fx(() -> tileOf("entropy"));
        assertTrue(fx(entropy::isVisible));
        robot.clickOn("#dashboard-charts");
        robot.clickOn("Entropy");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> model.chart("entropy").shownProperty().get()));
        assertFalse(fx(entropy::isVisible));
        assertEquals(12, fx(() -> model.shownCharts().size()));
        fx(() -> model.chart("entropy").shownProperty().set(true));
        assertTrue(fx(entropy::isVisible));
    }

    @Test
    void exportsCsvPngAndSvgOfAChart() throws Exception {
        open(1300, 900);
        SyntheticRun run = run("npr-countdown", 1, 1.0);
        List<MetricRow> rows = run.next(400);
        fx(() -> {
            model.setStages(run.name(), run.stages());
            model.append(rows);
            model.smoothingProperty().set(0.5);
        });
        waitUntil(() -> drawn(tileOf("reward")) > 0);

        Path csv = dir.resolve("reward.csv");
        fx(() -> tileOf("reward").exportCsv(csv)).get(TIMEOUT_S, TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("run,metric,stage,step,wall_time,value,smoothed", lines.get(0));
        List<MetricRow> reward = rows.stream().filter(r -> r.metric().equals("critic/rewards/mean")).toList();
        assertEquals(reward.size() + 1, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals(List.of("npr-countdown", "critic/rewards/mean", "npr-zero", "150"), List.of(first).subList(0, 4));
        assertEquals(reward.get(0).wallTime(), Double.parseDouble(first[4]), 1e-3);
        assertEquals(reward.get(0).value(), Double.parseDouble(first[5]));
        assertEquals(reward.get(0).value(), Double.parseDouble(first[6]), 1e-12, "the first smoothed value is the first value");
        String[] second = lines.get(2).split(",");
        assertEquals(0.5 * reward.get(1).value() / 0.75 + 0.25 * reward.get(0).value() / 0.75, Double.parseDouble(second[6]), 1e-12);

        Path png = dir.resolve("reward.png");
        fx(() -> tileOf("reward").exportPng(png)).get(TIMEOUT_S, TimeUnit.SECONDS);
        BufferedImage image = ImageIO.read(png.toFile());
        double width = fx(() -> tileOf("reward").viewer().getWidth());
        assertEquals(2 * Math.max(480, (int) width), image.getWidth());

        Path svg = dir.resolve("reward.svg");
        fx(() -> tileOf("reward").exportSvg(svg)).get(TIMEOUT_S, TimeUnit.SECONDS);
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<svg") || text.startsWith("<?xml"), text.substring(0, 40));
        assertTrue(text.contains("Reward"), "the SVG carries the title");
        assertTrue(text.contains("npr-countdown"), "and the legend");
        assertTrue(text.contains("<path"), "and the lines as paths");
        assertTrue(errors.isEmpty(), errors.toString());

        Path missing = dir.resolve("no/such/folder/reward.csv");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> fx(() -> tileOf("reward").exportCsv(missing)).get(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(List.of("Could not export Reward\n" + missing + ": the folder does not exist. Choose a folder you can write to."),
                errors, e.toString());
    }

    @Test
    void hoveringAChartShowsTheReadoutOfEveryRun() throws Exception {
        open(1300, 900);
        overlayTwoRuns(400);
        ChartTile reward = fx(() -> tileOf("reward"));
        waitUntil(() -> drawn(reward) > 0);
        robot.moveTo(reward.viewer());
        WaitForAsyncUtils.waitForFxEvents();
        List<String> text = fx(reward::readoutText);
        assertEquals(4, text.size(), text.toString());
        assertTrue(text.get(0).startsWith("step "), text.get(0));
        assertTrue(text.get(1).startsWith("npr-countdown \u00b7 reward:  "), text.get(1));
        assertTrue(text.get(1).contains("(raw "), "smoothed and raw: " + text.get(1));
        assertTrue(text.get(3).startsWith("sr-countdown \u00b7 reward"), "the baseline last: " + text);
        robot.moveTo(fx(() -> dashboard.lookup("#dashboard-legend")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), fx(reward::readoutText));
    }

    @Test
    void screenshotsOfTwoOverlaidRunsWithABaselineAndStageMarkers() throws Exception {
        open(1440, 960);
        overlayTwoRuns(2000);
        fx(() -> {
            model.baselineProperty().set("sr-countdown");
            model.smoothingProperty().set(0.9);
            model.chart("tps-ratio").shownProperty().set(false);
        });
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        for (boolean dark : new boolean[] {false, true}) {
            fx(() -> dashboard.darkProperty().set(dark));
            BufferedImage image = snapshot();
            Path file = shots.resolve(dark ? "dashboard-dark.png" : "dashboard.png");
            PngSnapshot.write(image, file);
            assertEquals(1440, image.getWidth());
            assertTrue(Files.size(file) > 50_000, "a drawn dashboard: " + Files.size(file));
        }
        ChartViewModel reward = fx(() -> model.chart("reward"));
        assertEquals(List.of("sr-countdown", "npr-countdown", "npr-zero-only"),
                fx(() -> reward.series().stream().map(s -> s.run()).toList()));
        assertTrue(fx(() -> tileOf("reward").chart().lines().stream().anyMatch(l -> l.kind() == FrameLine.Kind.RAW)));
    }

    /** The x values of the first smoothed reward line as drawn (its points, or its band's columns). */
    private PointBuffer smoothedReward() {
        FrameLine line = tileOf("reward").chart().lines().stream().filter(l -> l.kind() == FrameLine.Kind.SMOOTHED)
                .findFirst().orElseThrow();
        if (!line.isBand()) {
            return line.points();
        }
        PointBuffer xs = new PointBuffer();
        for (int i = 0; i < line.band().size(); i++) {
            xs.add(line.band().x(i), line.band().high(i));
        }
        return xs;
    }

    private BufferedImage snapshot() throws Exception {
        fx(() -> {
            dashboard.applyCss();
            dashboard.layout();
            dashboard.redrawNow();
        });
        WaitForAsyncUtils.waitForFxEvents();
        fx(dashboard::redrawNow);
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> PngSnapshot.capture(stage.getScene()));
    }

    private void overlayTwoRuns(int steps) throws Exception {
        SyntheticRun npr = run("npr-countdown", 1, 1.0);
        SyntheticRun zero = new SyntheticRun("npr-zero-only", 2, 1_764_000_000, 4.0, 0.85,
                List.of(new StageBoundary("seed", 0, 0), new StageBoundary("npr-zero", 250, 0)));
        SyntheticRun sr = new SyntheticRun("sr-countdown", 3, 1_764_000_000, 3.0, 0.8,
                List.of(new StageBoundary("seed", 0, 0), new StageBoundary("sr", 150, 0)));
        for (SyntheticRun r : List.of(npr, zero, sr)) {
            List<MetricRow> rows = r.next(steps);
            fx(() -> {
                model.setStages(r.name(), r.stages());
                model.append(rows);
            });
        }
        fx(() -> model.baselineProperty().set("sr-countdown"));
    }

    private static SyntheticRun run(String name, long seed, double skill) {
        return new SyntheticRun(name, seed, 1_764_000_000, 5.0, skill, List.of(new StageBoundary("seed", 0, 0),
                new StageBoundary("npr-zero", 150, 0), new StageBoundary("npr-beta", 400, 0)));
    }

    private void open(double width, double height) throws Exception {
        model = new DashboardViewModel();
        DialogService dialogs = new DialogService() {
            @Override
            public void showError(String header, String message) {
                errors.add(header + "\n" + message);
            }

            @Override
            public void showInformation(String header, String message) {
                errors.add("info: " + header);
            }
        };
        fx(() -> {
            dashboard = new MetricsDashboard(model, tasks, dialogs);
            stage = new Stage();
            Scene scene = new Scene(dashboard, width, height);
            Theme.apply(scene);
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ChartTile tileOf(String id) {
        return dashboard.tile(id);
    }

    private static int drawn(ChartTile tile) {
        return tile.chart().lines().stream().mapToInt(FrameLine::size).sum();
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(condition).get(TIMEOUT_S, TimeUnit.SECONDS));
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void fx(Runnable run) throws Exception {
        WaitForAsyncUtils.asyncFx(run).get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
