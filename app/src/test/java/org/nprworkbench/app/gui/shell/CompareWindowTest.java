package org.nprworkbench.app.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import ai.djl.Device;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.compare.CompareView;
import org.nprworkbench.app.gui.compare.CompareViewModel;
import org.nprworkbench.app.gui.compare.ComparedProblem;
import org.nprworkbench.app.gui.compare.ProblemFilter;
import org.nprworkbench.app.gui.fixture.WindowFixture;
import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.service.CheckpointCatalogue;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.visualizer.graph.ExecutionGraphView;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Compare page in the workbench window under headless Monocle: two micro checkpoints compared by
 * the scripted window ({@code npr workbench --view compare --compare A,B --screenshot}), the metrics
 * table, the filters, both answers' graphs and texts side by side with synchronised scrolling, and the
 * PNG export of the two graphs.
 */
class CompareWindowTest {
    private static final long TIMEOUT_S = 120;

    @TempDir
    Path dir;

    @RegisterExtension
    final WindowFixture ui = new WindowFixture(TIMEOUT_S);

    @Test
    void twoCheckpointsAreComparedFilteredAndShownSideBySide() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Checkpoint.init("micro", a, 1, Device.cpu()).close();
        Checkpoint.init("micro", b, 2, Device.cpu()).close();
        Path png = dir.resolve("compare.png");
        DataHome home = new DataHome(dir.resolve("home")).ensure();
        ui.open(home);
        CompareViewModel vm = ui.window().viewModel().compare();
        ui.fx(() -> {
            vm.nProperty().set(3);
            vm.maxTokensProperty().set(24);
            vm.engineProperty().set("parallel");
        });
        CompletableFuture<Void> done = ui.fx(() -> Workbench.script(ui.window(),
                new WorkbenchOptions(png, null, Section.COMPARE, null, null, List.of(a.toString(), b.toString()))));
        done.get(TIMEOUT_S, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((int) WorkbenchWindow.WIDTH, image.getWidth());
        ui.keep(png, "compare-script");

        TableView<?> metrics = ui.find("#compare-metrics");
        assertEquals(9, ui.fx(() -> metrics.getItems().size()));
        assertEquals(3, ui.fx(() -> metrics.getColumns().size()), "the metric and one column per checkpoint");
        TableView<?> problems = ui.find("#compare-problems");
        assertEquals(3, ui.fx(() -> problems.getItems().size()));
        assertTrue(ui.fx(() -> !ui.find("#compare-empty").isVisible()));

        // both answers of the selected problem: graphs drawn, verdicts marked, the texts scroll together
        ComparedProblem first = ui.fx(() -> vm.selectedProperty().get());
        assertEquals(0, first.index());
        for (String side : List.of("a", "b")) {
            ExecutionGraphView g = ui.find("#compare-" + side + "-graph");
            assertTrue(ui.fx(() -> g.graphStreamView().getViewer().getGraphicGraph().getNodeCount()) >= 2, side);
            int answer = side.equals("a") ? 0 : 1;
            long prompts = first.answer(answer).model().graph().nodes().stream().filter(n -> n.kind() == NodeKind.PROMPT).count();
            assertEquals(1, prompts);
            String title = ui.<Label>find("#compare-" + side + "-title").getText();
            assertTrue(title.startsWith(side.toUpperCase() + ": ") && title.contains(first.answer(answer).correct() ? "\u2713" : "\u2717"), title);
        }
        ScrollPane left = ui.find("#compare-a-scroll");
        ScrollPane right = ui.find("#compare-b-scroll");
        ui.fx(() -> left.setVvalue(0.5));
        assertEquals(0.5, ui.fx(right::getVvalue), 1e-9, "synchronised scrolling");

        // the filters, chosen in the page: random micro models answer nothing right
        ChoiceBox<ProblemFilter> filter = ui.find("#compare-filter");
        ui.fx(() -> filter.setValue(ProblemFilter.ONLY_A_CORRECT));
        assertEquals(ProblemFilter.ONLY_A_CORRECT, ui.fx(() -> vm.filterProperty().get()));
        assertEquals(0, ui.fx(() -> problems.getItems().size()));
        assertEquals("A", ui.<Label>find("#compare-a-title").getText(), "nothing selected, nothing shown");
        ui.fx(() -> filter.setValue(ProblemFilter.BOTH_WRONG));
        assertEquals(3, ui.fx(() -> problems.getItems().size()));
        ui.fx(() -> filter.setValue(ProblemFilter.LARGEST_SPEED_DIFFERENCE));
        List<Double> gaps = ui.fx(() -> vm.shownProblems().stream().map(p -> CompareViewModel.speedDifference(p, 0, 1)).toList());
        assertEquals(gaps.stream().sorted((x, y) -> Double.compare(y, x)).toList(), gaps, "largest first");
        ui.robot().clickOn(ui.fx(() -> problems.lookupAll(".table-row-cell").stream().skip(1).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ui.fx(() -> vm.shownProblems().get(1)), ui.fx(() -> vm.selectedProperty().get()), "a clicked row is shown");

        // the two graphs as PNG
        Path graphs = dir.resolve("graphs.png");
        ExecutionGraphView ga = ui.find("#compare-a-graph");
        ExecutionGraphView gb = ui.find("#compare-b-graph");
        ui.fx(() -> vm.exportGraphs(CompareView.capture(ga), CompareView.capture(gb), graphs));
        ui.fx(() -> ui.window().whenSettled()).get(TIMEOUT_S, TimeUnit.SECONDS);
        for (String side : List.of("A", "B")) {
            BufferedImage g = ImageIO.read(dir.resolve("graphs-" + side + ".png").toFile());
            assertTrue(g.getWidth() > 100 && g.getHeight() > 100, side + " " + g.getWidth() + "x" + g.getHeight());
        }
    }

    @Test
    void theOverviewOffersNprVersusSrWhenTheShippedCheckpointsAreThere() throws Exception {
        DataHome home = new DataHome(dir.resolve("home")).ensure();
        Path npr = dir.resolve("npr");
        Path sr = dir.resolve("sr");
        Checkpoint.init("micro", npr, 1, Device.cpu()).close();
        Checkpoint.init("micro", sr, 2, Device.cpu()).close();
        CheckpointCatalogue catalogue = new CheckpointCatalogue(home);
        catalogue.add(npr, CompareViewModel.QUICKSTART_NPR);
        catalogue.add(sr, CompareViewModel.QUICKSTART_SR);
        ui.open(home);
        ui.fx(() -> ui.window().whenSettled()).get(TIMEOUT_S, TimeUnit.SECONDS);
        CompareViewModel vm = ui.window().viewModel().compare();
        ui.fx(() -> {
            vm.nProperty().set(2);
            vm.maxTokensProperty().set(16);
        });
        Node offer = ui.find("#overview-compare-quickstart");
        assertTrue(ui.fx(offer::isVisible), "the Overview offers the comparison");
        ui.robot().clickOn(offer);
        ui.fx(() -> ui.window().whenSettled()).get(TIMEOUT_S, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Section.COMPARE, ui.fx(() -> ui.window().viewModel().sectionProperty().get()));
        assertEquals(List.of(CompareViewModel.QUICKSTART_NPR, CompareViewModel.QUICKSTART_SR), ui.fx(() -> List.copyOf(vm.columns())));
        assertEquals(2, ui.fx(() -> vm.allProblems().size()));
        assertEquals(CompareViewModel.QUICKSTART_TASK, ui.fx(() -> vm.taskProperty().get()), "the problems they were trained for");
        assertEquals("items=5,digits=3", ui.fx(() -> vm.knobsProperty().get()));
        assertTrue(ui.fx(() -> vm.allProblems().get(0).problem().text()).split(",").length == 5, "five numbers");
    }

}
