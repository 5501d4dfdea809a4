package org.nprworkbench.visualizer.dashboard;

import java.awt.Color;
import java.awt.Font;

/**
 * The colours and type of the drawn charts (JFreeChart paints with AWT colours, so the JavaFX
 * stylesheet cannot reach them): a light style matching the visualizer theme, and a dark one.
 */
public record ChartStyle(Color background, Color grid, Color axisLine, Color tickLabel, Color axisLabel,
                         Color marker, Color markerLabel, Color crosshair, Color noData, Font tickFont,
                         Font labelFont, Font markerFont, Font titleFont) {

    private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** Light: white plots on the theme's surface colour. */
    public static final ChartStyle LIGHT = new ChartStyle(
            Color.WHITE, new Color(0xeceff3), new Color(0xc9d0da), new Color(0x5d6878), new Color(0x5d6878),
            new Color(0x9aa3af), new Color(0x4b5563), new Color(0x1c2431), new Color(0x8a94a3),
            BASE.deriveFont(10f), BASE.deriveFont(10.5f), BASE.deriveFont(Font.BOLD, 9.5f), BASE.deriveFont(Font.BOLD, 13f));

    /** Dark: slate plots with light text. */
    public static final ChartStyle DARK = new ChartStyle(
            new Color(0x1f2630), new Color(0x2c3542), new Color(0x465163), new Color(0xa3adbb), new Color(0xa3adbb),
            new Color(0x6b7686), new Color(0xc8d0da), new Color(0xe5e9ef), new Color(0x7b8594),
            BASE.deriveFont(10f), BASE.deriveFont(10.5f), BASE.deriveFont(Font.BOLD, 9.5f), BASE.deriveFont(Font.BOLD, 13f));
}
