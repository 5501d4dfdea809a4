package org.nprworkbench.app.gui.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.app.gui.fixture.CheckpointFolders;
import org.nprworkbench.input.BadInputException;

/** Finding checkpoint folders, reading their summaries and checking that they load, including the broken ones. */
class CheckpointScannerTest {
    @TempDir
    Path root;

    @Test
    void findsFoldersWithAConfigUpToThreeLevelsDeep() throws Exception {
        write(root.resolve("a"), "{\"hidden_size\": 64}");
        write(root.resolve("run/step-10"), "{}");
        write(root.resolve("x/y/z"), "{}");
        write(root.resolve("x/y/z/w"), "{}");
        Files.createDirectories(root.resolve("no-config"));
        List<String> names = CheckpointScanner.scan(root).stream().map(CheckpointSummary::name).toList();
        assertEquals(List.of("a", "run/step-10", "x/y/z"), names);
        assertEquals(List.of(), CheckpointScanner.scan(root.resolve("missing")));
    }

    @Test
    void readsTheConfigFieldsTheStageAndTheWeightSizeOfALoadableFolder() throws Exception {
        Path dir = CheckpointFolders.micro(root.resolve("m"));
        Files.writeString(dir.resolve("npr.json"), "{\"stage\": \"papo\", \"step\": 40}");
        CheckpointSummary s = CheckpointScanner.open(dir);
        assertEquals(new CheckpointSummary("m", dir, "qwen3", 64, 2, 128, "papo",
                Files.size(dir.resolve("model.safetensors")), null), s);
        assertFalse(s.broken());
    }

    @Test
    void aPartialConfigIsListedWithWhatItHasAndTheFieldItLacks() throws Exception {
        Path dir = write(root.resolve("p"), "{\"model_type\": \"qwen3\", \"num_hidden_layers\": 2}");
        CheckpointSummary s = CheckpointScanner.open(dir);
        assertEquals(2, s.layers());
        assertNull(s.hiddenSize());
        assertNull(s.stage());
        assertTrue(s.broken());
        assertTrue(s.problem().startsWith(dir.resolve("config.json") + ": field \""), s.problem());
        assertTrue(s.problem().contains("\" is missing"), s.problem());
    }

    @Test
    void weightsAreCheckedAsLoadingWouldCheckThem() throws Exception {
        Path cut = CheckpointFolders.truncated(root.resolve("cut"));
        String problem = CheckpointScanner.open(cut).problem();
        assertTrue(problem.startsWith(cut.resolve("model.safetensors") + ": "), problem);
        assertTrue(problem.endsWith("the file is truncated or corrupt: re-download or re-save it"), problem);

        Path none = CheckpointFolders.micro(root.resolve("none"));
        Files.delete(none.resolve("model.safetensors"));
        assertTrue(CheckpointScanner.open(none).problem().startsWith(none + ": has neither model.safetensors"),
                CheckpointScanner.open(none).problem());

        Path shards = CheckpointFolders.micro(root.resolve("shards"));
        Files.move(shards.resolve("model.safetensors"), shards.resolve("model-00001-of-00002.safetensors"));
        CheckpointSummary s = CheckpointScanner.open(shards);
        assertTrue(s.broken(), "shards without their index do not load");
        assertEquals(Files.size(shards.resolve("model-00001-of-00002.safetensors")), s.weightBytes());
    }

    @Test
    void brokenFilesBecomeProblemsNamingTheFile() throws Exception {
        Path bad = write(root.resolve("bad"), "[1, 2]");
        assertEquals(bad.resolve("config.json") + ": expected a JSON object {...}, found an array; fix or replace the file",
                CheckpointScanner.open(bad).problem());
        Path syntax = write(root.resolve("syntax"), "{\"hidden_size\": 64,\n \"num_hidden_layers\" 2}");
        assertEquals(syntax.resolve("config.json") + ": line 2, column 23: not valid JSON: expected : after a field name; "
                + "fix or replace the file", CheckpointScanner.open(syntax).problem());
        Path typo = write(root.resolve("typo"), "{\"hidden_size\": \"big\"}");
        assertTrue(CheckpointScanner.open(typo).problem()
                .startsWith(typo.resolve("config.json") + ": field \"hidden_size\" should be a whole number"));
        Path stage = write(root.resolve("stage"), "{}");
        Files.writeString(stage.resolve("npr.json"), "{\"step\": 3}");
        assertTrue(CheckpointScanner.open(stage).problem().startsWith(stage.resolve("npr.json") + ":"));
    }

    @Test
    void openingAFolderWithoutConfigIsBadInput() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointScanner.open(empty));
        assertTrue(e.getMessage().startsWith(empty + ": not a checkpoint folder: it has no config.json"));
        assertThrows(BadInputException.class, () -> CheckpointScanner.open(root.resolve("nowhere")));
    }

    private static Path write(Path dir, String config) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), config);
        return dir;
    }
}
