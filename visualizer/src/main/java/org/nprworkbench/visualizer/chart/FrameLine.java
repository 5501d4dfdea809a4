package org.nprworkbench.visualizer.chart;

/**
 * A line ready to draw: its points (already decimated to the chart's width) and its style.
 *
 * @param series the series it shows
 * @param kind   raw points (faint, behind) or the smoothed line
 * @param points the decimated points; NaN y values are gaps
 */
public record FrameLine(PlottedSeries series, Kind kind, PointBuffer points) {

    /** Which of a series' two lines this is. */
    public enum Kind {
        /** The logged values, drawn faint behind the smoothed line when smoothing is on. */
        RAW,
        /** The smoothed values (equal to the raw ones when smoothing is off). */
        SMOOTHED
    }

    /** A key unique within the chart. */
    public String key() {
        return series.run() + "\u0000" + series.label() + "\u0000" + kind;
    }
}
