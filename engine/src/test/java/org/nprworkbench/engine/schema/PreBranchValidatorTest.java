package org.nprworkbench.engine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.tokenizer.HfTokenizer;

class PreBranchValidatorTest {
    private static HfTokenizer tokenizer;

    @BeforeAll
    static void open() {
        tokenizer = HfTokenizer.embedded();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static PreBranchDecision check(String segment) {
        return PreBranchValidator.check(tokenizer.encode(segment), tokenizer);
    }

    private static String plans(int n) {
        StringBuilder b = new StringBuilder("<guideline>\n");
        for (int i = 1; i <= n; i++) {
            b.append("<plan>").append(i).append(": try way ").append(i).append("</plan>\n");
        }
        return b.append("</guideline>").toString();
    }

    private static PreBranchDecision.Reject reject(String segment, PreBranchRule rule) {
        PreBranchDecision.Reject r = assertInstanceOf(PreBranchDecision.Reject.class, check(segment));
        assertEquals(rule, r.rule(), r.reason());
        return r;
    }

    @Test
    void oneToFivePlansFork() {
        assertEquals(new PreBranchDecision.Fork(List.of("1")), check(plans(1)));
        assertEquals(new PreBranchDecision.Fork(List.of("1", "2", "3", "4", "5")), check("Some thought.\n" + plans(5)));
    }

    @Test
    void labelsFollowThePaperRegex() {
        assertEquals(new PreBranchDecision.Fork(List.of("1.1", "2", "10")),
                check("<guideline><plan> 1.1 : a</plan><plan>\n2:b</plan><plan>unlabelled</plan><plan>10: c</plan></guideline>"));
    }

    @Test
    void zeroPlansTerminate() {
        String segment = "<guideline><plan>no label</plan></guideline>";
        assertEquals(tokenizer.encode(segment).length - 1, reject(segment, PreBranchRule.NO_PLANS).tokenIndex());
    }

    @Test
    void sixPlansTerminateAtTheSixth() {
        String segment = plans(6);
        int[] ids = tokenizer.encode(segment);
        int sixth = -1;
        for (int i = 0, seen = 0; i < ids.length && sixth < 0; i++) {
            if (ids[i] == tokenizer.tags().planOpen() && ++seen == 6) {
                sixth = i;
            }
        }
        assertEquals(sixth, reject(segment, PreBranchRule.TOO_MANY_PLANS).tokenIndex());
    }

    @Test
    void aStepCloseInTheSegmentTerminates() {
        String segment = "x</step>" + plans(2);
        assertEquals(1, reject(segment, PreBranchRule.STEP_CLOSE_IN_SEGMENT).tokenIndex());
    }

    @Test
    void aBareGuidelineCloseInsideAStepTerminates() {
        reject("<step>\n1: working on it</guideline>", PreBranchRule.NO_GUIDELINE);
        reject(plans(1) + "\n</guideline>", PreBranchRule.NO_GUIDELINE);
    }

    @Test
    void aNestedBlockInsideAStepTerminates() {
        reject("<step>\n1: split further " + plans(2), PreBranchRule.INSIDE_STEP);
    }

    @Test
    void theSegmentMustEndWithGuidelineClose() {
        assertThrows(IllegalArgumentException.class, () -> check("<guideline><plan>1: a</plan>"));
    }
}
