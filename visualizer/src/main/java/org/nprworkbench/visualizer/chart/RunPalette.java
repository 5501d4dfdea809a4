package org.nprworkbench.visualizer.chart;

import java.util.List;

/**
 * The fixed colours of overlaid runs (as {@code #rrggbb}, so that view models need no paint classes):
 * the n-th run to appear keeps the n-th colour, cycling after eight. The pinned baseline is drawn in
 * {@link #BASELINE} grey, dashed, whatever its position.
 */
public final class RunPalette {
    private RunPalette() {
    }

    /** Blue, orange, green, magenta, violet, teal, ochre, brown: distinct on light and dark backgrounds. */
    public static final List<String> COLOURS = List.of(
            "#2f6fde", "#e8590c", "#2b9348", "#d6336c", "#7950f2", "#1098ad", "#c99700", "#8d5b3e");

    /** The baseline's colour. */
    public static final String BASELINE = "#6b7280";

    /** The colour of the run that appeared {@code index}-th (from 0). */
    public static String colour(int index) {
        return COLOURS.get(Math.floorMod(index, COLOURS.size()));
    }
}
