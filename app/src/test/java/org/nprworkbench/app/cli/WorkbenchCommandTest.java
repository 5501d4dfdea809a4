package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code npr workbench}'s options are checked before any window opens. */
class WorkbenchCommandTest {
    @TempDir
    Path home;

    @Test
    void anUnknownViewIsRefusedNamingTheSections() {
        CliRun run = CliRun.of("--home", home.toString(), "workbench", "--view", "charts");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("no section called 'charts': choose one of overview, models, training, runs, "
                + "explore, compare, problems"), run.err());
    }
}
