package org.nprworkbench.engine.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.engine.tokenizer.TextTokenizer;

/**
 * The engine's pre-branch validator (npr-method.md §1.4(c), §6 row 3), run when a {@code </guideline>}
 * has just been generated. It looks at the current segment, i.e. the tokens since the trajectory
 * started, since the last join, or since the branch started, ending with that {@code </guideline>},
 * and refuses to fork when the segment holds a {@code </step>}, has no open {@code <guideline>}, opens
 * the guideline inside a step (a deviation, see {@link PreBranchRule#INSIDE_STEP}), or when the latest
 * guideline has 0 or more than 5 plans labelled like the paper's regex {@code <plan>\s*INT(.INT)*\s*:}.
 * The engine asks it only after {@link BlockGrammar} has accepted the {@code </guideline>}, so there the
 * grammar has already refused the structural cases and only the label rules remain to fire.
 */
public final class PreBranchValidator {
    /** The most plans (branches) per block. */
    public static final int MAX_PLANS = StructureValidator.MAX_BRANCHES;

    private PreBranchValidator() {
    }

    /**
     * Decides whether to fork at the {@code </guideline>} that ends {@code segment}. The tokenizer
     * decodes the text after each {@code <plan>} to read its label.
     *
     * @throws IllegalArgumentException if the segment does not end with {@code </guideline>}
     */
    public static PreBranchDecision check(int[] segment, TextTokenizer tokenizer) {
        TagIds tags = tokenizer.tags();
        int end = segment.length - 1;
        if (end < 0 || segment[end] != tags.guidelineClose()) {
            throw new IllegalArgumentException("the segment must end with </guideline>");
        }
        int open = -1;
        int step = -1;
        for (int i = 0; i < end; i++) {
            int t = segment[i];
            if (t == tags.stepClose()) {
                return new PreBranchDecision.Reject(PreBranchRule.STEP_CLOSE_IN_SEGMENT, i,
                        "the segment already holds a </step>, so this </guideline> cannot start a block");
            }
            if (t == tags.guidelineOpen()) {
                open = i;
            } else if (t == tags.guidelineClose()) {
                open = -1;
            } else if (t == tags.stepOpen()) {
                step = i;
            }
        }
        if (open < 0) {
            return new PreBranchDecision.Reject(PreBranchRule.NO_GUIDELINE, end,
                    "bare </guideline>: no open <guideline> in this segment");
        }
        if (step >= 0) {
            return new PreBranchDecision.Reject(PreBranchRule.INSIDE_STEP, end,
                    "the guideline is inside the step opened at token " + step + "; nested blocks are not forked");
        }
        List<String> labels = new ArrayList<>();
        for (int i = open + 1; i < end; i++) {
            if (segment[i] != tags.planOpen()) {
                continue;
            }
            int j = i + 1;
            while (j < end && !tags.isTag(segment[j])) {
                j++;
            }
            String label = PlanLabel.read(tokenizer.decode(Arrays.copyOfRange(segment, i + 1, j)));
            if (label != null) {
                labels.add(label);
                if (labels.size() > MAX_PLANS) {
                    return new PreBranchDecision.Reject(PreBranchRule.TOO_MANY_PLANS, i,
                            "plan " + labels.size() + " (label " + label + "); at most " + MAX_PLANS + " per block");
                }
            }
        }
        if (labels.isEmpty()) {
            return new PreBranchDecision.Reject(PreBranchRule.NO_PLANS, end,
                    "the guideline opened at token " + open + " has no plan labelled like \"<plan>1:\"");
        }
        return new PreBranchDecision.Fork(labels);
    }
}
