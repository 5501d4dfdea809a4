package org.nprworkbench.visualizer.tokens;

import java.util.List;
import java.util.Locale;

/**
 * The colour scales of the token view, fixed so that two answers coloured alike mean alike: a
 * log-probability from 0 (pale) down to {@link #MIN_LOG_PROB} and below (deep red), an entropy from 0
 * (pale) up to {@link #MAX_ENTROPY} nats and above (deep purple). Colours are 0xRRGGBB integers,
 * light enough for dark text on top. Unknown values (NaN) get {@link #NEUTRAL}. Pure, no JavaFX.
 */
public final class TokenScale {
    /** The log-probability at which the scale saturates. */
    public static final float MIN_LOG_PROB = -6f;
    /** The entropy (nats) at which the scale saturates. */
    public static final float MAX_ENTROPY = 4f;
    /** The background of a token with no value. */
    public static final int NEUTRAL = 0xEEF0F3;

    private static final int[] LOG_PROB_STOPS = {0xF7F9FC, 0xFDE3B4, 0xF9A86B, 0xE35D4F};
    private static final int[] ENTROPY_STOPS = {0xF7F9FC, 0xD5E0F2, 0xAFA6DC, 0x8266C0};

    private TokenScale() {
    }

    /** A tick of a colour legend: where it sits on the bar (0..1) and its label. */
    public record LegendTick(double at, String label) {
    }

    /** Where {@code value} lies on the scale of {@code mode}, 0 (pale) to 1 (deep); NaN when unknown. */
    public static double fraction(ColourMode mode, float value) {
        if (Float.isNaN(value)) {
            return Double.NaN;
        }
        return switch (mode) {
            case LOG_PROB -> clamp(value / MIN_LOG_PROB);
            case ENTROPY -> clamp(value / MAX_ENTROPY);
            case ATTENTION -> throw new IllegalArgumentException("attention has no value scale");
        };
    }

    /** The colour of {@code value} under {@code mode}. */
    public static int colour(ColourMode mode, float value) {
        double t = fraction(mode, value);
        return Double.isNaN(t) ? NEUTRAL : ramp(mode == ColourMode.LOG_PROB ? LOG_PROB_STOPS : ENTROPY_STOPS, t);
    }

    /** The colour at fraction {@code t} of the scale of {@code mode} (for drawing the legend bar). */
    public static int colourAt(ColourMode mode, double t) {
        return ramp(mode == ColourMode.LOG_PROB ? LOG_PROB_STOPS : ENTROPY_STOPS, clamp(t));
    }

    /** The legend's ticks for {@code mode}. */
    public static List<LegendTick> ticks(ColourMode mode) {
        return switch (mode) {
            case LOG_PROB -> List.of(new LegendTick(0, "0"), new LegendTick(1 / 3.0, "-2"), new LegendTick(2 / 3.0, "-4"),
                    new LegendTick(1, String.format(Locale.ROOT, "≤ %.0f", MIN_LOG_PROB)));
            case ENTROPY -> List.of(new LegendTick(0, "0"), new LegendTick(0.25, "1"), new LegendTick(0.5, "2"),
                    new LegendTick(0.75, "3"), new LegendTick(1, String.format(Locale.ROOT, "≥ %.0f nats", MAX_ENTROPY)));
            case ATTENTION -> List.of();
        };
    }

    private static double clamp(double t) {
        return t <= 0 ? 0 : t > 1 ? 1 : t;
    }

    /** Piecewise-linear interpolation between equally spaced colour stops. */
    private static int ramp(int[] stops, double t) {
        double x = t * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) Math.floor(x));
        double f = x - k;
        int a = stops[k];
        int b = stops[k + 1];
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - f) + ((b >> 16) & 0xFF) * f);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - f) + ((b >> 8) & 0xFF) * f);
        int bl = (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
        return (r << 16) | (g << 8) | bl;
    }
}
