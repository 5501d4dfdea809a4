package org.nprworkbench.app.cli;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * How every {@code --json} of the command line is written: snake_case keys (record components such
 * as {@code meanT} become {@code mean_t}; map keys are written as given), no HTML escaping, and
 * NaN or infinite numbers as {@code NaN} / {@code Infinity} rather than an error.
 */
final class CliJson {
    /** Indented, for one object per command. */
    static final Gson PRETTY = builder().setPrettyPrinting().create();
    /** One line per value, for JSON Lines output. */
    static final Gson LINE = builder().create();

    private CliJson() {
    }

    private static GsonBuilder builder() {
        return new GsonBuilder()
                .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
                .serializeSpecialFloatingPointValues()
                .disableHtmlEscaping();
    }
}
