package org.nprworkbench.app.gui.runs;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of the run browser.
 *
 * @param duration     from creation to the end, or to the last update while running
 * @param bestAccuracy the best validation (else training) accuracy; null when the run has none
 * @param parallelRate the last recorded parallel rate; null when the run has none
 */
public record RunRow(String name, String status, String task, String stages, Instant started, Duration duration,
                     Double bestAccuracy, Double parallelRate) {
}
