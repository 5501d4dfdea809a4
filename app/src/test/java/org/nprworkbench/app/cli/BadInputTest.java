package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * The classes of bad input a new user meets, each ending with one line of ours and exit status 2:
 * broken JSON in any user file, a data home that is a file, empty input, out-of-range numbers; and
 * every {@code --json} output with snake_case keys.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private Path checkpoint(String name) {
        Path ck = dir.resolve(name);
        CliRun r = CliRun.of("model", "init", "--size", "micro", "--out", ck.toString(), "--seed", "3");
        assertEquals(0, r.status(), r.err());
        return ck;
    }

    /** The run failed with status 2 and exactly one line on standard error, starting "npr: ". */
    private static String oneLine(CliRun r) {
        assertEquals(2, r.status(), r.err());
        String err = r.err().replace("\r", "");
        assertTrue(err.startsWith("npr: ") && err.endsWith("\n") && err.indexOf('\n') == err.length() - 1,
                "one line: " + err);
        assertEquals("", r.out(), "nothing on standard output");
        return err.trim();
    }

    private static void noGsonText(String message) {
        for (String gson : new String[] {"setStrictness", "Strictness", "https://", "Troubleshooting", "path $",
            "MalformedJson", "Exception", "google"}) {
            assertFalse(message.contains(gson), gson + " leaked into: " + message);
        }
    }

    @Test
    void brokenJsonInACheckpointNamesFileLineAndColumn() throws IOException {
        Path good = checkpoint("ck");
        for (String name : List.of("config.json", "npr.json", "tokenizer.json", "tokenizer_config.json")) {
            Path ck = Files.createDirectories(dir.resolve("broken-" + name));
            try (var files = Files.list(good)) {
                for (Path f : files.toList()) {
                    Files.copy(f, ck.resolve(f.getFileName()));
                }
            }
            String text = Files.readString(ck.resolve(name));
            int cut = text.indexOf(',', text.length() / 2);
            Files.writeString(ck.resolve(name), text.substring(0, cut) + ",, " + text.substring(cut + 1));
            String message = oneLine(CliRun.of("model", "info", ck.toString()));
            assertTrue(message.matches("npr: \\Q" + ck.resolve(name) + "\\E: line \\d+, column \\d+: not valid JSON: .+"),
                    message);
            noGsonText(message);
        }
    }

    @Test
    void brokenJsonLinesAndProblemFilesNameFileLineAndColumn() throws IOException {
        Path traces = Files.writeString(dir.resolve("t.jsonl"), "{\"response\": \"<guideline>\"}\n{\"response\": 'x'}\n");
        String graph = oneLine(CliRun.of("graph", traces.toString()));
        assertEquals("npr: " + traces + ": line 2, column 15: not valid JSON: unexpected character (JSON needs "
                + "double-quoted names and strings, true/false/null, plain numbers, no comments); each line must be "
                + "one complete JSON object", graph);
        Path problems = Files.writeString(dir.resolve("p.json"), "[{\"problem\": \"1+1\", \"answer\": \"2\",\n"
                + "  \"response\": \"2\"}\n  {\"problem\": \"2+2\"}]");
        String check = oneLine(CliRun.of("problems", "check", "--task", "arithmetic", problems.toString()));
        assertEquals("npr: " + problems + ": line 3, column 4: not valid JSON: expected , or ] after an element; "
                + "fix the file, or write it as JSON Lines so that bad lines can be skipped", check);
        noGsonText(check);
    }

    @Test
    void aDataHomeThatIsAFileIsRefusedByEveryVerb() throws IOException {
        Path file = Files.writeString(dir.resolve("home.txt"), "not a folder");
        Path trace = Files.writeString(dir.resolve("t.txt"), "plain text");
        List<List<String>> verbs = List.of(
                List.of("problems", "list"),
                List.of("problems", "sample", "--task", "countdown"),
                List.of("graph", trace.toString()),
                List.of("model", "info", dir.resolve("none").toString()),
                List.of("model", "init", "--size", "micro", "--out", dir.resolve("x").toString()),
                List.of("solve", "--checkpoint", dir.resolve("none").toString(), "1+1?"),
                List.of("train", "seed", "--out", dir.resolve("y").toString()),
                List.of("bench", "model", "--size", "micro"),
                List.of("workbench"));
        for (List<String> verb : verbs) {
            List<String> args = new ArrayList<>(List.of("--home", file.toString()));
            args.addAll(verb);
            String message = oneLine(CliRun.of(args.toArray(String[]::new)));
            assertEquals("npr: " + file + ": the data home is a file, not a folder; pass --home DIR (or set NPR_HOME) "
                    + "naming a folder", message, String.join(" ", verb));
        }
        assertFalse(Files.exists(dir.resolve("x")), "nothing was written");
        assertEquals(0, CliRun.of("--home", file.toString(), "problems", "list", "--help").status(), "help still works");
    }

    @Test
    void emptyInputIsRefused() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        assertEquals("npr: " + empty + ": the file is empty; expected an NPR trace (plain text), or JSON Lines (.jsonl) "
                + "with the text in a field", oneLine(CliRun.of("graph", empty.toString())));
        Path blank = Files.writeString(dir.resolve("blank.txt"), " \n\t\n");
        assertTrue(oneLine(CliRun.of("graph", blank.toString())).contains("the file holds only whitespace"));
        Path noTraces = Files.writeString(dir.resolve("lists.jsonl"), "{\"response\": []}\n");
        assertTrue(oneLine(CliRun.of("graph", noTraces.toString())).endsWith("holds no trace: every trace field is an empty list"));
        Path emptyJsonl = Files.writeString(dir.resolve("e.jsonl"), "\n");
        assertTrue(oneLine(CliRun.of("graph", emptyJsonl.toString())).contains("the file is empty"));

        assertEquals("npr: --text is empty: give the text to score, e.g. --text \"<step>1: 7*8</step>\"",
                oneLine(CliRun.of("model", "score", checkpoint("ck").toString(), "--text", "")));
    }

    @Test
    void aBadNumberNamesTheOneOptionAtFault() {
        assertEquals("npr: Invalid value for option '--n': '99999999999' is not a whole number from -2147483648 to "
                        + "2147483647 (see: npr problems sample --help)",
                oneLine(CliRun.of("problems", "sample", "--task", "countdown", "--n", "99999999999")));
        assertEquals("npr: --steps -5: must be 1 or more",
                oneLine(CliRun.of("train", "seed", "--out", dir.resolve("o").toString(), "--steps", "-5")));
        assertEquals("npr: --npr-share 1.5: must be from 0 to 1",
                oneLine(CliRun.of("train", "seed", "--out", dir.resolve("o").toString(), "--npr-share", "1.5")));
        assertEquals("npr: --n -1: must be 0 or more",
                oneLine(CliRun.of("problems", "sample", "--task", "countdown", "--n", "-1")));
        assertEquals("npr: --top-p 1.5: must be more than 0 and at most 1",
                oneLine(CliRun.of("solve", "--checkpoint", dir.toString(), "--top-p", "1.5", "2+2?")));
        String lr = oneLine(CliRun.of("train", "seed", "--out", dir.resolve("o").toString(), "--lr", "fast"));
        assertTrue(lr.contains("'--lr'") && lr.contains("'fast' is not a number"), lr);
        String unknown = oneLine(CliRun.of("problems", "sample", "--task", "countdown", "--colour", "red"));
        assertTrue(unknown.contains("--colour") && unknown.endsWith("(see: npr problems sample --help)"), unknown);
        String missing = oneLine(CliRun.of("train", "seed"));
        assertTrue(missing.contains("--out DIR") && missing.contains("--run NAME"), missing);
    }

    @Test
    void everyJsonOutputHasSnakeCaseKeys() throws IOException {
        Path ck = checkpoint("ck");
        Path answers = Files.writeString(dir.resolve("a.jsonl"), "{\"problem\": \"What is 2+3?\", \"answer\": \"5\", "
                + "\"response\": \"\\\\boxed{5}\"}\n");
        Path traces = Files.writeString(dir.resolve("t.txt"), "<guideline><plan>1: a</plan></guideline><step>1: b</step>"
                + "<takeaway>c</takeaway> \\boxed{1}");
        Map<String, List<String>> verbs = Map.of(
                "model info", List.of("model", "info", ck.toString(), "--json"),
                "model score", List.of("model", "score", ck.toString(), "--text", "<step>1: 7*8</step>", "--json"),
                "problems list", List.of("problems", "list", "--json"),
                "problems sample", List.of("problems", "sample", "--task", "countdown", "--n", "2", "--format", "npr", "--json"),
                "problems check", List.of("problems", "check", "--task", "math", answers.toString(), "--json"),
                "graph", List.of("graph", traces.toString(), "--json"),
                "solve", List.of("solve", "--checkpoint", ck.toString(), "--max-tokens", "24", "--json", "2+2?"));
        for (Map.Entry<String, List<String>> verb : verbs.entrySet()) {
            CliRun r = CliRun.of(verb.getValue().toArray(String[]::new));
            assertEquals(0, r.status(), verb.getKey() + ": " + r.err());
            List<String> camel = new ArrayList<>();
            for (String line : r.out().startsWith("{\n") ? List.of(r.out()) : r.out().lines().toList()) {
                camelCaseKeys(JsonParser.parseString(line), camel);
            }
            assertEquals(List.of(), camel, verb.getKey());
        }
    }

    private static void camelCaseKeys(JsonElement e, List<String> found) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                if (m.getKey().matches(".*[a-z0-9][A-Z].*")) {
                    found.add(m.getKey());
                }
                camelCaseKeys(m.getValue(), found);
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> camelCaseKeys(x, found));
        }
    }
}
