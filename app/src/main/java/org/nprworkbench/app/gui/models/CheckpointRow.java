package org.nprworkbench.app.gui.models;

import java.util.Locale;

import org.nprworkbench.app.gui.checkpoint.CheckpointSummary;

/**
 * One row of the Models table, in the words the table shows: a dash where the config has no value,
 * sizes in KB/MB/GB, and a status that is either "Ready" or "Broken: " with the reason, the folder's
 * own path left out of it (the details under the table show the full message).
 *
 * @param checkpoint the summary the row shows
 * @param status     "Ready", or "Broken: " and what failed when reading the folder
 */
public record CheckpointRow(CheckpointSummary checkpoint, String name, String stage, String architecture,
                            String hiddenSize, String layers, String vocabulary, String weights, String status) {
    static final String DASH = "\u2014";

    /** The row for {@code c}. */
    public static CheckpointRow of(CheckpointSummary c) {
        return new CheckpointRow(c, c.name(), orDash(c.stage()), orDash(c.modelType()), orDash(c.hiddenSize()),
                orDash(c.layers()), orDash(c.vocabSize()), size(c.weightBytes()),
                c.broken() ? "Broken: " + shortReason(c) : "Ready");
    }

    /** True when the checkpoint would not load. */
    public boolean broken() {
        return checkpoint.broken();
    }

    /** What failed when reading the folder (naming the file), or null when it would load. */
    public String problem() {
        return checkpoint.problem();
    }

    /** The problem with the folder's path taken off the file it names: "model.safetensors: ...". */
    static String shortReason(CheckpointSummary c) {
        String folder = c.folder().toString();
        String separator = c.folder().getFileSystem().getSeparator();
        String problem = c.problem();
        if (problem.startsWith(folder + separator)) {
            return problem.substring(folder.length() + separator.length());
        }
        if (problem.startsWith(folder + ": ")) {
            return problem.substring(folder.length() + 2);
        }
        return problem;
    }

    private static String orDash(Object value) {
        return value == null ? DASH : value.toString();
    }

    /** A byte count in decimal units ("2.5 KB"); a dash for none. */
    static String size(long bytes) {
        if (bytes == 0) {
            return DASH;
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
