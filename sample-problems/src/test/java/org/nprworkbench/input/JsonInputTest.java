package org.nprworkbench.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.google.gson.Strictness;

class JsonInputTest {
    private static String message(String text, Strictness strictness) {
        return assertThrows(JsonInput.Malformed.class,
                () -> JsonInput.parse(text, "f.json", strictness, "fix it")).getMessage();
    }

    @Test
    void everySyntaxErrorIsOneLineOfOursWithFileLineAndColumn() {
        String[] broken = {"{\"a\": 1,}", "{\"a\": 1", "{\"a\": \"x", "{a: 1}", "{\"a\" 1}", "{\"a\": tru}", "[1 2]",
            "{} x", "", "{\"a\": NaN}", "// c\n{}", "{'a': 1}", "{\"a\":\"\\q\"}", "{\n \"a\": 1,\n \"b\": ]\n}"};
        for (String text : broken) {
            String m = message(text, Strictness.STRICT);
            assertTrue(m.matches("f\\.json: line \\d+, column \\d+: not valid JSON: [^\\n]+; fix it"), m);
            for (String gson : new String[] {"setStrictness", "http", "path $", "Exception", "Gson", " at line "}) {
                assertFalse(m.contains(gson), gson + " in: " + m);
            }
        }
        assertEquals("f.json: line 3, column 8: not valid JSON: expected a value; fix it",
                message("{\n \"a\": 1,\n \"b\": ]\n}", Strictness.STRICT));
        assertEquals("f.json: line 1, column 10: not valid JSON: expected a field name in double quotes "
                + "(a trailing comma?); fix it", message("{\"a\": 1,}", Strictness.LENIENT));
    }

    @Test
    void linesCountFromWhereTheTextStartsInItsFile() {
        JsonInput.Malformed e = assertThrows(JsonInput.Malformed.class,
                () -> JsonInput.parse("{\"q\": }", "t.jsonl", 41, Strictness.STRICT, null));
        assertEquals(41, e.line());
        assertEquals(7, e.column());
        assertEquals("t.jsonl: line 41, column 7: not valid JSON: expected a value", e.getMessage());
    }

    @Test
    void lenientParsingAcceptsWhatPythonsJsonWrites() {
        assertEquals("NaN", JsonInput.parseObject("{\"x\": NaN}", "c.json", null).get("x").getAsString());
        assertTrue(message("{\"a\": 1} {\"b\": 2}", Strictness.LENIENT).contains("unexpected text after the JSON value"));
        BadInputException e = assertThrows(BadInputException.class, () -> JsonInput.parseObject("[1]", "c.json", "fix it"));
        assertEquals("c.json: expected a JSON object {...}, found an array; fix it", e.getMessage());
    }
}
