package org.nprworkbench.app.gui.section;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.nprworkbench.input.BadInputException;

/**
 * The sections of the workbench, in navigation order, with the words their pages show. Sections
 * whose views arrive in later versions carry the empty-state text that says what will appear there.
 */
public enum Section {
    OVERVIEW("Overview", "What the workbench is and how to get started", null, null),
    MODELS("Models", "Checkpoints in the data home and folders you opened", null, null),
    TRAINING("Training", "Start a run and watch it train, live", null, null),
    RUNS("Runs", "Every training run in the run store", null, null),
    EXPLORE("Explore", "How an answer unfolds in parallel, token by token", null, null),
    COMPARE("Compare", "Checkpoints side by side on the same problems and seeds", null, null),
    PROBLEMS("Problems", "The problem sets for training and evaluation",
            "No problem sets loaded",
            "The reasoning problems used for training and evaluation will be browsable here, each with its "
                    + "reference answer and the model's attempts.");

    private final String title;
    private final String subtitle;
    private final String emptyTitle;
    private final String emptyMessage;

    Section(String title, String subtitle, String emptyTitle, String emptyMessage) {
        this.title = title;
        this.subtitle = subtitle;
        this.emptyTitle = emptyTitle;
        this.emptyMessage = emptyMessage;
    }

    /** The section's name on the command line and in node ids: "overview", "models", ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The section called {@code key} ({@link #key()}, any case).
     *
     * @throws BadInputException naming the sections when there is no such section
     */
    public static Section fromKey(String key) {
        for (Section s : values()) {
            if (s.key().equalsIgnoreCase(key.strip())) {
                return s;
            }
        }
        throw new BadInputException("no section called '" + key + "': choose one of "
                + Arrays.stream(values()).map(Section::key).collect(Collectors.joining(", ")));
    }

    /** The navigation's and the page header's name. */
    public String title() {
        return title;
    }

    /** One line under the page's title. */
    public String subtitle() {
        return subtitle;
    }

    /** The heading of the placeholder page; null for sections that have a view. */
    public String emptyTitle() {
        return emptyTitle;
    }

    /** What will appear in this section; null for sections that have a view. */
    public String emptyMessage() {
        return emptyMessage;
    }

    /** True while the section shows only its placeholder. */
    public boolean placeholder() {
        return emptyTitle != null;
    }
}
