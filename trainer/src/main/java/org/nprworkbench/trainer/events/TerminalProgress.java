package org.nprworkbench.trainer.events;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import org.nprworkbench.trainer.events.TrainingEvent.Notice;
import org.nprworkbench.trainer.events.TrainingEvent.StageEnded;
import org.nprworkbench.trainer.events.TrainingEvent.StageStarted;
import org.nprworkbench.trainer.events.TrainingEvent.StepMetrics;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;

/**
 * Training progress on a terminal: a bar with the stage, step / total, percent, rate, ETA and the
 * headline metrics, e.g.
 * <pre>seed [##########----------] 300/600  50%  2.41 steps/s  ETA 2m04s  loss 0.4123</pre>
 * The rate is measured from the stage's first reported step (set-up time does not count).
 * On a terminal the bar is redrawn in place with {@code \r} (at most every 100 ms, and at the last
 * step); on anything else (a pipe, a log file, a test) a line is printed each time the stage passes
 * another {@code everyPercent} percent, and at its last step. Stage starts, ends and notices get lines
 * of their own.
 */
public final class TerminalProgress implements TrainingListener {
    private static final int BAR = 20;
    private static final long REDRAW_NANOS = 100_000_000L;
    /** Metrics shown on the bar when a step reports them, with their short labels. */
    private static final Map<String, String> SHOWN = new LinkedHashMap<>();

    static {
        SHOWN.put(MetricNames.TRAIN_LOSS, "loss");
        SHOWN.put(MetricNames.SCORE_MEAN, "score");
        SHOWN.put(MetricNames.NPR_FORMAT_VALID_RATE, "format");
        SHOWN.put(MetricNames.NPR_PARALLEL_RATE, "parallel");
    }

    private final PrintWriter out;
    private final boolean terminal;
    private final int everyPercent;
    private final LongSupplier clock;

    private StageKind stage;
    private long firstStep;
    private long totalSteps;
    private long startNanos;
    private long rateStep;
    private long rateNanos;
    private long lastDraw;
    private int nextPercent;
    private int drawnWidth;

    /**
     * @param out          where to write
     * @param terminal     whether {@code out} is a terminal (redraw in place) or not (a line every N%)
     * @param everyPercent how often to print a line when not on a terminal (1..100)
     * @param clock        nanosecond clock ({@code System::nanoTime}; tests pass their own)
     */
    public TerminalProgress(PrintWriter out, boolean terminal, int everyPercent, LongSupplier clock) {
        if (everyPercent < 1 || everyPercent > 100) {
            throw new IllegalArgumentException("everyPercent must be 1..100, not " + everyPercent);
        }
        this.out = out;
        this.terminal = terminal;
        this.everyPercent = everyPercent;
        this.clock = clock;
    }

    /** Progress on {@code out}, redrawn in place when this process runs on a console, else every 10%. */
    public static TerminalProgress forConsole(PrintWriter out) {
        return new TerminalProgress(out, System.console() != null, 10, System::nanoTime);
    }

    @Override
    public void stageStarted(StageStarted e) {
        stage = e.stage();
        firstStep = e.firstStep();
        totalSteps = e.totalSteps();
        startNanos = clock.getAsLong();
        rateStep = -1;
        lastDraw = Long.MIN_VALUE;
        nextPercent = everyPercent;
        drawnWidth = 0;
        out.printf("stage %s: steps %d-%d%s%n", stage, firstStep, totalSteps,
                e.parentCheckpoint() == null ? " from a fresh model" : " from " + e.parentCheckpoint());
        out.flush();
    }

    @Override
    public void stepMetrics(StepMetrics e) {
        if (e.stage() != stage) {
            return;
        }
        long now = clock.getAsLong();
        if (rateStep < 0) { // the rate counts from the first step, not from the stage's set-up
            rateStep = e.step();
            rateNanos = now;
        }
        boolean last = e.step() >= totalSteps;
        if (terminal) {
            if (last || lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS) {
                String line = line(e, now);
                out.print('\r' + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
                drawnWidth = line.length();
                lastDraw = now;
                out.flush();
            }
            return;
        }
        int percent = percent(e.step());
        if (last || percent >= nextPercent) {
            out.println(line(e, now));
            out.flush();
            nextPercent = (percent / everyPercent + 1) * everyPercent;
        }
    }

    @Override
    public void notice(Notice e) {
        endLine();
        out.printf("%s: %s%n", e.kind().label().replace('_', ' '), e.message());
        out.flush();
    }

    @Override
    public void stageEnded(StageEnded e) {
        endLine();
        long done = Math.max(0, e.lastStep() - firstStep + 1);
        out.printf("stage %s %s: %d steps in %s%s%n", e.stage(), e.status().label(), done,
                duration((clock.getAsLong() - startNanos) / 1e9), e.message() == null ? "" : " (" + e.message() + ")");
        out.flush();
        stage = null;
    }

    /** Ends a bar drawn in place, so that the next line starts on a line of its own. */
    private void endLine() {
        if (terminal && drawnWidth > 0) {
            out.println();
            drawnWidth = 0;
        }
    }

    private int percent(long step) {
        return (int) Math.min(100, step * 100 / Math.max(1, totalSteps));
    }

    private String line(StepMetrics e, long now) {
        long step = e.step();
        int filled = (int) Math.min(BAR, step * BAR / Math.max(1, totalSteps));
        StringBuilder b = new StringBuilder();
        b.append(stage).append(" [").append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ")
                .append(step).append('/').append(totalSteps)
                .append(String.format(Locale.ROOT, " %3d%%", percent(step)));
        double seconds = (now - rateNanos) / 1e9;
        long done = step - rateStep;
        if (seconds > 0 && done > 0) {
            double rate = done / seconds;
            b.append(rate >= 1 ? String.format(Locale.ROOT, "  %.2f steps/s", rate)
                    : String.format(Locale.ROOT, "  %.1f s/step", 1 / rate));
            b.append("  ETA ").append(duration((totalSteps - step) / rate));
        }
        for (Map.Entry<String, String> m : SHOWN.entrySet()) {
            Double v = e.values().get(m.getKey());
            if (v != null) {
                b.append("  ").append(m.getValue()).append(' ').append(String.format(Locale.ROOT, "%.4f", v));
            }
        }
        return b.toString();
    }

    /** 45s, 3m05s, 1h02m. */
    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
