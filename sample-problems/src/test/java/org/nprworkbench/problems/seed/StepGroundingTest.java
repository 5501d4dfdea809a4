package org.nprworkbench.problems.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nprworkbench.problems.seed.StepGrounding.Ungrounded;
import org.nprworkbench.problems.seed.StepGrounding.Visibility;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.TaskRegistry;

/** The sibling-dependence checker and the NPR parser it reads with, on hand-written and generated text. */
class StepGroundingTest {
    private static final String PROBLEM = "Compute (3*4)+(5*6)-(2*7).";

    private static List<Ungrounded> check(String problem, String npr, Visibility v) {
        return StepGrounding.check(problem, NprSolution.parse(npr), v);
    }

    /** Issue 8 §6's example: "Combine them." as a sibling plan of the products it combines. */
    @Test
    void aStepThatCombinesItsSiblingsIsCaught() {
        String npr = "<guideline>\n<plan>1: Compute 3*4.</plan>\n<plan>2: Compute 5*6.</plan>\n"
                + "<plan>3: Compute 2*7.</plan>\n<plan>4: Combine them.</plan>\n</guideline>\n"
                + "<step>1: 3*4 = 12.</step>\n<step>2: 5*6 = 30.</step>\n<step>3: 2*7 = 14.</step>\n"
                + "<step>4: 12+30-14 = 28.</step>\n<takeaway>So 28.</takeaway>\nThe answer is \\boxed{28}.";
        List<Ungrounded> bad = check(PROBLEM, npr, Visibility.EARLIER_BLOCKS);
        // 12, 30 and 14 come from the siblings; 28, computed from them, is ungrounded too
        assertEquals(List.of("12", "30", "14", "28"), bad.stream().map(Ungrounded::number).toList(), bad.toString());
        assertTrue(bad.stream().allMatch(u -> u.block() == 1 && u.step() == 4), bad.toString());
        assertEquals(Set.of("12", "30", "14"), bad.stream().filter(Ungrounded::inSibling).map(Ungrounded::number)
                .collect(Collectors.toSet()));
    }

    @Test
    void theSameWorkInTwoBlocksIsGrounded() {
        String npr = "<guideline>\n<plan>1: Compute 3*4.</plan>\n<plan>2: Compute 5*6.</plan>\n"
                + "<plan>3: Compute 2*7.</plan>\n</guideline>\n"
                + "<step>1: 3*4 = 12.</step>\n<step>2: 5*6 = 30.</step>\n<step>3: 2*7 = 14.</step>\n"
                + "<takeaway>So 3*4=12; 5*6=30; 2*7=14.</takeaway>\n"
                + "<guideline>\n<plan>1: Combine the products.</plan>\n</guideline>\n"
                + "<step>1: 12+30-14 = 28.</step>\n<takeaway>So total 28.</takeaway>\nThe answer is \\boxed{28}.";
        assertEquals(List.of(), check(PROBLEM, npr, Visibility.EARLIER_TAKEAWAYS));
    }

    /** A number only an earlier step shows is visible under the mask, but not under the takeaway-only rule. */
    @Test
    void visibilityDecidesWhetherEarlierStepsCount() {
        String npr = "<guideline>\n<plan>1: Compute 3*4.</plan>\n<plan>2: Compute 5*6.</plan>\n</guideline>\n"
                + "<step>1: 3*4 = 12.</step>\n<step>2: 5*6 = 30.</step>\n<takeaway>So both products.</takeaway>\n"
                + "<guideline>\n<plan>1: Add.</plan>\n</guideline>\n<step>1: 12+30 = 42.</step>\n"
                + "<takeaway>So 42.</takeaway>\n\\boxed{42}";
        assertEquals(List.of(), check(PROBLEM, npr, Visibility.EARLIER_BLOCKS));
        List<Ungrounded> strict = check(PROBLEM, npr, Visibility.EARLIER_TAKEAWAYS);
        assertEquals(List.of("12", "30", "42"), strict.stream().map(Ungrounded::number).toList());
        assertTrue(strict.stream().noneMatch(Ungrounded::inSibling));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        // step text                                       | ungrounded numbers (space separated)
        "91 = 2*45+1 = 3*30+1 = 5*18+1 = 7*13, not prime.   | ",
        "97 = 2*48+1 = 7*13+6; 97 < 10*10, prime.            | ",
        "90 > 9*9 = 81 and 90 < 10*10 = 100, not a square.   | ",
        "90 > 9*9 = 80, not a square.                        | 80",
        "47*86 = 47*80+47*6 = 3760+282 = 4042.               | ",
        "47*86 = 47*80+47*6 = 3760+283 = 4043.               | 3760 283 4043",
        "4738: 4+7=11, 11+3=14, 14+8=22.                     | ",
        "4+7=11, 11+3=14.                                    | 4 11",
        "12+30 = 42.                                         | 12 30 42",
        "42 = 12+30.                                         | 42 12 30",
        "15-7=8, left 8, 3: 8+3=11, 8*3=24, no 22.           | ",
        "15-7=8, left 9, 3: no way to 22.                    | 9",
        "91 = 7*13 = 7*(10+3) = 7*10+7*3.                    | ",
        "1081 = 23*47 = 5*5^4.                               | 5 5",
        "-14+56 = 42 and 42-70 = -28.                        | 14 56 42 70 28",
    })
    void numbersAreGroundedBySourcesDigitsOrTrueRelations(String step, String expected) {
        Set<String> visible = StepGrounding.numbers("Make 22 from 15, 7, 3 and 91, 97, 90, 47, 86, 1081, 23.");
        Set<String> plan = StepGrounding.numbers("4738");
        List<String> got = StepGrounding.ungrounded(step.strip(), visible, step.startsWith("4738") ? plan : Set.of());
        assertEquals(expected == null ? List.of() : List.of(expected.strip().split(" ")), got);
    }

    @Test
    void malformedTextIsReported() {
        assertThrows(IllegalArgumentException.class, () -> NprSolution.parse("no tags at all \\boxed{1}"));
        assertThrows(IllegalArgumentException.class, () -> NprSolution.parse(
                "<guideline>\n<plan>1: a b c</plan>\n</guideline>\n<takeaway>So x.</takeaway>\n"));
        assertThrows(IllegalArgumentException.class, () -> NprSolution.parse(
                "<guideline>\n<plan>no label</plan>\n</guideline>\n<step>1: x = 1</step>\n<takeaway>So x.</takeaway>\n"));
        assertThrows(IllegalArgumentException.class, () -> NprSolution.parse(
                "<guideline>\n<plan>1: a</plan>\nstray<plan>2: b</plan>\n</guideline>\n<step>1: x</step>\n"
                        + "<step>2: y</step>\n<takeaway>So x.</takeaway>\n"));
    }

    /** T and C by §2.3 on the text as the character-level tokenizer sees it. */
    @Test
    void criticalPathCountsTheLongestStepOfEachBlock() {
        String npr = "<guideline>\n<plan>1: a</plan>\n<plan>2: b</plan>\n</guideline>\n"
                + "<step>1: xxxxxxxxxx</step>\n<step>2: y</step>\n<takeaway>t</takeaway>\nok";
        // the guideline through </guideline>: 17 tokens; the \n after it: 1; step 1: 15; step 2: 6; a \n
        // after each step; <takeaway>t</takeaway>\nok: 6
        assertEquals(17 + 1 + 15 + 1 + 6 + 1 + 6, NprSolution.totalTokens(npr));
        // C: 17 tokens up to </guideline>, the longest step (15), then the takeaway onwards (6)
        assertEquals(17 + 15 + 6, NprSolution.criticalPath(npr));
        String cot = "3*4 = 12.\nThe answer is \\boxed{12}.";
        assertEquals(cot.length(), NprSolution.totalTokens(cot));
        assertEquals(cot.length(), NprSolution.criticalPath(cot));
    }

    /**
     * The checker catches sibling dependence in real generated data: the same arithmetic traces written
     * with every move in one block (the cut the seed corpus used to make) are flagged.
     */
    @Test
    void oneBlockLayoutsOfArithmeticTracesAreFlagged() {
        Random rnd = new Random(3);
        int flagged = 0;
        List<Problem> problems = TaskRegistry.get("arithmetic").generate(Split.TRAIN, 300, 4, 2);
        for (Problem p : problems) {
            Trace t = SeedCorpus.trace(p, rnd);
            List<Move> moves = t.moves().subList(0, Math.min(5, t.moves().size()));
            StringBuilder sb = new StringBuilder("<guideline>\n");
            for (int i = 0; i < moves.size(); i++) {
                sb.append("<plan>").append(i + 1).append(": ").append(moves.get(i).plan()).append("</plan>\n");
            }
            sb.append("</guideline>\n");
            for (int i = 0; i < moves.size(); i++) {
                sb.append("<step>").append(i + 1).append(": ").append(moves.get(i).work()).append("</step>\n");
            }
            sb.append("<takeaway>So done.</takeaway>\n\\boxed{").append(t.answer()).append("}");
            List<Ungrounded> bad = check(p.text(), sb.toString(), Visibility.EARLIER_BLOCKS);
            if (!bad.isEmpty() && bad.stream().anyMatch(Ungrounded::inSibling)) {
                flagged++;
            }
        }
        assertTrue(flagged >= 0.95 * problems.size(), flagged + " of " + problems.size() + " flagged");
    }
}
