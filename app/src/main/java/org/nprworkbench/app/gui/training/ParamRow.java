package org.nprworkbench.app.gui.training;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.pipeline.PipelineConfig;

/**
 * One row of the New-run form's hyper-parameter table: the key, what it does, the preset's default,
 * the value the user typed, whether it differs from the default, and why it is refused (the reason
 * {@link PipelineConfig#set(String, String)} gives), or null while it is valid.
 */
public final class ParamRow {
    private final String key;
    private final String help;
    private final ReadOnlyStringWrapper defaultValue = new ReadOnlyStringWrapper(this, "defaultValue");
    private final StringProperty value = new SimpleStringProperty(this, "value");
    private final ReadOnlyBooleanWrapper changed = new ReadOnlyBooleanWrapper(this, "changed");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private String preset;

    ParamRow(String key, String preset) {
        this.key = key;
        this.help = PipelineConfig.help(key);
        value.addListener((o, was, is) -> check());
        reset(preset);
    }

    /** Takes the default of {@code preset} as both the default and the value. */
    void reset(String preset) {
        this.preset = preset;
        defaultValue.set(PipelineConfig.preset(preset).value(key));
        value.set(defaultValue.get());
        check();
    }

    private void check() {
        String v = value.get() == null ? "" : value.get().trim();
        try {
            String normal = PipelineConfig.preset(preset).set(key, v).value(key);
            error.set(null);
            changed.set(!normal.equals(PipelineConfig.preset(preset).set(key, defaultValue.get()).value(key)));
        } catch (BadInputException e) {
            error.set(e.getMessage().replaceFirst("^--set ", ""));
            changed.set(true);
        }
    }

    public String key() {
        return key;
    }

    /** What the parameter does, with its bounds or choices. */
    public String help() {
        return help;
    }

    /** The preset's value. */
    public ReadOnlyStringProperty defaultValueProperty() {
        return defaultValue.getReadOnlyProperty();
    }

    /** The value the run will use, as typed. */
    public StringProperty valueProperty() {
        return value;
    }

    /** True when the value differs from the preset's (or is invalid). */
    public ReadOnlyBooleanProperty changedProperty() {
        return changed.getReadOnlyProperty();
    }

    /** Why the value is refused, or null when it is valid. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
