package org.nprworkbench.visualizer.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fixed colour scales of the token view. */
class TokenScaleTest {

    private static double luminance(int rgb) {
        return 0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF);
    }

    @Test
    void surprisingTokensAreDarkerAndUnknownOnesNeutral() {
        assertEquals(0, TokenScale.fraction(ColourMode.LOG_PROB, 0f));
        assertEquals(0.5, TokenScale.fraction(ColourMode.LOG_PROB, -3f), 1e-6);
        assertEquals(1, TokenScale.fraction(ColourMode.LOG_PROB, Float.NEGATIVE_INFINITY));
        assertEquals(0, TokenScale.fraction(ColourMode.LOG_PROB, 1e-7f), "rounding above 0 is still certain");
        assertTrue(Double.isNaN(TokenScale.fraction(ColourMode.ENTROPY, Float.NaN)));
        assertEquals(TokenScale.NEUTRAL, TokenScale.colour(ColourMode.LOG_PROB, Float.NaN));
        double previous = Double.MAX_VALUE;
        for (float lp = 0; lp >= -6; lp -= 0.5f) {
            double l = luminance(TokenScale.colour(ColourMode.LOG_PROB, lp));
            assertTrue(l < previous, "darker as the log-prob falls: " + lp);
            previous = l;
        }
        previous = Double.MAX_VALUE;
        for (float h = 0; h <= 4; h += 0.5f) {
            double l = luminance(TokenScale.colour(ColourMode.ENTROPY, h));
            assertTrue(l < previous, "darker as the entropy grows: " + h);
            assertTrue(l > 90, "dark text stays readable on it");
            previous = l;
        }
        assertEquals(TokenScale.colour(ColourMode.ENTROPY, 4f), TokenScale.colour(ColourMode.ENTROPY, 9f), "saturates");
        assertEquals(TokenScale.colourAt(ColourMode.LOG_PROB, 0.5), TokenScale.colour(ColourMode.LOG_PROB, -3f));
        assertThrows(IllegalArgumentException.class, () -> TokenScale.fraction(ColourMode.ATTENTION, 1f));
        assertEquals("≤ -6", TokenScale.ticks(ColourMode.LOG_PROB).get(3).label());
    }
}
