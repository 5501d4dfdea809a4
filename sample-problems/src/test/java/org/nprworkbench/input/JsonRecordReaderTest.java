package org.nprworkbench.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRecordReaderTest {
    @TempDir
    Path dir;

    private RecordBatch<String> read(Path file, boolean skip) {
        return JsonRecordReader.read(file, skip, r -> r.requireText("q"));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void readsJsonLinesAndArrays() throws IOException {
        assertEquals(List.of("a", "b"), read(write("a.jsonl", "{\"q\":\"a\"}\n\n{\"q\":\"b\"}\r\n"), false).items());
        assertEquals(List.of("a", "2"), read(write("b.json", " [ {\"q\":\"a\"}, {\"q\":2} ]"), false).items());
        assertEquals(List.of("x"), read(write("bom.jsonl", "\uFEFF{\"q\":\"x\"}"), false).items());
    }

    @Test
    void malformedLineRefusesTheFileNamingFileAndLine() throws IOException {
        Path f = write("bad.jsonl", "{\"q\":\"a\"}\n{\"q\": \n{\"q\":\"c\"}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> read(f, false));
        assertEquals(f + ": line 2, column 7: not valid JSON: the text ends before the JSON value is complete "
                + "(a missing } or ]?); each line must be one complete JSON object", e.getMessage());
    }

    @Test
    void skippingListsEveryBadLine() throws IOException {
        Path f = write("bad.jsonl", "{\"q\":\"a\"}\nnot json\n{\"other\":1}\n[1]\n{\"q\":\"e\"}\n{\"q\":\"f\"} trailing\n");
        RecordBatch<String> b = read(f, true);
        assertEquals(List.of("a", "e"), b.items());
        assertEquals(List.of("line 2, column 1", "line 3", "line 4", "line 6, column 12"),
                b.skipped().stream().map(SkippedLine::location).toList());
        assertEquals("not valid JSON: unexpected text after the JSON value; each line must be one complete JSON object",
                b.skipped().get(3).reason());
        assertTrue(b.skipped().get(1).reason().contains("missing field \"q\""), b.skipped().get(1).reason());
        assertTrue(b.skipped().get(1).toString().startsWith(f + ": line 3: "));
    }

    @Test
    void missingFieldNamesTheFieldAndLine() throws IOException {
        Path f = write("m.jsonl", "{\"q\":\"a\"}\n{\"answer\":\"1\"}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> read(f, false));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("\"q\""), e.getMessage());
    }

    @Test
    void emptyFilesAreRefusedEvenWhenSkipping() throws IOException {
        for (String text : new String[] {"", "  \n\n ", "[]"}) {
            Path f = write("e.jsonl", text);
            BadInputException e = assertThrows(BadInputException.class, () -> read(f, true));
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        }
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws IOException {
        Path f = dir.resolve("latin1.jsonl");
        byte[] good = "{\"q\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"q\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[good.length * 2 + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        System.arraycopy(good, 0, all, good.length + bad.length, good.length);
        Files.write(f, all);
        BadInputException e = assertThrows(BadInputException.class, () -> read(f, false));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("UTF-8"), e.getMessage());
        RecordBatch<String> b = read(f, true);
        assertEquals(2, b.items().size());
        assertEquals("line 2", b.skipped().get(0).location());

        Path array = dir.resolve("latin1.json");
        Files.write(array, ("[\n{\"q\":\"caf\u00e9\"}\n]").getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(BadInputException.class, () -> read(array, true));
        assertTrue(e.getMessage().contains(":2:") && e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void brokenJsonArrayIsRefusedAsAWhole() throws IOException {
        Path f = write("broken.json", "[{\"q\":\"a\"}, {\"q\": ]");
        BadInputException e = assertThrows(BadInputException.class, () -> read(f, true));
        assertEquals(f + ": line 1, column 20: not valid JSON: expected a value; fix the file, or write it as "
                + "JSON Lines so that bad lines can be skipped", e.getMessage());
        Path g = write("elements.json", "[{\"q\":\"a\"}, 3, {\"x\":1}]");
        RecordBatch<String> b = read(g, true);
        assertEquals(List.of("record 2", "record 3"), b.skipped().stream().map(SkippedLine::location).toList());
    }

    @Test
    void allLinesBadIsRefused() throws IOException {
        Path f = write("allbad.jsonl", "nope\n{\"x\":1}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> read(f, true));
        assertTrue(e.getMessage().contains("none of its 2 records"), e.getMessage());
    }

    @Test
    void missingFileIsBadInput() {
        assertThrows(BadInputException.class, () -> read(dir.resolve("nope.jsonl"), false));
    }
}
