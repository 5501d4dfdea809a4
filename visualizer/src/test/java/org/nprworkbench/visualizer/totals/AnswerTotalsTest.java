package org.nprworkbench.visualizer.totals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.graph.DecodeTrace;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBuilder;
import org.nprworkbench.visualizer.Answers;
import org.nprworkbench.visualizer.totals.AnswerTotals.Row;
import org.nprworkbench.visualizer.totals.AnswerTotals.Tone;

/** The totals beside the graph, from the graph and an optional verdict. */
class AnswerTotalsTest {

    private static Map<String, Row> byName(AnswerTotals t) {
        return t.rows().stream().collect(Collectors.toMap(Row::name, r -> r));
    }

    @Test
    void anImportedWellFormedAnswer() {
        ExecutionGraph g = Answers.text(Answers.TWO_BLOCKS);
        AnswerTotals t = AnswerTotals.of(g, new Verdict(true, "156"));
        Map<String, Row> rows = byName(t);
        assertEquals(String.valueOf(g.totalTokens()), rows.get("T (total tokens)").value());
        assertEquals(String.valueOf(g.criticalPath()), rows.get("C (critical path)").value());
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", (double) g.totalTokens() / g.criticalPath()),
                rows.get("T / C").value());
        assertEquals("2", rows.get("blocks").value());
        assertEquals("3 · 2", rows.get("branches per block").value());
        assertEquals(new Row("format score", "0.0", Tone.GOOD), rows.get("format score"));
        assertEquals(new Row("structure", "well formed", Tone.GOOD), rows.get("structure"));
        assertEquals("156", rows.get("answer").value());
        assertEquals(new Row("correct", "yes (expected 156)", Tone.GOOD), rows.get("correct"));
        assertEquals(Tone.UNKNOWN, rows.get("wall time").tone());
        assertEquals(Tone.UNKNOWN, rows.get("decode steps").tone());
        assertNull(t.decodeSteps());
        assertNull(t.tokensPerSecond());
        assertEquals(List.of("T (total tokens)", "C (critical path)", "T / C", "blocks", "branches per block",
                "format score", "structure", "answer", "correct", "wall time", "tokens / s", "decode steps"),
                t.rows().stream().map(Row::name).toList());
    }

    @Test
    void aMalformedWrongAnswerShowsItsViolationsAndBreak() {
        String broken = Answers.TWO_BLOCKS.replace("3: 7*55", "<guideline> 3: 7*55").replace("\\boxed{156}", "\\boxed{155}");
        AnswerTotals t = AnswerTotals.of(Answers.text(broken), new Verdict(false, "156"));
        Map<String, Row> rows = byName(t);
        assertFalse(t.valid());
        assertTrue(t.breakNote().startsWith("NESTED_GUIDELINE at character " + broken.indexOf("<guideline> 3")), t.breakNote());
        assertEquals(Tone.BAD, rows.get("structure").tone());
        assertEquals(Tone.BAD, rows.get("format score").tone());
        assertTrue(rows.get("format score").value().matches("-\\d\\.\\d \\(\\d violations?\\)"), rows.get("format score").value());
        assertFalse(t.violations().isEmpty());
        assertTrue(t.violations().get(0).matches("-\\d\\.\\d [A-Z_]+ at character \\d+: .+"), t.violations().get(0));
        assertEquals(new Row("correct", "no (expected 156)", Tone.BAD), rows.get("correct"));
        assertEquals("not verified", byName(AnswerTotals.of(Answers.text(broken), null)).get("correct").value());
    }

    @Test
    void engineAnswersHaveWallTimeSpeedAndDecodeSteps() {
        String response = "<guideline>\n<plan>1: a b c</plan>\n</guideline>\n<step>\n1: xyzxyz\n</step>\n<takeaway>\nqrsqrs\n</takeaway>\n\\boxed{1}";
        int[] prompt = Answers.TOKENIZER.encode("p");
        int[] resp = Answers.TOKENIZER.encode(response);
        int[] tokens = IntStream.concat(IntStream.of(prompt), IntStream.of(resp)).toArray();
        int[] steps = IntStream.range(0, resp.length).map(i -> i % 5 == 0 ? -1 : 40 + i).toArray();
        int first = IntStream.of(steps).filter(s -> s >= 0).min().orElseThrow();
        int last = IntStream.of(steps).max().orElseThrow();
        ExecutionGraph g = GraphBuilder.fromTokens("engine", tokens, prompt.length, Answers.TOKENIZER,
                new DecodeTrace(steps, null, null), true, 0.5);
        AnswerTotals t = AnswerTotals.of(g, null);
        assertEquals(last - first + 1, t.decodeSteps());
        assertEquals(resp.length / 0.5, t.tokensPerSecond(), 1e-9);
        Map<String, Row> rows = byName(t);
        assertEquals((last - first + 1) + " (forked)", rows.get("decode steps").value());
        assertEquals("0.50 s", rows.get("wall time").value());
        assertEquals(String.valueOf(Math.round(resp.length / 0.5)), rows.get("tokens / s").value());
    }
}
