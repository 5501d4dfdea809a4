package org.nprworkbench.visualizer.synthetic;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.nprworkbench.engine.graph.DecodeTrace;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBuilder;
import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.engine.tokenizer.TextTokenizer;

/**
 * Seeded, well-formed NPR answers of any size with an engine-like decode record, for the explorer's
 * benchmark ({@code npr bench ui}) and demonstrations without a model. The text is arithmetic
 * filler in the engine's layout (one {@code \n} after each tag); the decode steps follow the
 * parallel engine's schedule (one token per live branch per step; {@code <step>}, {@code <takeaway>}
 * and the separators forced); log-probabilities and entropies are drawn from a seeded distribution
 * shaped like a small model's (mostly confident, digits less so). Not model output: nothing here
 * should be read as a result.
 */
public final class SyntheticAnswer {
    private SyntheticAnswer() {
    }

    /** The prompt of every synthetic answer. */
    public static final String PROMPT = "Compute the sums of the products below and report the total.";

    /**
     * A response with {@code blocks} blocks of {@code minBranches} to {@code maxBranches} branches (at
     * most 5), steps of {@code stepChars / 2} to {@code 3 * stepChars / 2} characters, ending in a boxed
     * answer.
     */
    public static String text(int blocks, int minBranches, int maxBranches, int stepChars, long seed) {
        if (blocks < 0 || minBranches < 1 || maxBranches < minBranches || maxBranches > 5 || stepChars < 8) {
            throw new IllegalArgumentException("need blocks >= 0, 1 <= minBranches <= maxBranches <= 5, stepChars >= 8");
        }
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder();
        long total = 0;
        for (int blk = 0; blk < blocks; blk++) {
            int branches = minBranches + r.nextInt(maxBranches - minBranches + 1);
            int[][] pairs = new int[branches][];
            b.append("<guideline>\n");
            for (int k = 0; k < branches; k++) {
                pairs[k] = new int[] {2 + r.nextInt(40), 2 + r.nextInt(40)};
                b.append("<plan>").append(k + 1).append(": Multiply ").append(pairs[k][0]).append(" by ")
                        .append(pairs[k][1]).append(".</plan>\n");
            }
            b.append("</guideline>\n");
            long sum = 0;
            for (int k = 0; k < branches; k++) {
                int x = pairs[k][0];
                int y = pairs[k][1];
                StringBuilder s = new StringBuilder();
                s.append(k + 1).append(": ").append(x).append("*").append(y).append(" = ")
                        .append(x).append("*").append(y / 10 * 10).append(" + ").append(x).append("*").append(y % 10);
                int target = stepChars / 2 + r.nextInt(stepChars);
                while (s.length() < target) {
                    s.append(String.format(Locale.ROOT, " = %d + %d", x * (y / 10 * 10), x * (y % 10)));
                }
                s.append(" = ").append(x * y).append(".");
                b.append("<step>\n").append(s).append("\n</step>\n");
                sum += (long) x * y;
            }
            total += sum;
            b.append("<takeaway>\nThe products of block ").append(blk + 1).append(" add up to ").append(sum)
                    .append("; running total ").append(total).append(".\n</takeaway>\n");
        }
        b.append("The total is ").append(total).append(". \\boxed{").append(total).append("}");
        return b.toString();
    }

    /** The graph of {@link #text} as the engine would have recorded it (see the class comment). */
    public static ExecutionGraph graph(int blocks, int minBranches, int maxBranches, int stepChars, long seed,
                                       TextTokenizer tokenizer) {
        return engineGraph(PROMPT, text(blocks, minBranches, maxBranches, stepChars, seed), seed, tokenizer);
    }

    /**
     * A graph of at least {@code nodes} nodes and at most five more: three-branch blocks of 30- to
     * 90-character steps. Each block is five nodes (guideline, three steps, takeaway), the separator
     * between two blocks a text node, plus the prompt and the answer: 6 x blocks + 1 nodes.
     */
    public static ExecutionGraph withNodes(int nodes, long seed, TextTokenizer tokenizer) {
        int blocks = Math.max(0, (nodes - 1 + 5) / 6);
        return graph(blocks, 3, 3, 60, seed, tokenizer);
    }

    /**
     * The graph of an NPR {@code response} to {@code prompt} with an engine-like decode record: the
     * parallel engine's step schedule and seeded log-probabilities and entropies.
     */
    public static ExecutionGraph engineGraph(String prompt, String response, long seed, TextTokenizer tokenizer) {
        int[] p = tokenizer.encode(prompt);
        ExecutionGraph plain = GraphBuilder.fromText("synthetic", prompt, response, tokenizer);
        int[] tokens = plain.nodes().stream().flatMapToInt(n -> Arrays.stream(n.tokens())).toArray();
        int n = tokens.length - p.length;
        int[] steps = schedule(tokens, p.length, tokenizer.tags());
        float[] logProbs = new float[n];
        float[] entropies = new float[n];
        Random r = new Random(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < n; i++) {
            String s = tokenizer.tokenString(tokens[p.length + i]);
            boolean digit = !s.isEmpty() && Character.isDigit(s.charAt(0));
            double u = r.nextDouble();
            double surprise = digit ? 0.4 + 2.5 * u * u : 0.05 + 1.2 * Math.pow(u, 6);
            if (r.nextInt(60) == 0) {
                surprise += 3 + 2 * r.nextDouble();
            }
            logProbs[i] = steps[i] < 0 ? 0f : (float) -surprise;
            entropies[i] = steps[i] < 0 ? 0f : (float) Math.min(4.8, 0.15 + 0.9 * surprise + 0.3 * r.nextDouble());
        }
        return GraphBuilder.fromTokens("synthetic engine answer (seed " + seed + ")", tokens, p.length, tokenizer,
                new DecodeTrace(steps, logProbs, entropies), true, n / 900.0);
    }

    /**
     * The parallel engine's schedule for a well-formed trajectory: the main stream decodes one token
     * per step; at a fork every branch starts at the step after {@code </guideline>} and decodes one
     * token per step; after the join the stream continues after the longest branch. {@code <step>},
     * {@code <takeaway>} and the separator after {@code </guideline>} and after each {@code </step>}
     * are forced (-1).
     */
    static int[] schedule(int[] tokens, int promptLength, TagIds tags) {
        ParallelLayout layout;
        try {
            layout = ParallelLayout.of(tokens, promptLength, tags);
        } catch (MalformedStructureException e) {
            throw new IllegalArgumentException("a synthetic answer must be well formed: " + e.getMessage(), e);
        }
        int n = tokens.length - promptLength;
        int[] steps = new int[n];
        int main = -1;
        int branch = -1;
        int blockEnd = -1;
        int previousSpan = -1;
        for (int i = promptLength; i < tokens.length; i++) {
            int t = tokens[i];
            int span = layout.span(i);
            int prev = i > promptLength ? tokens[i - 1] : -1;
            boolean forced = t == tags.stepOpen() || t == tags.takeawayOpen()
                    || prev == tags.guidelineClose() || prev == tags.stepClose();
            if (span < 0) {
                if (previousSpan >= 0) {
                    main = Math.max(main, blockEnd);
                }
                steps[i - promptLength] = forced ? -1 : ++main;
            } else {
                if (span != previousSpan) {
                    branch = main;
                }
                steps[i - promptLength] = forced ? -1 : ++branch;
                blockEnd = Math.max(blockEnd, branch);
            }
            previousSpan = span;
        }
        return steps;
    }
}
