package org.nprworkbench.app.gui.state;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.nprworkbench.app.gui.checkpoint.CheckpointSummary;

/**
 * What the user has selected, shared by every section of the window: the run (by its name in the run
 * store), the checkpoint and a training sample. A section that selects something sets it here; the others (the status
 * bar, later the training, explore and compare pages) follow it. One instance per window; use it on
 * the JavaFX thread.
 */
public final class SelectionState {
    private final StringProperty run = new SimpleStringProperty(this, "run");
    private final ObjectProperty<CheckpointSummary> checkpoint = new SimpleObjectProperty<>(this, "checkpoint");
    private final ObjectProperty<SelectedRollout> rollout = new SimpleObjectProperty<>(this, "rollout");

    /** The name of the selected run, or null when none is selected. */
    public StringProperty runProperty() {
        return run;
    }

    /** The selected checkpoint folder's summary, or null when none is selected. */
    public ObjectProperty<CheckpointSummary> checkpointProperty() {
        return checkpoint;
    }

    /** The training sample selected in the Training page's rollouts, or null. */
    public ObjectProperty<SelectedRollout> rolloutProperty() {
        return rollout;
    }
}
