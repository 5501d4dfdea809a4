package org.nprworkbench.engine.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nprworkbench.engine.schema.TagSequence.TAGS;
import static org.nprworkbench.engine.schema.TagSequence.tokens;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StructureValidatorTest {
    private static final StructureValidator VALIDATOR = StructureValidator.paperDefault();

    private static Optional<StructureViolation> check(String words) {
        return VALIDATOR.check(tokens(words), TAGS);
    }

    @Test
    void wellFormedResponsesPass() {
        assertEquals(Optional.empty(), check("x <g> <p> a </p> <p> b </p> </g> nl <s> a </s> nl <s> b </s> nl <t> y </t> ans"));
        assertEquals(Optional.empty(), check("<g> <p> a </p> </g> <s> a </s> <t> y </t> think <g> <p> a </p> </g> <s> a </s> <t> y </t> ans"));
        assertEquals(Optional.empty(), check("no blocks at all"));
        assertEquals(Optional.empty(), check(""));
    }

    /** Each case: the response, the rule, the token index it must point at. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<s> a </s> <g> <p> a </p> </g> <s> a </s> <t> y </t>           | STEP_OUTSIDE_BLOCK     | 0",
        "<g> <p> a </p> </g> <s> a <s> b </s> <t> y </t>                  | NESTED_STEP            | 7",
        "<g> <p> a </p> </g> <s> a </s> </s> <t> y </t>                   | STRAY_STEP_CLOSE       | 8",
        "x </s>                                                            | STRAY_STEP_CLOSE       | 1",
        "<g> <p> a </p> </g> <s> a <t> y </t>                             | TAKEAWAY_IN_STEP       | 7",
        "<t> y </t>                                                        | TAKEAWAY_WITHOUT_BLOCK | 0",
        "<g> <p> a </p> <s> a </s> </g>                                   | TAG_IN_GUIDELINE       | 4",
        "<g> <p> a </p> </g> <s> a <g> <p> b </p> </g> </s> <t> y </t>    | NESTED_GUIDELINE       | 7",
        "<g> <p> a </p> </g> <s> a </s> <g> <p> b </p> </g> <t> y </t>    | NESTED_GUIDELINE       | 8",
        "<g> <p> a </p> </g> <s> a </g> </s> <t> y </t>                   | STRAY_GUIDELINE_CLOSE  | 7",
        "<p> a </p>                                                        | PLAN_OUTSIDE_GUIDELINE | 0",
        "<g> <p> a <p> b </p> </g>                                         | NESTED_PLAN            | 3",
        "<g> a </p> </g>                                                   | STRAY_PLAN_CLOSE       | 2",
        "<g> <p> a </g>                                                    | UNCLOSED_PLAN          | 3",
        "<g> <p> a </p> </g> <s> a </s> <t> y <g> </t>                    | TAG_IN_TAKEAWAY        | 10",
        "ans </t>                                                          | STRAY_TAKEAWAY_CLOSE   | 1",
        "x <g> <p> a </p>                                                  | UNCLOSED_GUIDELINE     | 1",
        "<g> <p> a </p> </g> <s> a </s> <s> b                             | UNCLOSED_STEP          | 8",
        "x <g> <p> a </p> </g> <s> a </s> ans                             | UNCLOSED_BLOCK         | 1",
        "<g> <p> a </p> </g> <s> a </s> <t> y                             | UNCLOSED_TAKEAWAY      | 8",
    })
    void eachRuleFiresAtItsToken(String words, StructureRule rule, int index) {
        StructureViolation v = check(words).orElseThrow();
        assertEquals(rule, v.rule(), v.toString());
        assertEquals(index, v.tokenIndex(), v.toString());
    }

    @Test
    void aSixthStepIsOneBranchTooMany() {
        String five = "<g> <p> a </p> </g>" + " <s> a </s>".repeat(5);
        assertEquals(Optional.empty(), check(five + " <t> y </t>"));
        StructureViolation v = check(five + " <s> a </s> <t> y </t>").orElseThrow();
        assertEquals(StructureRule.TOO_MANY_BRANCHES, v.rule());
        assertEquals(5 + 5 * 3, v.tokenIndex());
    }

    @Test
    void theLengthLimitComesAfterEarlierStructuralErrors() {
        StructureValidator short4 = new StructureValidator(4);
        StructureViolation tooLong = short4.check(tokens("a b c d e"), TAGS).orElseThrow();
        assertEquals(StructureRule.TOO_LONG, tooLong.rule());
        assertEquals(4, tooLong.tokenIndex());
        assertEquals(StructureRule.STRAY_STEP_CLOSE, short4.check(tokens("a </s> c d e"), TAGS).orElseThrow().rule());
        assertEquals(Optional.empty(), short4.check(tokens("a b c d"), TAGS));
        assertTrue(short4.check(tokens("<g> <p> a </p> </g>"), TAGS).isPresent(), "truncation never hides the length");
    }
}
