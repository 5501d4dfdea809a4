package org.nprworkbench.visualizer.dashboard;

import java.util.List;

import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractIntervalXYDataset;
import org.nprworkbench.visualizer.chart.FrameLine;

/** A JFreeChart interval dataset over the band lines of a frame: x with each column's low and high. */
final class BandDataset extends AbstractIntervalXYDataset {
    private static final long serialVersionUID = 1L;
    private transient List<FrameLine> bands = List.of();

    void setBands(List<FrameLine> bands) {
        this.bands = List.copyOf(bands);
        fireDatasetChanged();
    }

    List<FrameLine> bands() {
        return bands;
    }

    @Override
    public int getSeriesCount() {
        return bands.size();
    }

    @Override
    public Comparable<String> getSeriesKey(int series) {
        return FrameDataset.key(bands.get(series));
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.NONE;
    }

    @Override
    public int getItemCount(int series) {
        return bands.get(series).band().size();
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public double getXValue(int series, int item) {
        return bands.get(series).band().x(item);
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }

    @Override
    public double getYValue(int series, int item) {
        return (getStartYValue(series, item) + getEndYValue(series, item)) / 2;
    }

    @Override
    public Number getStartX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public Number getEndX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public Number getStartY(int series, int item) {
        return getStartYValue(series, item);
    }

    @Override
    public double getStartYValue(int series, int item) {
        return bands.get(series).band().low(item);
    }

    @Override
    public Number getEndY(int series, int item) {
        return getEndYValue(series, item);
    }

    @Override
    public double getEndYValue(int series, int item) {
        return bands.get(series).band().high(item);
    }
}
