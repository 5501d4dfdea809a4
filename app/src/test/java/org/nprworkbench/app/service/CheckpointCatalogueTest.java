package org.nprworkbench.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.fixture.CheckpointFolders;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.CheckpointRecord;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunSpec;
import org.nprworkbench.trainer.store.RunStore;

/** The checkpoint catalogue on a real run store and real checkpoint folders. */
class CheckpointCatalogueTest {
    @TempDir
    Path dir;

    @Test
    void aStagesLatestCheckpointIsRunSlashStageAndEarlierOnesCarryTheirStep() {
        DataHome home = new DataHome(dir.resolve("home")).ensure();
        Path step2 = home.runs().resolve("demo").resolve("seed-2");
        Path step4 = home.runs().resolve("demo").resolve("seed");
        Path pruned = home.runs().resolve("demo").resolve("seed-1");
        try (RunStore store = RunStore.open(home)) {
            RunInfo run = store.createRun(new RunSpec("demo", "countdown", null, List.of(StageKind.SEED), "{}", 1L, "cpu"));
            store.startStage(run.id(), StageKind.SEED, 4L, null);
            long first = store.recordCheckpoint(run.id(), new CheckpointRecord(StageKind.SEED, 1, pruned, null, Map.of()));
            store.markCheckpointPruned(first);
            store.recordCheckpoint(run.id(), new CheckpointRecord(StageKind.SEED, 2, step2, null, Map.of()));
            store.recordCheckpoint(run.id(), new CheckpointRecord(StageKind.SEED, 4, step4, null, Map.of()));
        }
        CheckpointCatalogue catalogue = new CheckpointCatalogue(home);
        List<CheckpointCatalogue.Entry> entries = catalogue.entries();
        assertEquals(List.of("demo/seed", "demo/seed@2"), entries.stream().map(CheckpointCatalogue.Entry::name).toList(),
                "the pruned step-1 checkpoint is not offered");
        assertEquals(new CheckpointCatalogue.Entry("demo/seed", "demo", "seed", 4L, step4.toAbsolutePath().normalize(),
                CheckpointCatalogue.Source.RUN_STORE), entries.get(0));
        assertEquals(step4.toAbsolutePath().normalize(), catalogue.resolve("demo/seed"));
        assertEquals(step4.toAbsolutePath().normalize(), catalogue.resolve("demo/seed@4"));
        assertEquals(step2.toAbsolutePath().normalize(), catalogue.resolve("demo/seed@2"));
        BadInputException e = assertThrows(BadInputException.class, () -> catalogue.resolve("demo/seed@3"));
        assertTrue(e.getMessage().endsWith("close matches: demo/seed@2, demo/seed"), e.getMessage());
    }

    @Test
    void anExistingFolderIsTakenAsGivenWithoutReadingTheCatalogue() {
        DataHome home = new DataHome(dir.resolve("home"));
        assertEquals(dir, new CheckpointCatalogue(home).resolve(dir.toString()));
    }

    @Test
    void registeredFoldersPersistAndRegisteringAgainRenames() {
        DataHome home = new DataHome(dir.resolve("home"));
        Path folder = CheckpointFolders.micro(dir.resolve("ck"));
        new CheckpointCatalogue(home).add(folder, null);
        assertEquals(List.of("ck"), new CheckpointCatalogue(home).entries().stream().map(CheckpointCatalogue.Entry::name).toList());
        new CheckpointCatalogue(home).add(folder, "better");
        CheckpointCatalogue fresh = new CheckpointCatalogue(home);
        assertEquals(List.of("better"), fresh.entries().stream().map(CheckpointCatalogue.Entry::name).toList());
        assertEquals(folder.toAbsolutePath().normalize(), fresh.resolve("better"));
        BadInputException spaced = assertThrows(BadInputException.class, () -> fresh.add(folder, "two words"));
        assertTrue(spaced.getMessage().contains("one word"), spaced.getMessage());
    }

    @Test
    void shippedCheckpointsAreGroupSlashName() {
        DataHome home = new DataHome(dir.resolve("home"));
        Path shipped = dir.resolve("models");
        Path npr = CheckpointFolders.micro(shipped.resolve("quickstart").resolve("npr"));
        CheckpointFolders.micro(shipped.resolve("quickstart").resolve("sr"));
        CheckpointCatalogue catalogue = new CheckpointCatalogue(home, shipped);
        assertEquals(List.of("quickstart/npr", "quickstart/sr"), catalogue.entries().stream()
                .map(CheckpointCatalogue.Entry::name).toList());
        assertEquals(CheckpointCatalogue.Source.SHIPPED, catalogue.find("quickstart/npr").orElseThrow().source());
        assertEquals(npr.toAbsolutePath().normalize(), catalogue.resolve("quickstart/npr"));
        assertTrue(new CheckpointCatalogue(home, null).entries().isEmpty(), "no shipped folder, no shipped entries");
    }

    @Test
    void aFoldersNameIsFoundFromItsPathAlone() {
        DataHome home = new DataHome(dir.resolve("home"));
        CheckpointCatalogue catalogue = new CheckpointCatalogue(home, dir.resolve("models"));
        assertEquals(java.util.Optional.of("quickstart/seed"), catalogue.nameOf(dir.resolve("models/quickstart/seed")));
        assertEquals(java.util.Optional.of("demo/beta"), catalogue.nameOf(home.runs().resolve("demo").resolve("beta")));
        assertEquals(java.util.Optional.of("demo/beta"), catalogue.nameOf(home.runs().resolve("demo/x/../beta")));
        assertTrue(catalogue.nameOf(home.runs().resolve("demo")).isEmpty(), "a run folder is no checkpoint name");
        assertTrue(catalogue.nameOf(home.runs().resolve("demo/checkpoints/zero-step-000004")).isEmpty());
        assertTrue(catalogue.nameOf(dir.resolve("elsewhere/ck")).isEmpty());
        assertTrue(new CheckpointCatalogue(home, null).nameOf(dir.resolve("models/quickstart/seed")).isEmpty());
    }

    @Test
    void closeMatchesAreByEditDistanceOrContainment() {
        List<CheckpointCatalogue.Entry> entries = List.of(
                entry("demo/seed"), entry("demo/zero"), entry("official-npr"), entry("unrelated"));
        assertEquals(List.of("demo/seed"), CheckpointCatalogue.closeMatches("demo/sed", entries));
        assertEquals(List.of("official-npr"), CheckpointCatalogue.closeMatches("official", entries));
        assertEquals(List.of(), CheckpointCatalogue.closeMatches("xyz", entries));
    }

    private static CheckpointCatalogue.Entry entry(String name) {
        return new CheckpointCatalogue.Entry(name, null, null, null, Path.of(name), CheckpointCatalogue.Source.REGISTERED);
    }
}
