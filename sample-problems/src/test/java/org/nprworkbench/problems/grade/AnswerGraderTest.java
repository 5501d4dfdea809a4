package org.nprworkbench.problems.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerGraderTest {

    /** The table: real-world answer spellings, including pairs that must not be equal. */
    @ParameterizedTest(name = "[{index}] {0}: {1} vs {2}")
    @CsvFileSource(resources = "answer-cases.tsv", delimiter = '\t', quoteCharacter = '\u0000')
    void gradesLikeTheTable(boolean expected, String response, String reference) {
        assertEquals(expected, AnswerGrader.isCorrect(response, reference),
                () -> "extracted " + AnswerGrader.normalizedAnswer(response) + ", reference normalised "
                        + AnswerNormalizer.normalize(reference));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "The answer is \\boxed{42}. | 42",
        "\\boxed{\\frac{1}{2}} and later \\boxed{\\sqrt{2}} | \\sqrt{2}",
        "\\boxed{\\{1,2\\}} | \\{1,2\\}",
        "\\boxed{5} then \\boxed{6 | 5",
        "final answer is $x^2$. I hope it is correct. \\boxed{3} | x^2",
        "So the answer is 7.\\nNext line 9 | 7",
        "The final answer is 12 | 12",
        "values 3, 4.5 and -2.25 | -2.25",
        "total 1,234 items | 1234",
        "\\boxed 9$ tail | 9",
        "\\fbox{ab} | ab",
    })
    void extractsTheFinalAnswer(String response, String expected) {
        assertEquals(expected, AnswerExtractor.extract(response.replace("\\n", "\n")).orElseThrow());
    }

    @Test
    void noAnswerAtAll() {
        assertTrue(AnswerExtractor.extract("no digits here").isEmpty());
        assertTrue(AnswerExtractor.extract("").isEmpty());
        assertTrue(AnswerExtractor.extract(null).isEmpty());
        assertEquals("", AnswerExtractor.extract("\\boxed{ }").orElseThrow());
        assertFalse(AnswerGrader.isCorrect("\\boxed{}", ""));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "\\dfrac{3}{4} | \\frac{3}{4}",
        "\\frac12 | \\frac{1}{2}",
        "\\frac1{72} | \\frac{1}{72}",
        "3/4 | \\frac{3}{4}",
        "\\left( 1, 2 \\right) | (1,2)",
        "x = 5 | 5",
        "5.000 | 5",
        "\\text{(B)} | B",
        "45^\\circ | 45",
        "\\$ 12 | 12",
        "10 \\text{ cm} | 10",
        "twelve | 12",
        "\\sqrt3 | \\sqrt{3}",
        "1{,}000 | 1,000",
        "candy | candy",
    })
    void normalises(String raw, String expected) {
        assertEquals(expected, AnswerNormalizer.normalize(raw));
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', value = {
        "\\frac{\\sqrt{3}}{2} | 0.8660254",
        "2\\sqrt{3}+1 | 4.4641016",
        "3\\pi | 9.4247780",
        "2^{-1} | 0.5",
        "-\\frac{1}{4} | -0.25",
        "\\sqrt[3]{27} | 3",
        "(1+2)(3+4) | 21",
        "2\\frac{3}{4} | 2.75",
    })
    void evaluatesConstants(String expr, double value) {
        OptionalDouble v = LatexNumber.value(expr);
        assertTrue(v.isPresent(), expr);
        assertEquals(value, v.getAsDouble(), 1e-6);
    }

    @Test
    void variablesAreNotConstants() {
        assertTrue(LatexNumber.value("2x+1").isEmpty());
        assertTrue(LatexNumber.value("\\infty").isEmpty());
        assertTrue(LatexNumber.value("\\frac{1}{0}").isEmpty());
        assertTrue(LatexNumber.value("(1,2)").isEmpty());
    }
}
