package org.nprworkbench.visualizer.chart;

/** What every chart's x axis measures: the training step, or wall time elapsed since each run began. */
public enum XAxisMode {
    STEP("Step", "step"),
    WALL_TIME("Wall time", "elapsed time");

    private final String title;
    private final String axisLabel;

    XAxisMode(String title, String axisLabel) {
        this.title = title;
        this.axisLabel = axisLabel;
    }

    /** The name in the dashboard's x-axis switch. */
    public String title() {
        return title;
    }

    /** The x axis label. */
    public String axisLabel() {
        return axisLabel;
    }
}
