package org.nprworkbench.problems.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.input.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact verifiers of the five families, on hand-written problems and answers. */
class FamilyVerifierTest {
    private final Task arithmetic = TaskRegistry.get("arithmetic");
    private final Task countdown = TaskRegistry.get("countdown");
    private final Task candidates = TaskRegistry.get("candidates");
    private final Task crosscheck = TaskRegistry.get("crosscheck");
    private final Task digitsum = TaskRegistry.get("digitsum");

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "true  | 28",
        "true  | 28.",
        "true  | +28",
        "true  | $28$",
        "false | 28.0",
        "false | 27",
        "false | -28",
        "false | 2 8x",
        "false | twenty-eight",
    })
    void arithmeticIsExactIntegerMatch(boolean ok, String answer) {
        assertEquals(ok, arithmetic.accepts("Compute (3*4)+(5*6)-(2*7).", answer));
    }

    @Test
    void arithmeticParsesAndEvaluates() {
        SumOfProducts p = SumOfProducts.parse("Compute (12*34)-(5*6)+(7*8).");
        assertEquals(408 - 30 + 56, p.value());
        assertEquals("Compute (12*34)-(5*6)+(7*8).", p.text());
        assertTrue(arithmetic.accepts("Compute (500*900)+(999*999).", "1,448,001"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "true  | 3*5+7",
        "true  | 7+5*3",
        "true  | (3*5)+7",
        "true  | 3 \\times 5 + 7",
        "true  | 3*5+7=22",
        "true  | 22 = 7 + 3*5",
        "true  | 5*(7-3)+3*2",
        "false | 3*5+7=23",
        "false | 3*5+7+0",
        "false | 3*5+7*1",
        "false | 5*5-3",
        "false | 3*5+8-1",
        "false | 15+7",
        "false | 3*5+7+7-7",
        "false | -3+25",
        "false | 3*5+7)",
        "false | 22",
        "false | (7-7)/0+22",
        "false | ",
    })
    void countdownChecksNumbersAndValue(boolean ok, String answer) {
        String problem = "Make 22 from 3, 5, 7, 2, 9 with + - * / (each at most once).";
        // "5*(7-3)+3*2" uses 3 twice: only one 3 is offered
        boolean expected = ok && !answer.equals("5*(7-3)+3*2");
        assertEquals(expected, countdown.accepts(problem, answer == null ? "" : answer), answer);
    }

    @Test
    void countdownUsesExactFractions() {
        String p = "Make 24 from 1, 3, 4, 6 with + - * / (each at most once).";
        assertTrue(countdown.accepts(p, "6/(1-3/4)"));
        assertFalse(countdown.accepts(p, "6/(1-3/4)+0.0"));
        assertTrue(countdown.accepts("Make 10 from 5, 5, 2 with + - * / (each at most once).", "5+5"));
        assertFalse(countdown.accepts("Make 10 from 5, 2, 3 with + - * / (each at most once).", "5+5"));
        CountdownPuzzle puzzle = CountdownPuzzle.parse(p);
        assertEquals(List.of(1L, 3L, 4L, 6L), puzzle.numbers());
        assertTrue(puzzle.accepts(puzzle.answer()));
    }

    @Test
    void countdownSearchFindsOrRefutes() {
        assertTrue(CountdownSearch.solve(List.of(25L, 50L, 75L, 100L, 3L, 6L), 952).isPresent());
        assertTrue(CountdownSearch.solve(List.of(1L, 2L), 10).isEmpty());
        CountdownSearch.Solution s = CountdownSearch.solve(List.of(3L, 5L, 7L), 22).orElseThrow();
        assertTrue(countdown.accepts("Make 22 from 3, 5, 7 with + - * / (each at most once).", s.expression()));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "true  | 97, 53",
        "true  | 53, 97",
        "true  | 97 and 53",
        "true  | \\{97, 53\\}",
        "true  | 97 53",
        "false | 97",
        "false | 97, 53, 91",
        "false | 97, 97, 53",
        "false | none",
        "false | 97, 53, 1",
    })
    void candidatesNeedsExactlyTheQualifyingSet(boolean ok, String answer) {
        assertEquals(ok, candidates.accepts("Which of 91, 97, 51, 53 are prime?", answer));
    }

    @Test
    void candidatesProperties() {
        assertTrue(candidates.accepts("Which of 91, 51 are prime?", "none"));
        assertTrue(candidates.accepts("Which of 91, 51 are prime?", "\\text{none}"));
        assertFalse(candidates.accepts("Which of 91, 51 are prime?", ""));
        assertTrue(candidates.accepts("Which of 98, 51, 77 are divisible by 7?", "98, 77"));
        assertTrue(candidates.accepts("Which of 81, 90, 1024 are perfect squares?", "81, 1024"));
        assertEquals("98, 77", CandidateQuestion.parse("Which of 98, 51, 77 are divisible by 7?").answer());
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "true  | 1081",
        "true  | 1,081",
        "false | 1080",
        "false | 23*47",
    })
    void crosscheckIsTheProduct(boolean ok, String answer) {
        assertEquals(ok, crosscheck.accepts("Compute 23*47 and check it 2 ways.", answer));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "true  | 22",
        "true  | 22.",
        "true  | $22$",
        "false | 21",
        "false | 4738",
        "false | 22.0",
        "false | 22, 17, 13",
        "false | ",
    })
    void digitsumIsTheLargestDigitSum(boolean ok, String answer) {
        assertEquals(ok, digitsum.accepts("Find the largest digit sum of 4738, 2915, 5530.", answer == null ? "" : answer));
    }

    @Test
    void digitsumParsesAndRefusesOtherText() {
        DigitSumItems p = DigitSumItems.parse("Find the largest digit sum of 4738, 2915, 5530.");
        assertEquals(List.of("4738", "2915", "5530"), p.items());
        assertEquals(22, DigitSumItems.digitSum("4738"));
        assertEquals("22", p.answer());
        assertEquals(p.key(), DigitSumItems.parse("Find the largest digit sum of 5530, 4738, 2915.").key());
        assertThrows(BadInputException.class, () -> DigitSumItems.parse("Find the largest digit sum of 4738."));
        assertThrows(BadInputException.class, () -> DigitSumItems.parse("Find the largest digit sum of 0738, 12."));
        assertThrows(BadInputException.class, () -> digitsum.verify("Compute (3*4)+(5*6).", "", "\\boxed{42}"));
        assertThrows(BadInputException.class, () -> digitsum.verify(p.text(), "21", "\\boxed{22}"));
        assertTrue(digitsum.verify(p.text(), "22", "So 22; 11; 13; the largest is 22.\nThe answer is \\boxed{22}."));
        for (Problem q : digitsum.generate(Split.TEST, 50, 3, Knobs.of(digitsum, 2, java.util.Map.of("digits", 9)))) {
            DigitSumItems d = DigitSumItems.parse(q.text());
            assertEquals(3, d.items().size());
            assertTrue(d.items().stream().allMatch(i -> i.length() == 9 && i.charAt(0) != '0'));
            assertEquals(d.items().size(), d.items().stream().distinct().count());
        }
    }

    @Test
    void verifyExtractsFromTheResponse() {
        String p = "Compute 23*47 and check it 3 ways.";
        assertTrue(crosscheck.verify(p, "1081", "... so \\boxed{1081}."));
        assertFalse(crosscheck.verify(p, "1081", "I think \\boxed{1018}, not 1081"));
        assertFalse(crosscheck.verify(p, "1081", "no answer"));
    }

    /** Issue 8 §5: the synthetic families take the last non-empty \boxed{} and nothing else. */
    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "true  | So \\boxed{1081}.",
        "true  | First \\boxed{1018}, corrected: \\boxed{1,081}.",
        "true  | \\boxed{1081} and then an empty \\boxed{} at the end",
        "true  | \\boxed{ 1081 } with spaces",
        "false | The answer is 1081.",
        "false | final answer is $1081$. I hope it is correct.",
        "false | 23*47 = 1081",
        "false | \\boxed{1018} but really 1081",
        "true  | \\boxed{1081} then a truncated \\boxed{10",
        "false | \\boxed{1018} then truncated \\boxed{1081",
        "false | \\fbox{1081}",
        "false | \\boxed 1081",
        "false | \\boxed{}",
    })
    void syntheticFamiliesReadOnlyTheLastNonEmptyBox(boolean ok, String response) {
        assertEquals(ok, crosscheck.verify("Compute 23*47 and check it 2 ways.", "1081", response), response);
        String arithmeticProblem = "Compute (23*47)+(2*3).";
        assertEquals(ok, arithmetic.verify(arithmeticProblem, "1087", response.replace("1081", "1087")
                .replace("1,081", "1,087")), response);
    }

    /** The math grader keeps its fallbacks: an "answer is" line, the Minerva form, the last number. */
    @Test
    void mathKeepsTheFallbacks() {
        Verifier math = TaskRegistry.verifier("math");
        assertTrue(math.verify("Compute 23*47.", "1081", "The answer is 1081."));
        assertTrue(math.verify("Compute 23*47.", "1081", "final answer is $1081$. I hope it is correct."));
        assertTrue(math.verify("Compute 23*47.", "1081", "23*47 = 1081"));
        assertTrue(math.verify("Compute 23*47.", "1081", "\\fbox{1081}"));
        assertFalse(math.verify("Compute 23*47.", "1081", "\\boxed{1081} and an empty \\boxed{} last"));
        assertFalse(crosscheck.verify("Compute 23*47 and check it 2 ways.", "1081", "The answer is 1081."));
    }
}
