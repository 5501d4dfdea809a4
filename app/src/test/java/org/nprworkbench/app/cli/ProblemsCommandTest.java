package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nprworkbench.problems.task.TaskRegistry;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class ProblemsCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String line(String problem, String answer, String response) {
        JsonObject o = new JsonObject();
        o.addProperty("problem", problem);
        o.addProperty("answer", answer);
        o.addProperty("response", response);
        return o + "\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "list", "sample", "check"})
    void everyVerbHasHelp(String verb) {
        CliRun r = verb.isEmpty() ? CliRun.of("problems", "--help") : CliRun.of("problems", verb, "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Usage: npr problems"), r.out());
    }

    @Test
    void listShowsFamiliesAndKnobs() {
        CliRun r = CliRun.of("problems", "list");
        assertEquals(0, r.status(), r.err());
        for (var t : TaskRegistry.tasks()) {
            assertTrue(r.out().contains(t.name() + ": "), t.name());
            t.knobs().forEach(k -> assertTrue(r.out().contains(k.name()), k.name()));
        }
        assertTrue(r.out().contains("math: check only"));
        CliRun j = CliRun.of("problems", "list", "--json");
        List<String> lines = j.out().lines().toList();
        assertEquals(TaskRegistry.tasks().size(), lines.size());
        assertEquals("arithmetic", JsonParser.parseString(lines.get(0)).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void sampleJsonLines() {
        CliRun r = CliRun.of("problems", "sample", "--task", "countdown", "--split", "test", "--n", "3", "--json");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size());
        for (String l : lines) {
            JsonObject o = JsonParser.parseString(l).getAsJsonObject();
            assertEquals("countdown", o.get("task").getAsString());
            assertEquals("test", o.get("split").getAsString());
            assertTrue(o.get("id").getAsString().startsWith("countdown-test-"));
            assertTrue(TaskRegistry.get("countdown").accepts(o.get("problem").getAsString(), o.get("answer").getAsString()));
        }
        assertEquals(r.out(), CliRun.of("problems", "sample", "--task", "countdown", "--split", "test", "--n", "3",
                "--json").out(), "reproducible");
    }

    @Test
    void sampleWithKnobsAndSolutions() {
        CliRun r = CliRun.of("problems", "sample", "--task", "arithmetic", "--n", "2", "--difficulty", "2",
                "--knob", "terms=5", "--format", "npr");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("solution (npr):\n<guideline>\n<plan>1: "), r.out());
        assertTrue(r.out().lines().filter(l -> l.startsWith("Compute ")).allMatch(l -> l.split("\\(").length == 6), r.out());
        CliRun j = CliRun.of("problems", "sample", "--task", "candidates", "--n", "1", "--format", "cot", "--json");
        JsonObject o = JsonParser.parseString(j.out()).getAsJsonObject();
        assertEquals("cot", o.get("style").getAsString());
        assertTrue(o.get("solution").getAsString().contains("\\boxed{"), j.out());
    }

    @Test
    void badSampleRequestsExitWithStatus2() {
        CliRun unknown = CliRun.of("problems", "sample", "--task", "sudoku");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown task \"sudoku\"") && unknown.err().contains("countdown"), unknown.err());
        assertEquals(2, CliRun.of("problems", "sample", "--task", "countdown", "--split", "training").status());
        assertEquals(2, CliRun.of("problems", "sample", "--task", "countdown", "--knob", "numbers=99").status());
        assertEquals(2, CliRun.of("problems", "sample", "--task", "countdown", "--knob", "colour=1").status());
        assertEquals(2, CliRun.of("problems", "sample", "--task", "countdown", "--difficulty", "9").status());
        assertEquals(2, CliRun.of("problems", "sample", "--task", "countdown", "--format", "latex").status());
    }

    @Test
    void checkPrintsAccuracy() throws IOException {
        String p = "Make 22 from 3, 5, 7 with + - * / (each at most once).";
        Path f = write("answers.jsonl", line(p, "3*5+7", "so \\boxed{7+3*5}")
                + line(p, "3*5+7", "\\boxed{5*5-3}")
                + line("Compute 23*47 and check it 2 ways.", "1081", "The answer is \\boxed{1,081}.")
                + line("Compute (3*4)+(5*6).", "42", "\\boxed{42}"));
        CliRun countdown = CliRun.of("problems", "check", "--task", "countdown", f.toString());
        assertEquals(2, countdown.status(), "foreign problems in a countdown file are bad input");
        assertTrue(countdown.err().contains("answers.jsonl: line 3") && countdown.err().contains("--skip-bad-lines"),
                countdown.err());

        CliRun skipping = CliRun.of("problems", "check", "--task", "countdown", "--skip-bad-lines", f.toString());
        assertEquals(0, skipping.status(), skipping.err());
        assertTrue(skipping.out().contains("1 of 2 correct, accuracy 50.0%"), skipping.out());
        assertTrue(skipping.err().contains("skipped " + f + ": line 3: ") && skipping.err().contains(": line 4: "),
                skipping.err());

        CliRun json = CliRun.of("problems", "check", "--task", "countdown", "--skip-bad-lines", "--json", f.toString());
        JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
        assertEquals(2, o.get("total").getAsInt());
        assertEquals(0.5, o.get("accuracy").getAsDouble());
        assertEquals(2, o.getAsJsonArray("skipped").size());
        assertEquals("line 3", o.getAsJsonArray("skipped").get(0).getAsJsonObject().get("where").getAsString());
    }

    @Test
    void checkMathUsesTheGrader() throws IOException {
        Path f = write("math.jsonl", line("Compute 1/2+1/4.", "\\frac{3}{4}", "We get \\boxed{0.75}.")
                + line("What is 2+2?", "4", "The answer is 5.")
                + line("Angle?", "30^\\circ", "\\boxed{30}"));
        CliRun r = CliRun.of("problems", "check", "--task", "math", f.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("2 of 3 correct, accuracy 66.7% (task math)"), r.out());
    }

    @Test
    void brokenFilesExitWithStatus2() throws IOException {
        Path broken = write("broken.jsonl", line("Q", "1", "\\boxed{1}") + "{\"problem\": \"Q\", \n");
        CliRun r = CliRun.of("problems", "check", "--task", "math", broken.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("npr: " + broken + ": line 2, column 18: not valid JSON"), r.err());
        assertTrue(!r.err().contains("Exception"), "no stack trace: " + r.err());

        Path missing = write("missing.jsonl", "{\"problem\": \"Q\", \"response\": \"1\"}\n");
        CliRun m = CliRun.of("problems", "check", "--task", "math", missing.toString());
        assertEquals(2, m.status());
        assertTrue(m.err().contains("line 1: missing field \"answer\""), m.err());

        assertEquals(2, CliRun.of("problems", "check", "--task", "math", write("empty.jsonl", "").toString()).status());
        Path latin = dir.resolve("latin.jsonl");
        Files.write(latin, line("caf\u00e9", "1", "1").getBytes(StandardCharsets.ISO_8859_1));
        CliRun l = CliRun.of("problems", "check", "--task", "math", latin.toString());
        assertEquals(2, l.status());
        assertTrue(l.err().contains("UTF-8"), l.err());
        assertEquals(2, CliRun.of("problems", "check", "--task", "chess", broken.toString()).status());
        assertEquals(2, CliRun.of("problems", "check", "--task", "math", dir.resolve("nope.jsonl").toString()).status());
    }
}
