package org.nprworkbench.visualizer.totals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.schema.FormatViolation;

/**
 * The figures shown beside an execution graph (issue 11 §2): T, C, T/C, blocks, branches per block,
 * the format score with its violations, structural validity, the extracted answer and whether it is
 * correct, wall time, decode steps and tokens per second. Computed from the graph alone (plus a
 * verifier's {@link Verdict} when there is one); pure, safe on any thread.
 *
 * @param totalTokens      T
 * @param criticalPath     C
 * @param parallelism      T / C
 * @param blocks           number of blocks
 * @param branchesPerBlock step branches of each block
 * @param formatScore      the text format score in [-2, 0]
 * @param violations       why the format score is below 0, one line each
 * @param valid            whether the structure is well formed
 * @param breakNote        where and why the structure breaks, null when valid
 * @param answer           the extracted answer, null when none
 * @param verdict          the verifier's judgement, null when not verified
 * @param wallSeconds      generation wall time, null when unknown (imported text)
 * @param decodeSteps      engine decode steps from the first to the last decoded token, null when unknown
 * @param forked           whether the engine really forked
 */
public record AnswerTotals(int totalTokens, int criticalPath, double parallelism, int blocks, int[] branchesPerBlock,
                           double formatScore, List<String> violations, boolean valid, String breakNote,
                           String answer, Verdict verdict, Double wallSeconds, Integer decodeSteps, boolean forked) {

    /** One line of the totals table: a name, its value as text, and a tone for colouring it. */
    public record Row(String name, String value, Tone tone) {
    }

    /** How a value should be coloured. */
    public enum Tone {
        /** Plain. */
        NORMAL,
        /** Good news: correct, well formed. */
        GOOD,
        /** Bad news: wrong, malformed, format penalties. */
        BAD,
        /** Not known for this answer. */
        UNKNOWN
    }

    /** The totals of {@code graph}; {@code verdict} may be null. */
    public static AnswerTotals of(ExecutionGraph graph, Verdict verdict) {
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (GraphNode n : graph.nodes()) {
            if (n.firstDecodeStep() >= 0) {
                first = Math.min(first, n.firstDecodeStep());
                last = Math.max(last, n.lastDecodeStep());
            }
        }
        Integer steps = last >= 0 ? last - first + 1 : null;
        List<String> violations = graph.formatViolations() == null ? List.of() : graph.formatViolations().stream()
                .map(AnswerTotals::describe).toList();
        String breakNote = graph.breakAt() == null ? null
                : graph.breakAt().rule() + " at character " + graph.breakAt().charOffset() + ": " + graph.breakAt().reason();
        int[] branches = graph.branchesPerBlock() == null ? new int[0] : graph.branchesPerBlock().clone();
        return new AnswerTotals(graph.totalTokens(), graph.criticalPath(), graph.parallelism(), graph.blocks(), branches,
                graph.formatScore(), violations, graph.valid(), breakNote, graph.answer(), verdict,
                graph.wallTimeSeconds(), steps, graph.forked());
    }

    private static String describe(FormatViolation v) {
        return String.format(Locale.ROOT, "-%.1f %s at character %d: %s", v.penalty(), v.rule(), v.offset(), v.detail());
    }

    /** Generated tokens per second of wall time (T / wall), null when the wall time is unknown or zero. */
    public Double tokensPerSecond() {
        return wallSeconds == null || wallSeconds <= 0 ? null : totalTokens / wallSeconds;
    }

    /** The rows of the totals table, in display order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("T (total tokens)", String.valueOf(totalTokens), Tone.NORMAL));
        rows.add(new Row("C (critical path)", String.valueOf(criticalPath), Tone.NORMAL));
        rows.add(new Row("T / C", String.format(Locale.ROOT, "%.2f", parallelism), Tone.NORMAL));
        rows.add(new Row("blocks", String.valueOf(blocks), Tone.NORMAL));
        rows.add(new Row("branches per block", branchesPerBlock.length == 0 ? "none"
                : Arrays.stream(branchesPerBlock).mapToObj(String::valueOf).collect(Collectors.joining(" · ")), Tone.NORMAL));
        rows.add(new Row("format score", String.format(Locale.ROOT, "%.1f", formatScore) + (violations.isEmpty() ? ""
                : " (" + violations.size() + (violations.size() == 1 ? " violation)" : " violations)")),
                formatScore < 0 ? Tone.BAD : Tone.GOOD));
        rows.add(new Row("structure", valid ? "well formed" : "malformed", valid ? Tone.GOOD : Tone.BAD));
        rows.add(new Row("answer", answer == null ? "(none extracted)" : answer, answer == null ? Tone.UNKNOWN : Tone.NORMAL));
        rows.add(verdict == null ? new Row("correct", "not verified", Tone.UNKNOWN)
                : new Row("correct", (verdict.correct() ? "yes" : "no")
                        + (verdict.expected() == null ? "" : " (expected " + verdict.expected() + ")"),
                        verdict.correct() ? Tone.GOOD : Tone.BAD));
        rows.add(wallSeconds == null ? new Row("wall time", "unknown (imported)", Tone.UNKNOWN)
                : new Row("wall time", String.format(Locale.ROOT, "%.2f s", wallSeconds), Tone.NORMAL));
        Double tps = tokensPerSecond();
        rows.add(tps == null ? new Row("tokens / s", "unknown", Tone.UNKNOWN)
                : new Row("tokens / s", String.format(Locale.ROOT, "%.0f", tps), Tone.NORMAL));
        rows.add(decodeSteps == null ? new Row("decode steps", "unknown (imported)", Tone.UNKNOWN)
                : new Row("decode steps", decodeSteps + (forked ? " (forked)" : " (never forked)"), Tone.NORMAL));
        return rows;
    }
}
