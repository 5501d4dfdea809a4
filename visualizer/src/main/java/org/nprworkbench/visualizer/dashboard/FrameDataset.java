package org.nprworkbench.visualizer.dashboard;

import java.util.List;

import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;
import org.nprworkbench.visualizer.chart.FrameLine;

/**
 * A JFreeChart dataset over the decimated lines of one {@link org.nprworkbench.visualizer.chart.ChartFrame}:
 * it reads the point buffers in place and is replaced whole on every refresh, with one change event.
 */
final class FrameDataset extends AbstractXYDataset {
    private static final long serialVersionUID = 1L;
    private transient List<FrameLine> lines = List.of();

    void setLines(List<FrameLine> lines) {
        this.lines = List.copyOf(lines);
        fireDatasetChanged();
    }

    List<FrameLine> lines() {
        return lines;
    }

    @Override
    public int getSeriesCount() {
        return lines.size();
    }

    @Override
    public Comparable<String> getSeriesKey(int series) {
        return key(lines.get(series));
    }

    /** The legend name of a line: run and line label, with "(raw)" for the faint raw lines. */
    static String key(FrameLine line) {
        String name = line.series().run() + " \u00b7 " + line.series().label();
        return line.kind() == FrameLine.Kind.RAW ? name + " (raw)" : name;
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.NONE;
    }

    @Override
    public int getItemCount(int series) {
        return lines.get(series).points().size();
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public double getXValue(int series, int item) {
        return lines.get(series).points().x(item);
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }

    @Override
    public double getYValue(int series, int item) {
        return lines.get(series).points().y(item);
    }
}
