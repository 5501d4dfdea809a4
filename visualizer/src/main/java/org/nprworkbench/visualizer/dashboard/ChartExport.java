package org.nprworkbench.visualizer.dashboard;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a {@link MetricChart} as a stand-alone picture, with its title and a legend of its lines
 * (raw lines left out): a PNG at twice the size for sharp text, or an SVG (JFreeSVG) of the same
 * drawing. Drawing reads the chart's data, so call {@link #png} and {@link #svg} on the thread that
 * updates the chart; write the result on any thread.
 */
public final class ChartExport {
    private ChartExport() {
    }

    /** The chart drawn at {@code width x height} logical pixels, {@code scale} times as many real ones. */
    public static BufferedImage png(MetricChart chart, int width, int height, double scale) {
        BufferedImage image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            draw(chart, g, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The chart as an SVG document of {@code width x height} pixels. */
    public static String svg(MetricChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        draw(chart, g, width, height);
        return g.getSVGDocument();
    }

    /** Writes a PNG, replacing the file. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        try (var out = Files.newOutputStream(file)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is available");
            }
        }
    }

    /** Writes an SVG document as UTF-8, replacing the file. */
    public static void writeSvg(String svg, Path file) throws IOException {
        Files.writeString(file, svg, StandardCharsets.UTF_8);
    }

    private static void draw(MetricChart metricChart, Graphics2D g, int width, int height) {
        JFreeChart chart = metricChart.chart();
        ChartStyle style = metricChart.style();
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        try {
            TextTitle title = new TextTitle(metricChart.spec().title(), style.titleFont());
            title.setPaint(style.axisLabel().darker());
            title.setHorizontalAlignment(HorizontalAlignment.LEFT);
            title.setPadding(new RectangleInsets(8, 10, 4, 10));
            chart.setTitle(title);
            LegendTitle legend = new LegendTitle(chart.getXYPlot());
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemFont(style.tickFont());
            legend.setItemPaint(style.tickLabel());
            legend.setBackgroundPaint(style.background());
            legend.setFrame(BlockBorder.NONE);
            chart.addLegend(legend);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            chart.removeLegend();
            chart.setTitle((TextTitle) null);
            chart.setNotify(notify);
        }
    }
}
