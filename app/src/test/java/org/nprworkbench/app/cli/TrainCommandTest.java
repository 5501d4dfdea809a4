package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.checkpoint.Provenance;

/** {@code npr train seed} as a user runs it: a short run saves a checkpoint with its provenance. */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void seedSftSavesACheckpointWithProvenance() {
        Path init = dir.resolve("init");
        Path out = dir.resolve("seeded");
        assertEquals(0, CliRun.of("model", "init", "--size", "micro", "--out", init.toString()).status());
        CliRun r = CliRun.of("train", "seed", "--init", init.toString(), "--out", out.toString(),
                "--steps", "4", "--examples", "4", "--batch", "2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("saved " + out), r.out());
        Provenance p = Provenance.read(out);
        assertEquals("seed", p.stage());
        assertEquals(init.toString(), p.parent());
        assertEquals(4, p.step());
        assertTrue(p.metrics().containsKey("train/loss"));
        assertEquals(0, CliRun.of("model", "info", out.toString()).status());

        CliRun bad = CliRun.of("train", "seed", "--out", dir.resolve("x").toString(), "--npr-share", "2");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--npr-share"), bad.err());

        CliRun nothing = CliRun.of("--home", dir.resolve("home").toString(), "train");
        assertEquals(2, nothing.status());
        assertTrue(nothing.err().contains("--resume NAME"), nothing.err());
        CliRun unknown = CliRun.of("--home", dir.resolve("home").toString(), "train", "--resume", "nosuch");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("nosuch"), unknown.err());
    }
}
