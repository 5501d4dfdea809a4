package org.nprworkbench.app.gui.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.checkpoint.CheckpointSummary;
import org.nprworkbench.app.gui.fixture.CheckpointFolders;
import org.nprworkbench.app.gui.fixture.CurrentThreadTasks;
import org.nprworkbench.app.gui.fixture.RecordedDialogs;
import org.nprworkbench.app.gui.state.SelectionState;
import org.nprworkbench.app.service.CheckpointCatalogue;
import org.nprworkbench.engine.home.DataHome;

/** The Models page's view model, without a window: real checkpoint folders, good and broken. */
class ModelsViewModelTest {
    @TempDir
    Path dir;

    private final CurrentThreadTasks tasks = new CurrentThreadTasks();
    private final RecordedDialogs dialogs = new RecordedDialogs();
    private final SelectionState selection = new SelectionState();
    private DataHome home;
    private ModelsViewModel vm;

    @BeforeEach
    void home() {
        home = new DataHome(dir.resolve("home")).ensure();
        vm = new ModelsViewModel(home, tasks, dialogs, selection);
    }

    @Test
    void aGoodCheckpointIsReadyWithItsConfigStageAndWeightSize() throws Exception {
        Path good = CheckpointFolders.micro(home.checkpoints().resolve("micro"));
        vm.refresh();
        assertEquals(List.of("Scanning checkpoints"), tasks.labels());
        assertEquals(1, vm.rows().size());
        CheckpointRow row = vm.rows().get(0);
        long bytes = Files.size(good.resolve(CheckpointFolders.WEIGHTS));
        assertEquals(new CheckpointRow(row.checkpoint(), "micro", "init", "qwen3", "64", "2", "128",
                CheckpointRow.size(bytes), "Ready"), row);
        assertFalse(row.broken());
        assertNull(row.problem());
        assertFalse(vm.emptyProperty().get());
        assertFalse(vm.scanningProperty().get());
        assertTrue(dialogs.errors().isEmpty(), dialogs.errors().toString());
    }

    @Test
    void aTruncatedCheckpointIsListedAsBrokenWithWhatFailedWhenReadingIt() throws Exception {
        CheckpointFolders.micro(home.checkpoints().resolve("good"));
        Path cut = CheckpointFolders.truncated(home.checkpoints().resolve("truncated"));
        vm.refresh();

        assertEquals(List.of("good", "truncated"), vm.rows().stream().map(CheckpointRow::name).toList());
        CheckpointRow good = vm.rows().get(0);
        CheckpointRow broken = vm.rows().get(1);
        assertFalse(good.broken());
        assertTrue(broken.broken());
        // Still listed with what its config says, so the user can tell which checkpoint it was.
        assertEquals("64", broken.hiddenSize());
        assertEquals("2", broken.layers());
        String weights = cut.resolve(CheckpointFolders.WEIGHTS).toString();
        assertTrue(broken.problem().startsWith(weights + ": "), broken.problem());
        assertTrue(broken.problem().contains("truncated or corrupt"), broken.problem());
        assertTrue(broken.status().startsWith("Broken: " + CheckpointFolders.WEIGHTS + ": "), broken.status());
        assertFalse(broken.status().contains(cut.toString()), "the table leaves the folder's path out: " + broken.status());

        assertEquals("1 of 2 checkpoints does not load: select it to see what failed when reading it.",
                vm.hintProperty().get());
        assertEquals(1, dialogs.errors().size(), dialogs.errors().toString());
        assertEquals("A checkpoint could not be read\n" + broken.problem(), dialogs.errors().get(0));
        vm.refresh();
        assertEquals(1, dialogs.errors().size(), "a problem is reported once, not at every scan");
    }

    @Test
    void aMissingConfigFieldIsTheReason() throws Exception {
        Path folder = CheckpointFolders.withoutConfigField(home.checkpoints().resolve("no-heads"),
                "num_attention_heads");
        vm.refresh();
        CheckpointRow row = vm.rows().get(0);
        assertTrue(row.broken());
        assertEquals(folder.resolve("config.json") + ": field \"num_attention_heads\" is missing: a Qwen3 config.json "
                + "states it", row.problem());
        assertEquals("Broken: config.json: field \"num_attention_heads\" is missing: a Qwen3 config.json states it",
                row.status());
    }

    @Test
    void aConfigThatIsNotJsonIsBrokenAndListedWithoutFields() throws Exception {
        Path folder = Files.createDirectories(home.checkpoints().resolve("half-written"));
        Files.writeString(folder.resolve("config.json"), "{\"hidden_size\": 12");
        vm.refresh();
        CheckpointRow row = vm.rows().get(0);
        assertTrue(row.problem().startsWith(folder.resolve("config.json") + ": line 1, column 19: not valid JSON"), row.problem());
        assertEquals(CheckpointRow.DASH, row.hiddenSize());
        assertEquals(CheckpointRow.DASH, row.weights());
    }

    @Test
    void selectingARowSelectsItsCheckpointForTheWholeWindowAndARescanKeepsIt() throws Exception {
        CheckpointFolders.micro(home.checkpoints().resolve("a"));
        Path b = CheckpointFolders.micro(home.checkpoints().resolve("b"));
        vm.refresh();
        CheckpointRow rowB = vm.rows().get(1);
        vm.select(rowB);
        assertSame(rowB.checkpoint(), selection.checkpointProperty().get());
        assertSame(rowB, vm.selectedProperty().get());

        // The selected checkpoint breaks on disk: a rescan selects its fresh, broken summary.
        Files.delete(b.resolve("tokenizer.json"));
        vm.refresh();
        CheckpointSummary now = selection.checkpointProperty().get();
        assertEquals(b, now.folder());
        assertTrue(now.broken());
        assertTrue(now.problem().startsWith(b.resolve("tokenizer.json") + ": "), now.problem());
        assertEquals(vm.rows().get(1), vm.selectedProperty().get());

        // It disappears: nothing is selected.
        try (var files = Files.list(b)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(b);
        vm.refresh();
        assertNull(selection.checkpointProperty().get());
        assertNull(vm.selectedProperty().get());
        vm.select(null);
        assertNull(selection.checkpointProperty().get());
    }

    @Test
    void aSelectionMadeElsewhereOfAnUnlistedFolderSurvivesARescan() throws Exception {
        CheckpointSummary elsewhere = new CheckpointSummary("x", dir.resolve("x"), null, null, null, null, null, 0, null);
        selection.checkpointProperty().set(elsewhere);
        assertNull(vm.selectedProperty().get(), "not a row of this page");
        vm.refresh();
        assertSame(elsewhere, selection.checkpointProperty().get());
    }

    @Test
    void openingAFolderAddsSelectsAndKeepsItAcrossRescans() throws Exception {
        Path outside = CheckpointFolders.micro(dir.resolve("elsewhere/micro-copy"));
        Path photos = Files.createDirectories(dir.resolve("elsewhere/photos"));
        vm.refresh();
        assertTrue(vm.emptyProperty().get());

        vm.open(outside);
        assertEquals(List.of("micro-copy"), vm.rows().stream().map(CheckpointRow::name).toList());
        assertEquals(outside, selection.checkpointProperty().get().folder());
        vm.refresh();
        assertEquals(1, vm.rows().size(), "kept after a rescan");
        assertEquals(outside, vm.selectedProperty().get().checkpoint().folder());

        vm.open(photos);
        assertEquals(List.of("This folder is not a checkpoint\n" + photos
                + ": not a checkpoint folder: it has no config.json. Create one with `npr model init --size tiny "
                + "--out DIR` or pick a Hugging Face model folder."), dialogs.errors());
        assertEquals(1, vm.rows().size());
    }

    @Test
    void theHintCountsTheBrokenCheckpoints() throws Exception {
        vm.refresh();
        assertEquals("Select a checkpoint to see its folder and whether it loads.", vm.hintProperty().get());
        CheckpointFolders.truncated(home.checkpoints().resolve("a"));
        vm.refresh();
        assertEquals("The checkpoint does not load: select it to see what failed when reading it.",
                vm.hintProperty().get());
        CheckpointFolders.withoutConfigField(home.checkpoints().resolve("b"), "vocab_size");
        vm.refresh();
        assertEquals("All 2 checkpoints do not load: select one to see what failed when reading it.",
                vm.hintProperty().get());
        CheckpointFolders.micro(home.checkpoints().resolve("c"));
        vm.refresh();
        assertEquals("2 of 3 checkpoints do not load: select one to see what failed when reading it.",
                vm.hintProperty().get());
    }

    @Test
    void theEmptyPageOffersTheInitCommandForThisHome() {
        vm.refresh();
        assertTrue(vm.emptyProperty().get());
        assertEquals(home.checkpoints(), vm.checkpointsFolder());
        assertTrue(vm.initCommand().endsWith("--out " + home.checkpoints().resolve("tiny")), vm.initCommand());
    }

    @Test
    void sizesAreDecimalWithOneDecimal() {
        assertEquals(CheckpointRow.DASH, CheckpointRow.size(0));
        assertEquals("999 B", CheckpointRow.size(999));
        assertEquals("2.5 KB", CheckpointRow.size(2500));
        assertEquals("12.7 MB", CheckpointRow.size(12_700_000));
    }

    @Test
    void theCataloguesCheckpointsAreListedByNameAndABrokenOneStaysBroken() throws Exception {
        CheckpointFolders.micro(home.checkpoints().resolve("local"));
        CheckpointFolders.truncated(home.runs().resolve("demo").resolve("seed"));
        Path registered = CheckpointFolders.micro(dir.resolve("elsewhere"));
        new CheckpointCatalogue(home).add(registered, "mine");
        vm.refresh();

        assertEquals(List.of("local", "demo/seed", "mine"), vm.rows().stream().map(CheckpointRow::name).toList());
        assertFalse(vm.rows().get(0).broken());
        CheckpointRow run = vm.rows().get(1);
        assertTrue(run.broken(), "the truncated run checkpoint is listed as broken");
        assertTrue(run.status().startsWith("Broken: " + CheckpointFolders.WEIGHTS + ": "), run.status());
        CheckpointRow mine = vm.rows().get(2);
        assertFalse(mine.broken());
        assertEquals(registered.toAbsolutePath().normalize(), mine.checkpoint().folder());
        assertEquals(1, dialogs.errors().size(), "the broken one is reported once: " + dialogs.errors());
    }

    @Test
    void aCheckpointIsOpenedByCatalogueNameAndAnUnknownNameIsReportedWithCloseMatches() throws Exception {
        Path registered = CheckpointFolders.micro(dir.resolve("elsewhere"));
        new CheckpointCatalogue(home).add(registered, "mine");

        vm.open("mine");
        CheckpointSummary selected = selection.checkpointProperty().get();
        assertEquals(registered.toAbsolutePath().normalize(), selected.folder());
        assertSame(selected, vm.selectedProperty().get().checkpoint());

        vm.open("mire");
        assertEquals(List.of("No such checkpoint\n'mire' is neither a checkpoint folder nor a checkpoint name in the "
                + "catalogue of " + home.root() + "; close matches: mine"), dialogs.errors());
        assertEquals(registered.toAbsolutePath().normalize(), selection.checkpointProperty().get().folder(),
                "a failed open keeps the selection");
    }
}
