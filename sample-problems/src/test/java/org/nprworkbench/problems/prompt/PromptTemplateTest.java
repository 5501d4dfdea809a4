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
