package org.nprworkbench.visualizer.dashboard;

import java.util.ArrayList;
import java.util.List;

import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;

import org.nprworkbench.visualizer.chart.ChartViewModel;
import org.nprworkbench.visualizer.chart.DashboardViewModel;
import org.nprworkbench.visualizer.chart.Ema;
import org.nprworkbench.visualizer.chart.RunEntry;
import org.nprworkbench.visualizer.chart.RunPalette;
import org.nprworkbench.visualizer.chart.XAxisMode;
import org.nprworkbench.visualizer.dialog.DialogService;
import org.nprworkbench.visualizer.task.TaskRunner;

/**
 * The live-metrics dashboard: a toolbar (which charts, EMA smoothing, x axis, baseline, reset zoom),
 * a legend of the runs (click to overlay or hide one; the baseline is always on) and the charts as
 * small multiples that follow the {@link DashboardViewModel} while rows arrive.
 *
 * <p>Redrawing is paced: on each JavaFX pulse an {@link AnimationTimer} redraws charts whose drawing
 * is out of date and stops for the pulse once {@link #PULSE_BUDGET_NS} is spent (continuing
 * round-robin on the next), so a burst of rows on every chart never makes one long frame. A chart the
 * user changed (smoothing, axes, zoom, runs) is redrawn on the next pulse with room; new points alone
 * redraw a chart at most every {@link #DATA_REDRAW_INTERVAL_NS}. Add {@code dashboard.css} (see
 * {@link #stylesheet()}) after the visualizer theme.
 */
public final class MetricsDashboard extends BorderPane {
    /** The least time between two redraws of one chart for new points alone. */
    public static final long DATA_REDRAW_INTERVAL_NS = 250_000_000L;
    /** The redraw work one pulse may do before it leaves the rest for the next pulse. */
    public static final long PULSE_BUDGET_NS = 8_000_000L;

    private static final String NO_BASELINE = "None";

    private final DashboardViewModel model;
    private final List<ChartTile> tiles = new ArrayList<>();
    private final SmallMultiplesPane grid = new SmallMultiplesPane();
    private final FlowPane legend = new FlowPane(14, 6);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final AnimationTimer pacer;
    private int cursor;
    private boolean awake;
    private long redraws;

    public MetricsDashboard(DashboardViewModel model, TaskRunner tasks, DialogService dialogs) {
        this.model = model;
        getStyleClass().add("metrics-dashboard");
        setId("metrics-dashboard");
        getStylesheets().add(stylesheet());
        for (ChartViewModel chart : model.charts()) {
            ChartTile tile = new ChartTile(chart, model, tasks, dialogs, ChartStyle.LIGHT, this::wake);
            tile.visibleProperty().bind(chart.shownProperty());
            tile.managedProperty().bind(chart.shownProperty());
            tiles.add(tile);
        }
        grid.getChildren().addAll(tiles);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("dashboard-scroll");
        scroll.setId("dashboard-scroll");
        // The scroll pane's skin caches its viewport as one image, which makes every chart redraw
        // repaint every tile; the charts' canvases are their own caches already.
        scroll.skinProperty().addListener((o, was, is) -> {
            javafx.scene.Node viewport = scroll.lookup(".viewport");
            if (viewport != null) {
                viewport.setCache(false);
            }
        });

        legend.setId("dashboard-legend");
        legend.getStyleClass().add("dashboard-legend");
        model.runs().addListener((ListChangeListener<RunEntry>) c -> rebuildLegend());
        model.baselineProperty().addListener((o, was, is) -> rebuildLegend());
        rebuildLegend();

        VBox top = new VBox(toolbar(), legend);
        top.getStyleClass().add("dashboard-top");
        setTop(top);
        setCenter(scroll);

        dark.addListener((o, was, is) -> {
            getStyleClass().remove("dark");
            if (is) {
                getStyleClass().add("dark");
            }
            tiles.forEach(t -> t.chart().setStyle(is ? ChartStyle.DARK : ChartStyle.LIGHT));
        });
        pacer = new AnimationTimer() {
            private int idle;

            @Override
            public void handle(long now) {
                redrawDue(System.nanoTime());
                // Sleep once nothing has been out of date for half a second (an animation timer
                // keeps JavaFX pulsing 60 times a second); changes wake it.
                idle = tiles.stream().anyMatch(t -> t.isVisible() && t.stale()) ? 0 : idle + 1;
                if (idle > 30) {
                    idle = 0;
                    awake = false;
                    stop();
                }
            }
        };
        model.addChangeListener(this::wake);
        sceneProperty().addListener((o, was, is) -> {
            awake = is != null;
            if (awake) {
                pacer.start();
            } else {
                pacer.stop();
            }
        });
    }

    /** Starts the redraw loop if it sleeps (and the dashboard is in a scene). */
    private void wake() {
        if (getScene() != null) {
            awake = true;
            pacer.start();
        }
    }

    /** Whether the redraw loop runs (it sleeps while every chart is up to date). */
    boolean awake() {
        return awake;
    }

    /** The dashboard's stylesheet URL. */
    public static String stylesheet() {
        return MetricsDashboard.class.getResource("dashboard.css").toExternalForm();
    }

    /** The controls above the charts; they wrap onto a second line rather than shrink when the page is narrow. */
    private FlowPane toolbar() {
        MenuButton charts = new MenuButton("Charts");
        charts.setId("dashboard-charts");
        for (ChartViewModel chart : model.charts()) {
            CheckMenuItem item = new CheckMenuItem(chart.spec().title());
            item.setId("dashboard-chart-toggle-" + chart.spec().id());
            item.selectedProperty().bindBidirectional(chart.shownProperty());
            charts.getItems().add(item);
        }
        MenuItem all = new MenuItem("Show all");
        all.setOnAction(e -> model.charts().forEach(c -> c.shownProperty().set(true)));
        charts.getItems().addAll(new SeparatorMenuItem(), all);

        Slider smoothing = new Slider(0, Ema.MAX_WEIGHT, model.smoothingProperty().get());
        smoothing.setId("dashboard-smoothing");
        smoothing.setPrefWidth(140);
        smoothing.valueProperty().bindBidirectional(model.smoothingProperty());
        Label smoothingValue = new Label();
        smoothingValue.getStyleClass().add("toolbar-value");
        smoothingValue.textProperty().bind(model.smoothingProperty().asString("%.2f"));
        smoothingValue.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip.install(smoothing, new Tooltip("Exponential moving average weight; 0 shows the raw values"));

        ToggleGroup axis = new ToggleGroup();
        HBox axes = new HBox();
        axes.getStyleClass().add("segmented");
        for (XAxisMode mode : XAxisMode.values()) {
            ToggleButton b = new ToggleButton(mode.title());
            b.setId("dashboard-x-" + mode.name().toLowerCase().replace('_', '-'));
            b.setToggleGroup(axis);
            b.setUserData(mode);
            b.setSelected(model.xAxisProperty().get() == mode);
            axes.getChildren().add(b);
        }
        axis.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null) {
                was.setSelected(true);
            } else {
                model.xAxisProperty().set((XAxisMode) is.getUserData());
            }
        });
        model.xAxisProperty().addListener((o, was, is) -> axis.getToggles().stream()
                .filter(t -> t.getUserData() == is).findFirst().ifPresent(t -> t.setSelected(true)));

        ChoiceBox<String> baseline = new ChoiceBox<>();
        baseline.setId("dashboard-baseline");
        baseline.getItems().add(NO_BASELINE);
        model.runs().forEach(r -> baseline.getItems().add(r.name()));
        baseline.setValue(model.baselineProperty().get() == null ? NO_BASELINE : model.baselineProperty().get());
        // Items are added and removed one by one: replacing them all would clear the selection.
        model.runs().addListener((ListChangeListener<RunEntry>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(r -> baseline.getItems().remove(r.name()));
                c.getAddedSubList().forEach(r -> baseline.getItems().add(r.name()));
            }
        });
        baseline.valueProperty().addListener((o, was, is) -> {
            String run = is == null || is.equals(NO_BASELINE) ? null : is;
            if (!java.util.Objects.equals(run, model.baselineProperty().get())) {
                model.baselineProperty().set(run);
            }
        });
        model.baselineProperty().addListener((o, was, is) -> baseline.setValue(is == null ? NO_BASELINE : is));
        baseline.setTooltip(new Tooltip("The run drawn dashed on every chart as the reference, e.g. the SR baseline"));

        Button reset = new Button("Reset zoom");
        reset.setId("dashboard-reset-zoom");
        reset.setOnAction(e -> tiles.forEach(t -> t.chart().resetZoom()));

        for (Region r : List.of(charts, baseline, reset)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        axes.getChildren().forEach(b -> ((Region) b).setMinWidth(Region.USE_PREF_SIZE));
        axes.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane bar = new FlowPane(10, 6, group(charts), group(label("Smoothing"), smoothing, smoothingValue),
                group(label("X axis"), axes), group(label("Baseline"), baseline), reset);
        bar.getStyleClass().add("dashboard-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** Controls kept together on one line of the toolbar. */
    private static HBox group(javafx.scene.Node... nodes) {
        HBox box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("toolbar-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private void rebuildLegend() {
        legend.getChildren().clear();
        if (model.runs().isEmpty()) {
            Label none = new Label("No runs yet: the charts fill in as metrics arrive.");
            none.getStyleClass().add("legend-empty");
            legend.getChildren().add(none);
            return;
        }
        String pinned = model.baselineProperty().get();
        for (RunEntry run : model.runs()) {
            boolean baseline = run.name().equals(pinned);
            Line swatch = new Line(0, 0, 18, 0);
            swatch.setStrokeWidth(3);
            swatch.setStroke(Color.web(baseline ? RunPalette.BASELINE : run.colour()));
            if (baseline) {
                swatch.getStrokeDashArray().addAll(5.0, 3.0);
            }
            CheckBox chip = new CheckBox(baseline ? run.name() + "  (baseline)" : run.name());
            chip.setId("legend-" + run.name());
            chip.getStyleClass().add("legend-chip");
            chip.setGraphic(swatch);
            chip.setFocusTraversable(false);
            if (baseline) {
                chip.setSelected(true);
                chip.setDisable(true);
                chip.setTooltip(new Tooltip("The pinned reference is always drawn; unpin it under Baseline"));
            } else {
                chip.selectedProperty().bindBidirectional(run.shownProperty());
                chip.setTooltip(new Tooltip("Overlay or hide " + run.name()));
            }
            legend.getChildren().add(chip);
        }
    }

    /** Redraws charts that are out of date, within the pulse budget; returns how many it redrew. */
    int redrawDue(long now) {
        long start = System.nanoTime();
        int n = tiles.size();
        int done = 0;
        for (int k = 0; k < n; k++) {
            int i = (cursor + k) % n;
            ChartTile tile = tiles.get(i);
            if (!tile.isVisible() || !tile.stale()
                    || !tile.urgent() && now - tile.lastRefreshStart() < DATA_REDRAW_INTERVAL_NS) {
                continue;
            }
            tile.refresh();
            done++;
            redraws++;
            if (System.nanoTime() - start > PULSE_BUDGET_NS) {
                cursor = (i + 1) % n;
                return done;
            }
        }
        return done;
    }

    /** Redraws every shown chart that is out of date now, ignoring the pacing (before a screenshot or export). */
    public void redrawNow() {
        for (ChartTile tile : tiles) {
            if (tile.isVisible() && tile.stale()) {
                tile.refresh();
                redraws++;
            }
        }
    }

    /** How many chart redraws the dashboard has done. */
    public long redraws() {
        return redraws;
    }

    /** The view model shown. */
    public DashboardViewModel model() {
        return model;
    }

    /** Every chart tile, shown or not, in catalogue order. */
    public List<ChartTile> tiles() {
        return List.copyOf(tiles);
    }

    /** The tile of a chart. */
    public ChartTile tile(String chartId) {
        return tiles.stream().filter(t -> t.model().spec().id().equals(chartId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no chart " + chartId));
    }

    /** Dark colours for the dashboard and its charts. */
    public BooleanProperty darkProperty() {
        return dark;
    }
}
