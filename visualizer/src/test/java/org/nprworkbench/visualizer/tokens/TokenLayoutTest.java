package org.nprworkbench.visualizer.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.visualizer.tokens.TokenLayout.Run;

/** Wrapping tokens into monospaced lines and finding the token under the mouse. */
class TokenLayoutTest {

    @Test
    void tokensWrapWholeNewlinesBreakAndLongTokensSplit() {
        String[] texts = {"ab", "cd", "x\ny", "efghijk", "\t"};
        TokenLayout l = TokenLayout.of(new int[] {0, 1, 2, 3, 4}, texts, 5);
        assertEquals(List.of(
                new Run(0, 0, 0, "ab", false), new Run(1, 0, 2, "cd", false), new Run(2, 0, 4, "x", false),
                new Run(2, 1, 0, TokenLayout.NEWLINE_MARK, true),
                new Run(2, 2, 0, "y", false), new Run(3, 2, 1, "efgh", false), new Run(3, 3, 0, "ijk", false),
                new Run(4, 4, 0, "    ", false)), l.runs());
        assertEquals(5, l.lines());
        assertEquals(1, l.tokenAt(0, 3));
        assertEquals(2, l.tokenAt(1, 0));
        assertEquals(-1, l.tokenAt(1, 1), "past the newline mark is empty");
        assertEquals(3, l.tokenAt(3, 2));
        assertEquals(-1, l.tokenAt(9, 0));
        assertEquals(2, l.lineOf(3));
        assertEquals(List.of(new Run(3, 3, 0, "ijk", false)), l.line(3));
    }

    @Test
    void aTokenThatFitsMovesToTheNextLineInsteadOfBreaking() {
        TokenLayout l = TokenLayout.of(new int[] {0, 1}, new String[] {"abcd", "efg"}, 6);
        assertEquals(List.of(new Run(0, 0, 0, "abcd", false), new Run(1, 1, 0, "efg", false)), l.runs());
        TokenLayout order = TokenLayout.of(new int[] {1, 0}, new String[] {"abcd", "efg"}, 80);
        assertEquals(1, order.tokenAt(0, 0), "laid out in the order given");
    }

    @Test
    void aBreakStartsANewLine() {
        TokenLayout l = TokenLayout.of(new int[] {0, 1, 2}, new String[] {"ab", "cd", "e\n"}, 40, t -> t == 1 || t == 0);
        assertEquals(List.of(new Run(0, 0, 0, "ab", false), new Run(1, 1, 0, "cd", false), new Run(2, 1, 2, "e", false),
                new Run(2, 1, 3, TokenLayout.NEWLINE_MARK, true)), l.runs());
    }

    @Test
    void displayTextIsNeverEmptyOrControl() {
        assertEquals("·", TokenLayout.display(""));
        assertEquals("a·b", TokenLayout.display("a\u0001b\r"));
        assertThrows(IllegalArgumentException.class, () -> TokenLayout.of(new int[0], new String[0], 0));
    }
}
