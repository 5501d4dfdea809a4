package org.nprworkbench.engine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The format score equals the released {@code compute_format_score} (clamped to [-2, 0]) on every
 * trace of the stored corpus: {@link FormatTraceGenerator}'s traces scored once by the released Python
 * function (how is written on the generator). No Python runs here.
 */
class FormatScoreParityTest {
    private static final String CORPUS = "/format-score-corpus.jsonl.gz";
    private static List<String> traces;
    private static List<Double> expected;
    private static List<FormatReport> reports;

    @BeforeAll
    static void readCorpus() throws IOException {
        traces = new ArrayList<>();
        expected = new ArrayList<>();
        try (InputStream in = FormatScoreParityTest.class.getResourceAsStream(CORPUS);
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                traces.add(o.get("trace").getAsString());
                expected.add(o.get("expected").getAsDouble());
            }
        }
        reports = traces.stream().map(FormatScore::score).toList();
    }

    private static double rounded(double x) {
        return Math.round(x * 1e9) / 1e9;
    }

    @Test
    void everyStoredTraceScoresAsTheReleasedFunction() {
        assertEquals(FormatTraceGenerator.COUNT, traces.size());
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < traces.size(); i++) {
            double python = Math.max(-2.0, Math.min(0.0, expected.get(i)));
            double java = reports.get(i).score();
            if (rounded(python) != rounded(java)) {
                differ.add("trace " + (i + 1) + ": python " + python + ", java " + java + ": "
                        + FormatTraceGenerator.json(traces.get(i)));
            }
        }
        assertEquals(List.of(), differ.subList(0, Math.min(5, differ.size())), differ.size() + " traces differ");
    }

    @Test
    void theCorpusCoversEveryRuleAndTheNamedCases() {
        int[] fired = new int[FormatRule.values().length];
        int stepGapOnly = 0;
        for (FormatReport r : reports) {
            r.violations().forEach(v -> fired[v.rule().ordinal()]++);
            if (r.violations().stream().map(FormatViolation::rule).toList().equals(List.of(FormatRule.STEPS_NOT_ADJACENT))) {
                stepGapOnly++;
            }
        }
        for (FormatRule rule : FormatRule.values()) {
            assertTrue(fired[rule.ordinal()] >= 10, rule + " fired " + fired[rule.ordinal()] + " times");
        }
        assertTrue(stepGapOnly >= 10, "traces whose only fault is text between steps: " + stepGapOnly);
        long wellFormed = reports.stream().filter(FormatReport::wellFormed).count();
        assertTrue(wellFormed > traces.size() / 10 && wellFormed < traces.size() / 2, wellFormed + " well formed");
    }

    @Test
    void theStoredTracesAreTheGeneratorsOutput() {
        assertEquals(FormatTraceGenerator.traces(FormatTraceGenerator.COUNT, FormatTraceGenerator.SEED), traces,
                "the generator changed: regenerate the corpus as its class comment says");
    }

    @Test
    void theFlatBlockPatternMatchesLikeTheReleasedOne() {
        Pattern released = Pattern.compile(FormatScore.RELEASED_BLOCK, Pattern.DOTALL);
        for (String t : traces) {
            String text = FormatScore.Stripped.of(t).text();
            assertEquals(spans(released, text), spans(FormatScore.BLOCK, text), t);
        }
    }

    /** Every match's start and end and its groups' starts and ends. */
    private static List<List<Integer>> spans(Pattern p, String text) {
        List<List<Integer>> out = new ArrayList<>();
        for (MatchResult m : p.matcher(text).results().toList()) {
            List<Integer> s = new ArrayList<>();
            for (int g = 0; g <= m.groupCount(); g++) {
                s.add(m.start(g));
                s.add(m.end(g));
            }
            out.add(s);
        }
        return out;
    }
}
