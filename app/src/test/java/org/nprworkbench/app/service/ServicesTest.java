package org.nprworkbench.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.graph.GraphJson;
import org.nprworkbench.input.BadInputException;

/**
 * The solve, generate, model and evaluate services on a real micro checkpoint, called as the window
 * calls them (no command line): plain records out, bad input as {@link BadInputException}.
 */
class ServicesTest {
    @TempDir
    static Path shared;

    static Path checkpoint;
    static final DeviceChoice CPU = new DeviceChoice("cpu");

    @BeforeAll
    static void micro() {
        checkpoint = shared.resolve("micro");
        new ModelService().init("micro", checkpoint, 3, false);
    }

    @Test
    void solveReturnsTheTextGraphAndFiguresOfOneRun() {
        SolveService.Request q = new SolveService.Request(checkpoint, "2+2?", "auto", true, 24, 0, 0.7, 0, CPU);
        SolveService.Result r = new SolveService().solve(q);
        assertEquals(r.graph().totalTokens(), r.totalTokens(), "the figures are the graph's");
        assertTrue(r.criticalPath() >= 1 && r.criticalPath() <= r.totalTokens(), r.criticalPath() + " of " + r.totalTokens());
        SolveService.Result again = new SolveService().solve(q);
        assertEquals(r.text(), again.text(), "greedy decoding is repeatable");
        assertEquals(GraphJson.write(r.graph()).replaceAll("\"wall_time_seconds\":[0-9.eE-]+", ""),
                GraphJson.write(again.graph()).replaceAll("\"wall_time_seconds\":[0-9.eE-]+", ""));
        BadInputException small = assertThrows(BadInputException.class, () -> new SolveService().solve(
                new SolveService.Request(checkpoint, "2+2?", "auto", true, 8, 0, 0.7, 0, CPU)));
        assertEquals("--max-tokens 8: must be 16 or more", small.getMessage());
    }

    @Test
    void aPromptThatFillsTheContextIsBadInputNamingItsLength() {
        int context = new ModelService().info(checkpoint).architecture().maxPositions();
        String problem = "1+".repeat(context) + "1";
        BadInputException e = assertThrows(BadInputException.class, () -> new SolveService().solve(
                new SolveService.Request(checkpoint, problem, "bare", false, 64, 0, 0.7, 0, CPU)));
        assertTrue(e.getMessage().contains("no room left in the model's context of " + context), e.getMessage());
    }

    @Test
    void generateIsRepeatableForASeed() {
        GenerateService.Request q = new GenerateService.Request(checkpoint, "hello", false, 8, 1.0, 0.9, 0, 1.0, 5, CPU);
        String a = new GenerateService().generate(q);
        assertEquals(a, new GenerateService().generate(q));
    }

    @Test
    void modelInfoAndScoreArePlainRecords() {
        ModelService models = new ModelService();
        ModelService.Info info = models.info(checkpoint);
        assertEquals(2, info.architecture().layers());
        assertEquals(64, info.architecture().hiddenSize());
        assertEquals(128, info.architecture().vocabSize());
        assertEquals("init", info.provenance().stage());
        ModelService.Scores s = models.score(checkpoint, "<step>1: 7*8</step>", CPU);
        double sum = s.tokens().stream().mapToDouble(ModelService.TokenScore::logProb).filter(x -> !Double.isNaN(x)).sum();
        assertEquals(s.totalLogProb(), sum, 1e-6);
        assertEquals(-s.totalLogProb() / s.scored(), s.meanNll(), 1e-9);
        BadInputException again = assertThrows(BadInputException.class, () -> models.init("micro", checkpoint, 3, false));
        assertTrue(again.getMessage().contains("already holds a checkpoint"), again.getMessage());
    }

    @Test
    void evaluateGradesEachLine() throws Exception {
        Path file = Files.writeString(shared.resolve("answers.jsonl"),
                "{\"problem\": \"What is 2+3?\", \"answer\": \"5\", \"response\": \"\\\\boxed{5}\"}\n"
                        + "{\"problem\": \"What is 2+3?\", \"answer\": \"5\", \"response\": \"\\\\boxed{6}\"}\n");
        EvaluateService.Report r = new EvaluateService().check("math", file, false);
        assertEquals(2, r.lines().size());
        assertEquals(1, r.correct());
        assertEquals(0.5, r.accuracy(), 0);
        assertEquals(new EvaluateService.Line(1, true), r.lines().get(0));
    }
}
