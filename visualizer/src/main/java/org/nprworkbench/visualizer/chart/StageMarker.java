package org.nprworkbench.visualizer.chart;

/**
 * A stage boundary as drawn: the x where the stage starts (on the current x axis), its label, and
 * the colour of its line ({@code #rrggbb}; the run's colour when several runs are overlaid, else null
 * for the neutral marker colour).
 */
public record StageMarker(double x, String label, String colour) {
}
