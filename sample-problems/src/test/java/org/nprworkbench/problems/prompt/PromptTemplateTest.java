package org.nprworkbench.problems.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.input.BadInputException;

class PromptTemplateTest {
    @TempDir
    Path dir;

    @Test
    void nprInstructionExplainsTheFormat() {
        String m = PromptTemplate.npr().render("What is $\\frac{1}{2}+1$?");
        assertTrue(m.startsWith("What is $\\frac{1}{2}+1$?\n\n"), m);
        for (String must : new String[] {"<guideline>", "<plan>1:", "<step>1:", "<takeaway>", "at most 5",
                "self-contained", "\\boxed{"}) {
            assertTrue(m.contains(must), must);
        }
        assertTrue(!m.contains(PromptTemplate.PLACEHOLDER));
    }

    @Test
    void officialInstructionIsTheReleasedFileByteForByte() throws Exception {
        String m = PromptTemplate.official().render("  What is 2+2?\n");
        String prefix = "What is 2+2?\n\n";
        assertTrue(m.startsWith(prefix + "You must write your answer strictly following the XML-like format"), m);
        assertTrue(m.endsWith("Include definitive answers in \\\\boxed{...} format.]\n"), "the final newline is kept");
        byte[] file = m.substring(prefix.length()).getBytes(StandardCharsets.UTF_8);
        // SHA-256 of evals/prompts/npr.txt in the released code (shared/reference/npr.txt).
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file));
        assertEquals("506ae64c03f112f615dadf36eee9f251c01ca4a954124780f2deeb9f20336155", sha);
        assertEquals(PromptTemplate.OFFICIAL, PromptTemplate.named("NPR-official").name());
        assertTrue(!PromptTemplate.npr().text().contains("strictly following the XML-like format"),
                "npr is this project's own instruction, not the official one");
    }

    @Test
    void builtInsByName() {
        assertTrue(PromptTemplate.named("cot").render("Q").startsWith("Q\n\nPlease reason step by step"));
        assertEquals("Q", PromptTemplate.named("bare").render(" Q\n"));
        assertEquals("npr", PromptTemplate.named("NPR").name());
    }

    @Test
    void userTemplateFile() throws IOException {
        Path f = Files.writeString(dir.resolve("t.txt"), "Problem: {problem}\nAnswer in \\boxed{}.\n", StandardCharsets.UTF_8);
        assertEquals("Problem: 2+2?\nAnswer in \\boxed{}.", PromptTemplate.named(f.toString()).render("2+2?"));
    }

    @Test
    void badTemplateFiles() throws IOException {
        Path none = Files.writeString(dir.resolve("none.txt"), "Solve it.", StandardCharsets.UTF_8);
        BadInputException e = assertThrows(BadInputException.class, () -> PromptTemplate.fromFile(none));
        assertTrue(e.getMessage().contains("{problem}") && e.getMessage().contains("none.txt"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.txt"), " \n", StandardCharsets.UTF_8);
        assertThrows(BadInputException.class, () -> PromptTemplate.fromFile(empty));
        Path latin = Files.write(dir.resolve("latin.txt"), "R\u00e9sous {problem}".getBytes(StandardCharsets.ISO_8859_1));
        assertThrows(BadInputException.class, () -> PromptTemplate.fromFile(latin));
        assertThrows(BadInputException.class, () -> PromptTemplate.named(dir.resolve("missing.txt").toString()));
    }
}
