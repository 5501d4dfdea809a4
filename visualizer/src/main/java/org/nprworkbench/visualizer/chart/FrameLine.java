package org.nprworkbench.visualizer.chart;

/**
 * A line ready to draw, already reduced to the chart's width: either a polyline of points, or, for
 * raw values denser than the pixels, a band (each column's lowest to highest value) that covers the
 * same pixels and draws much faster.
 *
 * @param series the series it shows
 * @param kind   raw points (faint, behind) or the smoothed line
 * @param points the decimated points (NaN y values are gaps), or null for a band
 * @param band   the per-column envelope, or null for a polyline
 */
public record FrameLine(PlottedSeries series, Kind kind, PointBuffer points, BandBuffer band) {
    public FrameLine {
        if ((points == null) == (band == null)) {
            throw new IllegalArgumentException("a line is either points or a band");
        }
    }

    /** Whether this line is drawn as a band. */
    public boolean isBand() {
        return band != null;
    }

    /** The number of points, or of band columns. */
    public int size() {
        return band != null ? band.size() : points.size();
    }

    /** Which of a series' two lines this is. */
    public enum Kind {
        /** The logged values, drawn faint behind the smoothed line when smoothing is on. */
        RAW,
        /** The smoothed values (equal to the raw ones when smoothing is off). */
        SMOOTHED
    }
}
