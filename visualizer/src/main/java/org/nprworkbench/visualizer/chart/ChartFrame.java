package org.nprworkbench.visualizer.chart;

import java.util.List;

/**
 * What a chart draws at one moment: its lines in drawing order (raw lines first, so they sit behind),
 * its stage markers and the x range the points were decimated for.
 *
 * @param lines   every line, back to front
 * @param markers stage boundaries
 * @param lo      the low end of the x range the decimation used
 * @param hi      its high end
 * @param points  the number of logged points the lines stand for (before decimation)
 */
public record ChartFrame(List<FrameLine> lines, List<StageMarker> markers, double lo, double hi, long points) {
}
