package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphJson;
import org.nprworkbench.engine.schema.StructureRule;
import org.nprworkbench.engine.tokenizer.EmbeddedTokenizer;

import com.google.gson.JsonObject;

class GraphCommandTest {
    static final String VALID = "<guideline>\n<plan>1: Trial-divide 391.</plan>\n<plan>2: Difference of squares.</plan>\n"
            + "</guideline>\n<step>\n1: 391 = 17*23, composite.\n</step>\n<step>\n2: 400 - 9 = 17*23, composite.\n</step>\n"
            + "<takeaway>\nBoth agree: composite.\n</takeaway>\nNot prime. \\boxed{no}";
    static final String NESTED = VALID.replace("composite.\n</step>", "<step> composite.\n</step>");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String jsonLine(String field, String text) {
        JsonObject o = new JsonObject();
        o.addProperty("question", "Is 391 prime?");
        o.addProperty(field, text);
        return o.toString();
    }

    @Test
    void aPlainTextTraceIsSummarised() throws IOException {
        CliRun r = CliRun.of("graph", write("trace.txt", VALID).toString());
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].matches(".*trace\\.txt: 1 block \\[2\\], T \\d+, C \\d+, T/C 1\\.\\d\\d, format 0\\.0, valid"), lines[0]);
        assertEquals("1 trace, 1 structurally valid, mean T/C " + lines[0].replaceAll(".*T/C (\\S+),.*", "$1"), lines[1]);
    }

    @Test
    void jsonLinesGiveOneTracePerLineOrListElement() throws IOException {
        String samples = "{\"output\": [\"" + "plain answer \\\\boxed{1}" + "\", \"again \\\\boxed{2}\"]}";
        Path f = write("eval.jsonl", jsonLine("response", VALID) + "\n" + jsonLine("response", NESTED) + "\n\n" + samples + "\n");
        CliRun r = CliRun.of("graph", f.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith(f + " line 1: 1 block [2]") && lines.get(0).endsWith("valid"), lines.get(0));
        assertTrue(lines.get(1).startsWith(f + " line 2: ") && lines.get(1).contains("malformed: NESTED_STEP at token "), lines.get(1));
        assertTrue(lines.get(2).startsWith(f + " line 4 [0]: 0 blocks [], ") && lines.get(2).contains("T/C 1.00, format -1.5 (NO_BLOCK), valid"), lines.get(2));
        assertTrue(lines.get(3).startsWith(f + " line 4 [1]: "), lines.get(3));
        assertTrue(lines.get(4).startsWith("4 traces, 3 structurally valid, mean T/C "), lines.get(4));
    }

    @Test
    void jsonPrintsOneGraphPerLine() throws IOException {
        Path f = write("eval.jsonl", jsonLine("completion", VALID) + "\n" + jsonLine("completion", NESTED) + "\n");
        CliRun r = CliRun.of("graph", "--json", f.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size());
        ExecutionGraph ok = GraphJson.read(lines.get(0), "line 1");
        ExecutionGraph bad = GraphJson.read(lines.get(1), "line 2");
        assertTrue(ok.valid());
        assertEquals(f + " line 1", ok.origin());
        assertEquals(6, ok.nodes().size(), "prompt, guideline, 2 steps, takeaway, answer");
        assertFalse(bad.valid());
        assertEquals(StructureRule.NESTED_STEP, bad.breakAt().rule());
        assertEquals(NESTED.indexOf("<step> composite"), bad.breakAt().charOffset());
    }

    @Test
    void aNamedFieldAndAnExplicitTokenizerWork() throws IOException {
        Path f = write("eval.jsonl", jsonLine("model_answer", VALID) + "\n");
        Path tok = dir.resolve("tok");
        EmbeddedTokenizer.writeTo(tok);
        CliRun named = CliRun.of("graph", "--field", "model_answer", "--tokenizer", tok.resolve("tokenizer.json").toString(), f.toString());
        assertEquals(0, named.status(), named.err());
        CliRun plain = CliRun.of("graph", write("t.txt", VALID).toString());
        assertEquals(plain.out().replace(dir.resolve("t.txt").toString(), "X"),
                named.out().replace(f + " line 1", "X"), "same counts with the same tokenizer given explicitly");
    }

    @Test
    void badInputNamesTheFileAndLineAndExitsTwo() throws IOException {
        CliRun missing = CliRun.of("graph", dir.resolve("nope.jsonl").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("nope.jsonl: no such file"), missing.err());

        Path broken = write("broken.jsonl", jsonLine("response", VALID) + "\n{\"response\": \"unterminated\n");
        CliRun malformed = CliRun.of("graph", broken.toString());
        assertEquals(2, malformed.status());
        assertTrue(malformed.err().contains("broken.jsonl: line 2, column 27: not valid JSON: a string is not closed"),
                malformed.err());

        Path other = write("other.jsonl", "{\"answer\": \"x\"}\n");
        CliRun noField = CliRun.of("graph", other.toString());
        assertEquals(2, noField.status());
        assertTrue(noField.err().contains("other.jsonl: line 1: no trace field") && noField.err().contains("--field"), noField.err());

        CliRun wrongField = CliRun.of("graph", "--field", "response", other.toString());
        assertEquals(2, wrongField.status());
        assertTrue(wrongField.err().contains("line 1: missing field \"response\""), wrongField.err());

        Path number = write("number.jsonl", "{\"response\": 3}\n");
        CliRun notText = CliRun.of("graph", number.toString());
        assertEquals(2, notText.status());
        assertTrue(notText.err().contains("number.jsonl: line 1: field \"response\" must hold a string"), notText.err());
    }
}
