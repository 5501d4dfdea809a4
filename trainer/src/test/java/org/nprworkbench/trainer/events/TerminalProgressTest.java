package org.nprworkbench.trainer.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.nprworkbench.trainer.events.TrainingEvent.Notice;
import org.nprworkbench.trainer.events.TrainingEvent.StageEnded;
import org.nprworkbench.trainer.events.TrainingEvent.StageStarted;
import org.nprworkbench.trainer.events.TrainingEvent.StepMetrics;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.EventKind;
import org.nprworkbench.trainer.store.RunStatus;

/** The progress bar: a line every N% off a terminal, in-place redraws on one; rate and ETA from the clock. */
class TerminalProgressTest {
    private final StringWriter text = new StringWriter();
    private long now;

    private TerminalProgress progress(boolean terminal, int every) {
        return new TerminalProgress(new PrintWriter(text), terminal, every, () -> now);
    }

    private static StepMetrics step(long step, double loss) {
        return new StepMetrics(StageKind.SEED, step, Map.of(MetricNames.TRAIN_LOSS, loss, MetricNames.TRAIN_LR, 1e-3),
                Instant.EPOCH);
    }

    @Test
    void offATerminalALineEveryTenPercentWithRateAndEta() {
        TerminalProgress p = progress(false, 10);
        p.stageStarted(new StageStarted(StageKind.SEED, 1, 200, null));
        for (int s = 1; s <= 200; s++) {
            now += 500_000_000L; // two steps per second
            p.stepMetrics(step(s, 4.0 - s / 100.0));
        }
        p.stageEnded(new StageEnded(StageKind.SEED, RunStatus.FINISHED, 200, null));
        List<String> lines = Arrays.asList(text.toString().split("\n"));
        assertEquals("stage seed: steps 1-200 from a fresh model", lines.get(0));
        List<String> bars = lines.stream().filter(l -> l.startsWith("seed [")).collect(Collectors.toList());
        assertEquals(10, bars.size(), text.toString());
        assertEquals("seed [##########----------] 100/200  50%  2.00 steps/s  ETA 50s  loss 3.0000", bars.get(4));
        assertEquals("seed [####################] 200/200 100%  2.00 steps/s  ETA 0s  loss 2.0000", bars.get(9));
        assertEquals("stage seed finished: 200 steps in 1m40s", lines.get(lines.size() - 1));
        assertFalse(text.toString().contains("\r"));
    }

    @Test
    void theRateCountsFromTheFirstStepOfAResumedStage() {
        TerminalProgress p = progress(false, 50);
        p.stageStarted(new StageStarted(StageKind.ZERO, 101, 200, "runs/x/seed"));
        now += 30_000_000_000L; // set-up time before the first step does not count
        p.stepMetrics(new StepMetrics(StageKind.ZERO, 101, Map.of(), Instant.EPOCH));
        now += 49_500_000_000L; // 99 more steps in 49.5 s
        p.stepMetrics(new StepMetrics(StageKind.ZERO, 200, Map.of(MetricNames.SCORE_MEAN, 0.5), Instant.EPOCH));
        String out = text.toString();
        assertTrue(out.startsWith("stage zero: steps 101-200 from runs/x/seed\n"), out);
        assertTrue(out.contains("200/200 100%  2.00 steps/s  ETA 0s  score 0.5000"), out);
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAtMostEveryTenthOfASecond() {
        TerminalProgress p = progress(true, 10);
        p.stageStarted(new StageStarted(StageKind.SEED, 1, 1000, null));
        for (int s = 1; s <= 1000; s++) {
            now += 10_000_000L; // 100 steps per second
            p.stepMetrics(step(s, 1.0));
            if (s == 500) {
                p.notice(new Notice(StageKind.SEED, 500L, EventKind.WARNING, "something odd"));
            }
        }
        p.stageEnded(new StageEnded(StageKind.SEED, RunStatus.FINISHED, 1000, null));
        String out = text.toString();
        long redraws = out.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 95 && redraws <= 105, redraws + " redraws for 10 s of steps");
        assertTrue(out.contains("\nwarning: something odd\n"), "a notice starts a line of its own: " + out);
        assertTrue(out.contains("\rseed [####################] 1000/1000 100%  100.00 steps/s  ETA 0s  loss 1.0000\n"
                + "stage seed finished: 1000 steps in 10s\n"), out);
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("0s", TerminalProgress.duration(0.2));
        assertEquals("59s", TerminalProgress.duration(59));
        assertEquals("3m05s", TerminalProgress.duration(185));
        assertEquals("1h02m", TerminalProgress.duration(3720));
    }
}
