package org.nprworkbench.app.gui.training;

/**
 * How far one stage of the followed run has got.
 *
 * @param status   pending, running, finished, failed, stopped or interrupted
 * @param step     the latest step that recorded a metric (0 before the first)
 * @param total    the steps the stage plans; null until it starts
 * @param fraction done share in [0, 1]
 * @param eta      the estimated time left in words, or "" when not running
 */
public record StageProgress(String stage, String status, long step, Long total, double fraction, String eta) {
}
