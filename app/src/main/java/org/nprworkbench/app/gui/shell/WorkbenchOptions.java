package org.nprworkbench.app.gui.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.nprworkbench.app.gui.section.Section;

/**
 * How the workbench window runs: interactively (screenshot and exitAfter null), or scripted for tests
 * and CI, where it waits until it has settled (first layout done, background work finished), waits
 * {@code exitAfter} more, writes {@code screenshot} if set, and closes. Either way it opens on
 * {@code view}.
 *
 * @param screenshot where to write a PNG of the window, or null
 * @param exitAfter  how long to stay open after settling, or null (then 0 with a screenshot, else forever)
 * @param view       the section to show first, or null for the Overview
 * @param checkpoint the checkpoint the Explore page solves with (a test problem is solved when it opens), or null
 * @param trace      a trace file the Explore page opens, or null
 * @param compare    checkpoints (catalogue names or folders) the Compare page compares when it opens; empty for none
 * @param run        a run the Training page follows and the Runs page shows, or null
 */
public record WorkbenchOptions(Path screenshot, Duration exitAfter, Section view, Path checkpoint, Path trace,
                               List<String> compare, String run) {
    /** A normal window that stays open until the user closes it. */
    public static final WorkbenchOptions INTERACTIVE = new WorkbenchOptions(null, null, null);

    /** Options without a checkpoint or trace for the Explore page. */
    public WorkbenchOptions(Path screenshot, Duration exitAfter, Section view) {
        this(screenshot, exitAfter, view, null, null);
    }

    /** Options without checkpoints to compare or a run. */
    public WorkbenchOptions(Path screenshot, Duration exitAfter, Section view, Path checkpoint, Path trace) {
        this(screenshot, exitAfter, view, checkpoint, trace, List.of(), null);
    }

    /** Options with checkpoints to compare, without a run. */
    public WorkbenchOptions(Path screenshot, Duration exitAfter, Section view, Path checkpoint, Path trace,
                            List<String> compare) {
        this(screenshot, exitAfter, view, checkpoint, trace, compare, null);
    }

    public WorkbenchOptions {
        compare = compare == null ? List.of() : List.copyOf(compare);
    }

    /** True when the window closes by itself. */
    public boolean scripted() {
        return screenshot != null || exitAfter != null;
    }
}
