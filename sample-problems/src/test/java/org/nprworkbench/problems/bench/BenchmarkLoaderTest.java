package org.nprworkbench.problems.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.grade.AnswerGrader;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.TaskRegistry;

class BenchmarkLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void math500() throws IOException {
        Path f = write("math500.jsonl", """
                {"problem": "Compute $\\\\frac{1}{2}+\\\\frac{1}{4}$.", "solution": "...", "answer": "\\\\frac{3}{4}", "subject": "Algebra", "level": 1, "unique_id": "test/algebra/1.json"}
                {"problem": "Convert $(0,3)$ to polar.", "solution": "...", "answer": "\\\\left( 3, \\\\frac{\\\\pi}{2} \\\\right)", "unique_id": "test/precalculus/807.json"}
                """);
        BenchmarkSet s = BenchmarkLoader.load(f);
        assertTrue(s.layout().name().startsWith("MATH500/AMC"), s.layout().name());
        Problem p = s.problems().get(0);
        assertEquals("test/algebra/1.json", p.id());
        assertEquals("math", p.task());
        assertEquals(Split.TEST, p.split());
        assertEquals("\\frac{3}{4}", p.answer());
        assertTrue(TaskRegistry.verifier("math").verify(p, "so \\boxed{0.75}"));
        assertTrue(AnswerGrader.isCorrect("\\boxed{(3, \\frac{\\pi}{2})}", s.problems().get(1).answer()));
    }

    @Test
    void aimeArrayWithNumericAnswers() throws IOException {
        Path f = write("aime24.json", """
                [{"ID": "2024-I-1", "Problem": "Every morning Aya walks...", "Solution": "...", "Answer": 204},
                 {"ID": "2024-I-2", "Problem": "There exist real numbers...", "Solution": "...", "Answer": 25}]
                """);
        BenchmarkSet s = BenchmarkLoader.load(f);
        assertTrue(s.layout().name().startsWith("AIME"), s.layout().name());
        assertEquals(List.of("204", "25"), s.problems().stream().map(Problem::answer).toList());
        assertEquals("2024-I-2", s.problems().get(1).id());
    }

    @Test
    void aimeQuestionAnswerAndAmcFloatAnswers() throws IOException {
        BenchmarkSet aime = BenchmarkLoader.load(write("aime25.jsonl", "{\"question\": \"Find x.\", \"answer\": \"70\"}\n"));
        assertEquals("70", aime.problems().get(0).answer());
        assertEquals("aime25-1", aime.problems().get(0).id());
        BenchmarkSet amc = BenchmarkLoader.load(write("amc.jsonl",
                "{\"id\": 0, \"problem\": \"What is...\", \"answer\": 142.0, \"url\": \"https://...\"}\n"));
        assertEquals("142", amc.problems().get(0).answer());
        assertEquals("0", amc.problems().get(0).id());
    }

    @Test
    void olympiadBenchJoinsFinalAnswerLists() throws IOException {
        BenchmarkSet s = BenchmarkLoader.load(write("ob.jsonl", """
                {"id": 1606, "question": "Find all pairs.", "final_answer": ["$(1,2)$", "$(2,1)$"], "solution": ["..."]}
                {"id": 1607, "question": "Compute.", "final_answer": ["$\\\\frac{1}{2}$"]}
                """));
        assertTrue(s.layout().name().startsWith("OlympiadBench"), s.layout().name());
        assertEquals("(1,2), (2,1)", s.problems().get(0).answer());
        assertEquals("\\frac{1}{2}", s.problems().get(1).answer());
    }

    @Test
    void mathWithOnlyASolutionUsesItsBoxedAnswer() throws IOException {
        BenchmarkSet s = BenchmarkLoader.load(write("math.jsonl",
                "{\"problem\": \"2+2?\", \"solution\": \"We get $\\\\boxed{4}$.\"}\n"));
        assertEquals("4", s.problems().get(0).answer());
    }

    @Test
    void gpqaBecomesLetteredOptionsWithASeededShuffle() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append("{\"Question\": \"Q").append(i).append("?\", \"Correct Answer\": \"right").append(i)
                    .append("\", \"Incorrect Answer 1\": \"w1\", \"Incorrect Answer 2\": \"w2\", \"Incorrect Answer 3\": \"w3\","
                            + " \"Record ID\": \"r").append(i).append("\"}\n");
        }
        Path f = write("gpqa.jsonl", sb.toString());
        BenchmarkSet a = BenchmarkLoader.load(f, LoadOptions.defaults().withShuffleSeed(1));
        assertTrue(a.layout().multipleChoice());
        for (Problem p : a.problems()) {
            String letter = p.answer();
            assertTrue(letter.matches("[A-D]"), letter);
            assertTrue(p.text().contains("\n" + letter + ") right"), p.text());
            assertTrue(p.text().contains("A) ") && p.text().contains("D) "), p.text());
            assertTrue(TaskRegistry.verifier("math").verify(p, "The answer is \\boxed{" + letter + "}"));
        }
        assertEquals(a.problems(), BenchmarkLoader.load(f, LoadOptions.defaults().withShuffleSeed(1)).problems());
        assertNotEquals(a.problems(), BenchmarkLoader.load(f, LoadOptions.defaults().withShuffleSeed(2)).problems());
        assertTrue(a.problems().stream().map(Problem::answer).distinct().count() > 1, "answers not all one letter");
        assertEquals("r0", a.problems().get(0).id());
    }

    @Test
    void configuredFieldNames() throws IOException {
        Path f = write("custom.jsonl", "{\"prompt\": \"What is 6*7?\", \"target\": \"42\", \"uid\": \"u1\"}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> BenchmarkLoader.load(f));
        assertTrue(e.getMessage().contains("question") && e.getMessage().contains("prompt"), e.getMessage());
        BenchmarkSet s = BenchmarkLoader.load(f, LoadOptions.defaults().withQuestionField("prompt")
                .withAnswerField("target").withIdField("uid"));
        assertEquals(new Problem("u1", "math", Split.TEST, "What is 6*7?", "42"), s.problems().get(0));
    }

    @Test
    void badLinesAreRefusedOrSkippedAndListed() throws IOException {
        Path f = write("mixed.jsonl", """
                {"problem": "a", "answer": "1"}
                {"problem": "b", "answer": ""}
                {"problem": "c"
                {"problem": "d", "answer": "4"}
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> BenchmarkLoader.load(f));
        assertTrue(e.getMessage().contains("mixed.jsonl: line 2") && e.getMessage().contains("empty"), e.getMessage());
        BenchmarkSet s = BenchmarkLoader.load(f, LoadOptions.defaults().withSkipBadLines(true));
        assertEquals(List.of("1", "4"), s.problems().stream().map(Problem::answer).toList());
        assertEquals(2, s.skipped().size());
        assertEquals("line 3, column 16", s.skipped().get(1).location());
    }
}
