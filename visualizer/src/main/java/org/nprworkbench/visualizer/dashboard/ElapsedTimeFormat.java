package org.nprworkbench.visualizer.dashboard;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;

/**
 * Prints seconds as elapsed time ({@code 45s}, {@code 12:30}, {@code 3:05:00}, {@code 2d 4h}) for the
 * wall-time axis, with tick units at round durations.
 */
final class ElapsedTimeFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double seconds, StringBuffer out, FieldPosition pos) {
        if (!Double.isFinite(seconds)) {
            return out.append(seconds);
        }
        if (seconds < 0) {
            out.append('-');
            seconds = -seconds;
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return out.append(s).append('s');
        }
        long days = s / 86_400;
        long hours = s / 3600 % 24;
        long minutes = s / 60 % 60;
        long secs = s % 60;
        if (days > 0) {
            return out.append(days).append("d ").append(hours).append('h');
        }
        if (hours > 0) {
            return out.append(hours).append(':').append(two(minutes)).append(':').append(two(secs));
        }
        return out.append(minutes).append(':').append(two(secs));
    }

    @Override
    public StringBuffer format(long seconds, StringBuffer out, FieldPosition pos) {
        return format((double) seconds, out, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("elapsed times are only printed");
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /** Tick units from one second to a hundred days, each printed with this format. */
    static TickUnits tickUnits() {
        TickUnits units = new TickUnits();
        ElapsedTimeFormat format = new ElapsedTimeFormat();
        for (double u : new double[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600,
                43_200, 86_400, 172_800, 432_000, 864_000, 8_640_000}) {
            units.add(new NumberTickUnit(u, format));
        }
        return units;
    }
}
