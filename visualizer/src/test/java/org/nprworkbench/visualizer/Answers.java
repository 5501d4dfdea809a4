package org.nprworkbench.visualizer;

import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBuilder;
import org.nprworkbench.engine.tokenizer.HfTokenizer;

/** NPR answers for the visualizer's tests, built into graphs by the engine's text-to-graph path. */
public final class Answers {
    /** The embedded character-level tokenizer (every tag one token). */
    public static final HfTokenizer TOKENIZER = HfTokenizer.embedded();

    public static final String PROMPT = "Is 391 prime? Also compute 391 mod 7, and 12*13.";

    /** Two blocks: three branches of different lengths, then two. */
    public static final String TWO_BLOCKS = """
            Let me split the work.
            <guideline>
            <plan>1: Trial-divide 391 by primes up to 19.</plan>
            <plan>2: Try writing 391 as a difference of two squares.</plan>
            <plan>3: Compute 391 mod 7 directly.</plan>
            </guideline>
            <step>
            1: 391/17 = 23 exactly, so 391 = 17*23 and it is composite.
            </step>
            <step>
            2: 400 - 9 = 391 = (20-3)(20+3) = 17*23, so it is composite; the two factors are 17 and 23, both prime.
            </step>
            <step>
            3: 7*55 = 385, and 391 - 385 = 6.
            </step>
            <takeaway>
            391 = 17*23 is composite and 391 mod 7 = 6.
            </takeaway>
            <guideline>
            <plan>1: Compute 12*13 by distributing.</plan>
            <plan>2: Check 12*13 as 12.5^2 - 0.5^2.</plan>
            </guideline>
            <step>
            1: 12*13 = 12*10 + 12*3 = 120 + 36 = 156.
            </step>
            <step>
            2: 156.25 - 0.25 = 156.
            </step>
            <takeaway>
            Both give 156.
            </takeaway>
            391 is not prime, 391 mod 7 = 6, and 12*13 = 156. \\boxed{156}""";

    private Answers() {
    }

    /** The graph of {@code response} to {@link #PROMPT}, from text (no log-probs, no decode steps). */
    public static ExecutionGraph text(String response) {
        return GraphBuilder.fromText("test", PROMPT, response, TOKENIZER);
    }
}
