package org.nprworkbench.visualizer.chart;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nprworkbench.visualizer.metrics.MetricColumns;

/**
 * A chart's data as CSV, one row per logged point of every line it draws (all points, not the
 * decimated ones), with the columns {@code run, metric, stage, step, wall_time, value, smoothed}.
 * {@code wall_time} is seconds since the epoch; {@code smoothed} uses the smoothing weight the chart
 * showed when the table was taken. The table is a snapshot, taken on the thread that feeds the
 * charts; {@link #write} can then run on any thread.
 */
public final class ChartCsv {
    /** The header row. */
    public static final List<String> HEADER = List.of("run", "metric", "stage", "step", "wall_time", "value", "smoothed");

    /** One row of the table. */
    public record Row(String run, String metric, String stage, long step, double wallTime, double value,
                      double smoothed) {
    }

    /** One line's frozen points. */
    record Part(String run, MetricColumns columns, double[] smoothed) {
    }

    private final List<Part> parts;

    ChartCsv(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The number of data rows. */
    public long rowCount() {
        return parts.stream().mapToLong(p -> p.columns().size()).sum();
    }

    /** Every data row, in line order and then step order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Part p : parts) {
            MetricColumns c = p.columns();
            for (int i = 0; i < c.size(); i++) {
                rows.add(new Row(p.run(), c.metric(), c.stage(i), c.step(i), c.wallTime(i), c.value(i), p.smoothed()[i]));
            }
        }
        return rows;
    }

    /** Writes the header and every row. */
    public void write(Writer out) throws IOException {
        out.write(String.join(",", HEADER));
        out.write('\n');
        StringBuilder line = new StringBuilder(128);
        for (Part p : parts) {
            MetricColumns c = p.columns();
            String run = field(p.run());
            String metric = field(c.metric());
            for (int i = 0; i < c.size(); i++) {
                line.setLength(0);
                line.append(run).append(',').append(metric).append(',').append(field(c.stage(i))).append(',')
                        .append(c.step(i)).append(',').append(wallTime(c.wallTime(i))).append(',')
                        .append(number(c.value(i))).append(',').append(number(p.smoothed()[i])).append('\n');
                out.append(line);
            }
        }
    }

    /** Writes the table to a UTF-8 file, replacing it. */
    public void write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out);
        }
    }

    /** A text field, quoted (RFC 4180) when it holds a comma, quote or line break. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** A value as Java prints a double (round-trips exactly); NaN and infinities by name. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Seconds since the epoch with millisecond precision. */
    static String wallTime(double seconds) {
        if (!Double.isFinite(seconds)) {
            return Double.toString(seconds);
        }
        return java.math.BigDecimal.valueOf(Math.round(seconds * 1000)).movePointLeft(3).toPlainString();
    }
}
