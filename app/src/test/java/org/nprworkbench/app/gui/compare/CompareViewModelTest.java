package org.nprworkbench.app.gui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.fixture.CurrentThreadTasks;
import org.nprworkbench.app.gui.fixture.RecordedDialogs;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.trainer.eval.EvalResult;

/** The Compare page's state without a window: metrics and their colours, filters, CSV, a real run, cancel. */
class CompareViewModelTest {
    @TempDir
    Path dir;

    private final CurrentThreadTasks tasks = new CurrentThreadTasks();
    private final RecordedDialogs dialogs = new RecordedDialogs();
    private final List<String> progress = new ArrayList<>();

    private CompareViewModel vm() {
        return new CompareViewModel(new DataHome(dir.resolve("home")).ensure(), tasks, dialogs, Runnable::run);
    }

    private static EvalResult result(double accuracy, double tokens, double critical, double tps, double latency) {
        return new EvalResult("parallel", 1, 4, accuracy, accuracy, 1.0, 0.0, 0.5, 0.0, tokens, critical,
                tokens / critical, tps, latency, List.of());
    }

    @Test
    void metricsAreJudgedAgainstTheFirstCheckpointInTheirDirection() {
        List<MetricRow> rows = CompareViewModel.metricRows(List.of(result(0.5, 100, 50, 200, 300),
                result(0.75, 100, 25, 100, 400), result(0.5, 80, 80, 400, 100)));
        MetricRow accuracy = rows.get(0);
        assertEquals("Accuracy (avg@k)", accuracy.name());
        assertEquals(List.of(0, 1, 0), accuracy.changes(), "higher accuracy is better; equal is not coloured");
        MetricRow c = rows.stream().filter(r -> r.name().startsWith("Mean C")).findFirst().orElseThrow();
        assertEquals(List.of(0, 1, -1), c.changes(), "a shorter critical path is better");
        MetricRow t = rows.stream().filter(r -> r.name().startsWith("Mean T")).findFirst().orElseThrow();
        assertEquals(List.of(0, 0, 0), t.changes(), "T alone is not judged");
        MetricRow ratio = rows.stream().filter(r -> r.name().startsWith("TPS ratio")).findFirst().orElseThrow();
        assertEquals(List.of("1.00x", "0.50x", "2.00x"), ratio.texts());
        assertEquals(List.of(0, -1, 1), ratio.changes());
        MetricRow latency = rows.get(rows.size() - 1);
        assertEquals(List.of(0, -1, 1), latency.changes(), "lower latency is better");
        assertEquals(9, rows.size(), "accuracy, format, parallel, T, C, T/C, TPS, ratio, latency");
    }

    private static ComparedAnswer answer(boolean correct, double latencyMs) {
        return new ComparedAnswer(correct, correct ? "4" : "5", "text", 10, 5, latencyMs, null, null);
    }

    private static ComparedProblem problem(int i, boolean a, boolean b, double la, double lb) {
        return new ComparedProblem(i, 0, new Problem("p" + i, "arithmetic", Split.TEST, "1+" + i, "4"),
                List.of(answer(a, la), answer(b, lb)));
    }

    private static List<Integer> shown(CompareViewModel vm) {
        return vm.shownProblems().stream().map(ComparedProblem::index).toList();
    }

    @Test
    void filtersKeepTheProblemsTheySayAndSwapWithAAndB() {
        CompareViewModel vm = vm();
        vm.show(new CompareViewModel.Comparison(List.of("npr", "sr"), List.of(result(0.5, 1, 1, 1, 1), result(0.5, 1, 1, 1, 1)),
                List.of(problem(0, true, false, 100, 150), problem(1, false, true, 100, 900), problem(2, false, false, 400, 100),
                        problem(3, true, true, 50, 60))));
        assertEquals(List.of(0, 1, 2, 3), shown(vm));
        assertEquals(0, vm.selectedProperty().get().index(), "the first problem is selected");
        vm.filterProperty().set(ProblemFilter.ONLY_A_CORRECT);
        assertEquals(List.of(0), shown(vm));
        vm.filterProperty().set(ProblemFilter.ONLY_B_CORRECT);
        assertEquals(List.of(1), shown(vm));
        assertEquals(1, vm.selectedProperty().get().index(), "the selection moves into the filtered list");
        vm.filterProperty().set(ProblemFilter.BOTH_WRONG);
        assertEquals(List.of(2), shown(vm));
        vm.filterProperty().set(ProblemFilter.LARGEST_SPEED_DIFFERENCE);
        assertEquals(List.of(1, 2, 0, 3), shown(vm), "800, 300, 50, 10 ms apart");
        vm.aProperty().set(1);
        vm.bProperty().set(0);
        vm.filterProperty().set(ProblemFilter.ONLY_A_CORRECT);
        assertEquals(List.of(1), shown(vm), "A is now the second checkpoint");
    }

    @Test
    void theCsvHoldsTheMetricsAndEveryAnswer() {
        CompareViewModel vm = vm();
        vm.show(new CompareViewModel.Comparison(List.of("npr", "runs/x,y"), List.of(result(0.5, 1, 1, 1, 1), result(0.25, 1, 1, 1, 1)),
                List.of(problem(0, true, false, 100, 150))));
        String[] lines = vm.csv().split("\n");
        assertEquals("metric,npr,\"runs/x,y\"", lines[0]);
        assertTrue(lines[1].startsWith("Accuracy (avg@k),0.500000,0.250000"), lines[1]);
        assertEquals("", lines[10]);
        assertTrue(lines[11].startsWith("problem,sample,reference,npr correct,npr T,npr C,npr latency_ms,npr answer,"
                + "\"runs/x,y correct\""), lines[11]);
        assertEquals("p0,0,4,true,10,5,100.000,4,false,10,5,150.000,5", lines[12]);
    }

    @Test
    void twoMicroCheckpointsAnswerTheSameProblemsAndSeeds() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Checkpoint.init("micro", a, 1, Device.cpu()).close();
        Checkpoint.init("micro", b, 2, Device.cpu()).close();
        CompareViewModel vm = vm();
        vm.progressProperty().addListener((o, was, now) -> progress.add(vm.statusProperty().get()));
        vm.add(a.toString());
        vm.add(b.toString());
        vm.add(a.toString());
        assertEquals(2, vm.chosen().size(), "a checkpoint is added once");
        vm.nProperty().set(5);
        vm.maxTokensProperty().set(24);
        vm.engineProperty().set("parallel");
        vm.run();
        assertTrue(dialogs.errors().isEmpty(), dialogs.errors().toString());
        assertFalse(vm.busyProperty().get());
        assertEquals(1.0, vm.progressProperty().get());
        assertTrue(vm.hasResultProperty().get());
        assertEquals(List.of(a.toString(), b.toString()), vm.columns());
        assertEquals(9, vm.metrics().size());
        assertEquals(5, vm.allProblems().size(), "5 problems x 1 sample");
        for (ComparedProblem p : vm.allProblems()) {
            assertEquals(2, p.answers().size());
            assertNotNull(p.answer(1).model().layout(), "each answer's graph is laid out");
        }
        assertTrue(progress.stream().anyMatch(s -> s.contains("problems 5-5 of 5")), progress.toString());
        assertEquals(1.0, vm.metrics().get(7).values().get(0), "the first checkpoint's TPS ratio is 1");
        Path csv = dir.resolve("c.csv");
        vm.exportCsv(csv);
        assertEquals(vm.csv(), Files.readString(csv));

        // cancelled at the first progress report: nothing is shown as a result, no error dialog
        CompareViewModel cancelled = vm();
        cancelled.chosen().setAll(a.toString(), b.toString());
        cancelled.statusProperty().addListener((o, was, now) -> {
            if (now.startsWith("Loading")) {
                cancelled.cancel();
            }
        });
        cancelled.run();
        assertEquals("Cancelled", cancelled.statusProperty().get());
        assertFalse(cancelled.hasResultProperty().get());
        assertTrue(dialogs.errors().isEmpty(), dialogs.errors().toString());
    }

    @Test
    void fewerThanTwoCheckpointsOrAnUnknownNameIsReported() {
        CompareViewModel vm = vm();
        vm.add("only-one");
        vm.run();
        assertTrue(dialogs.errors().get(0).contains("pick two or more checkpoints"), dialogs.errors().toString());
        vm.add("another");
        vm.run();
        assertTrue(dialogs.errors().get(1).contains("'only-one' is neither a checkpoint folder nor a checkpoint name"),
                dialogs.errors().toString());
        assertEquals("Failed", vm.statusProperty().get());
    }
}
