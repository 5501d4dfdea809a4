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

    @Test
    void aMissingTraceOrCheckpointIsRefusedNamingIt() {
        Path trace = home.resolve("no-such.jsonl");
        CliRun run = CliRun.of("--home", home.toString(), "workbench", "--view", "explore", "--trace", trace.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains(trace + ": --trace: no such file"), run.err());
        Path ck = home.resolve("no-such-checkpoint");
        run = CliRun.of("--home", home.toString(), "workbench", "--view", "explore", "--checkpoint", ck.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("'" + ck + "' is neither a checkpoint folder nor a checkpoint name"), run.err());
    }

    @Test
    void compareNeedsTwoKnownCheckpoints() {
        CliRun run = CliRun.of("--home", home.toString(), "workbench", "--view", "compare", "--compare", "quickstart/npr");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("--compare quickstart/npr: name two or more checkpoints"), run.err());
        run = CliRun.of("--home", home.toString(), "workbench", "--view", "compare", "--compare", "quickstart/npr,quickstart/sr");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("'quickstart/npr' is neither a checkpoint folder nor a checkpoint name"), run.err());
    }

    @Test
    void anUnknownRunIsRefusedBeforeTheWindowOpens() {
        CliRun run = CliRun.of("--home", home.toString(), "workbench", "--view", "train", "--run", "nope");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("no run named 'nope'"), run.err());
    }
}
