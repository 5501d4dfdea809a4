package org.nprworkbench.visualizer.dashboard;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * Fills each series of an interval dataset as one band from its low to its high values, split at
 * gaps (NaN bounds): the whole series is one polygon, drawn when its first item comes up. A band of
 * one column is drawn one pixel wide, and a series can have a least thickness (in pixels), so that
 * the band of a smooth line still reads as a line of that width.
 */
final class BandRenderer extends AbstractXYItemRenderer {
    private static final long serialVersionUID = 1L;
    private double[] thickness = new double[8];

    /** The least height of series {@code series}'s band, in pixels. */
    void setSeriesThickness(int series, double pixels) {
        if (series >= thickness.length) {
            thickness = java.util.Arrays.copyOf(thickness, Math.max(series + 1, thickness.length * 2));
        }
        thickness[series] = pixels;
    }

    @Override
    public LegendItem getLegendItem(int datasetIndex, int series) {
        XYPlot plot = getPlot();
        XYDataset dataset = plot == null ? null : plot.getDataset(datasetIndex);
        if (dataset == null || !isSeriesVisible(series) || !isSeriesVisibleInLegend(series)) {
            return null;
        }
        // Shown as the line it stands for.
        java.awt.Paint paint = lookupSeriesPaint(series);
        LegendItem item = new LegendItem(getLegendItemLabelGenerator().generateLabel(dataset, series), null, null, null,
                false, new Rectangle2D.Double(-4, -4, 8, 8), false, paint, false, paint, new BasicStroke(1f), true,
                new Line2D.Double(-7, 0, 7, 0), new BasicStroke(2f), paint);
        item.setDataset(dataset);
        item.setDatasetIndex(datasetIndex);
        item.setSeriesKey(dataset.getSeriesKey(series));
        item.setSeriesIndex(series);
        return item;
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                         XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series,
                         int item, CrosshairState crosshairState, int pass) {
        if (item != 0) {
            return;
        }
        IntervalXYDataset d = (IntervalXYDataset) dataset;
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        int n = d.getItemCount(series);
        g2.setPaint(lookupSeriesPaint(series));
        double least = series < thickness.length ? thickness[series] : 0;
        int start = 0;
        while (start < n) {
            while (start < n && !Double.isFinite(d.getStartYValue(series, start))) {
                start++;
            }
            int end = start;
            while (end < n && Double.isFinite(d.getStartYValue(series, end))) {
                end++;
            }
            if (end > start) {
                Path2D.Double band = new Path2D.Double(Path2D.WIND_NON_ZERO, 2 * (end - start) + 2);
                for (int i = start; i < end; i++) {
                    double x = domainAxis.valueToJava2D(d.getXValue(series, i), dataArea, xEdge);
                    double y = top(d, series, i, rangeAxis, dataArea, yEdge, least);
                    if (i == start) {
                        band.moveTo(end - start == 1 ? x - 0.5 : x, y);
                    } else {
                        band.lineTo(x, y);
                    }
                    if (end - start == 1) {
                        band.lineTo(x + 0.5, y);
                    }
                }
                for (int i = end - 1; i >= start; i--) {
                    double x = domainAxis.valueToJava2D(d.getXValue(series, i), dataArea, xEdge);
                    double y = top(d, series, i, rangeAxis, dataArea, yEdge, least) + height(d, series, i, rangeAxis,
                            dataArea, yEdge, least);
                    if (end - start == 1) {
                        band.lineTo(x + 0.5, y);
                        band.lineTo(x - 0.5, y);
                    } else {
                        band.lineTo(x, y);
                    }
                }
                band.closePath();
                g2.fill(band);
            }
            start = end;
        }
    }

    /** The screen y of the band's top at item i, moved up when the band is thinner than {@code least}. */
    private static double top(IntervalXYDataset d, int series, int i, ValueAxis axis, Rectangle2D area, RectangleEdge edge,
                              double least) {
        double high = axis.valueToJava2D(d.getEndYValue(series, i), area, edge);
        double low = axis.valueToJava2D(d.getStartYValue(series, i), area, edge);
        return low - high < least ? (low + high - least) / 2 : high;
    }

    /** The band's screen height at item i, at least {@code least}. */
    private static double height(IntervalXYDataset d, int series, int i, ValueAxis axis, Rectangle2D area,
                                 RectangleEdge edge, double least) {
        double high = axis.valueToJava2D(d.getEndYValue(series, i), area, edge);
        double low = axis.valueToJava2D(d.getStartYValue(series, i), area, edge);
        return Math.max(least, low - high);
    }

    @Override
    public Range findRangeBounds(XYDataset dataset) {
        return findRangeBounds(dataset, true);
    }
}
