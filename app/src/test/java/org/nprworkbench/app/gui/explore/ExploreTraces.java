package org.nprworkbench.app.gui.explore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;

/** Trace files for the Explore tests, written the way the released NPR evaluation outputs are. */
public final class ExploreTraces {
    /** Two blocks: three branches, then two; 5 step nodes in all. */
    public static final String TWO_BLOCKS = """
            Let me split the work.
            <guideline>
            <plan>1: Trial-divide 391 by primes up to 19.</plan>
            <plan>2: Try 391 as a difference of two squares.</plan>
            <plan>3: Compute 391 mod 7.</plan>
            </guideline>
            <step>
            1: 391/17 = 23 exactly, so 391 = 17*23.
            </step>
            <step>
            2: 400 - 9 = 391 = (20-3)(20+3) = 17*23.
            </step>
            <step>
            3: 7*55 = 385, and 391 - 385 = 6.
            </step>
            <takeaway>
            391 = 17*23 and 391 mod 7 = 6.
            </takeaway>
            <guideline>
            <plan>1: Compute 12*13 by distributing.</plan>
            <plan>2: Check 12*13 as 12.5^2 - 0.5^2.</plan>
            </guideline>
            <step>
            1: 12*13 = 120 + 36 = 156.
            </step>
            <step>
            2: 156.25 - 0.25 = 156.
            </step>
            <takeaway>
            Both give 156.
            </takeaway>
            \\boxed{156}""";

    /** A step opened inside a step: the structure breaks there. */
    public static final String MALFORMED = """
            <guideline>
            <plan>1: Add.</plan>
            <plan>2: Multiply.</plan>
            </guideline>
            <step>
            1: 2 + 3 = 5. <step> nested
            </step>
            \\boxed{5}""";

    private ExploreTraces() {
    }

    /** A JSON Lines file with one {"response": ...} line per text. */
    public static Path jsonl(Path file, String... responses) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String r : responses) {
            JsonObject o = new JsonObject();
            o.addProperty("problem", "p");
            o.addProperty("response", r);
            b.append(o).append('\n');
        }
        return Files.writeString(file, b.toString());
    }
}
