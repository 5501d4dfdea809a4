package org.nprworkbench.visualizer.chart;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * A run in the dashboard's legend: its name, its fixed colour ({@code #rrggbb}) and whether it is
 * overlaid on the charts. The pinned baseline is drawn whatever {@link #shownProperty()} says.
 */
public final class RunEntry {
    private final String name;
    private final String colour;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);

    RunEntry(String name, String colour) {
        this.name = name;
        this.colour = colour;
    }

    public String name() {
        return name;
    }

    public String colour() {
        return colour;
    }

    /** Whether the run is overlaid on the charts. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    @Override
    public String toString() {
        return name;
    }
}
