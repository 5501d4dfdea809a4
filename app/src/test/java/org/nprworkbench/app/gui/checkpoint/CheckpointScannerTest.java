package org.nprworkbench.app.gui.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.input.BadInputException;

/** Finding checkpoint folders and reading their summaries, including the broken ones. */
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
    void readsTheConfigFieldsTheStageAndTheWeightSize() throws Exception {
        Path dir = write(root.resolve("m"), "{\"model_type\": \"qwen3\", \"hidden_size\": 2560, "
                + "\"num_hidden_layers\": 36, \"vocab_size\": 151936, \"torch_dtype\": \"bfloat16\"}");
        Files.writeString(dir.resolve("npr.json"), "{\"stage\": \"papo\", \"step\": 40}");
        Files.write(dir.resolve("model-00001-of-00002.safetensors"), new byte[300]);
        Files.write(dir.resolve("model-00002-of-00002.safetensors"), new byte[200]);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        CheckpointSummary s = CheckpointScanner.open(dir);
        assertEquals(new CheckpointSummary("m", dir, "qwen3", 2560, 36, 151936, "papo", 500, null), s);
    }

    @Test
    void aPartialConfigIsListedWithWhatItHas() throws Exception {
        CheckpointSummary s = CheckpointScanner.open(write(root.resolve("p"), "{\"num_hidden_layers\": 2}"));
        assertTrue(s.readable());
        assertEquals(2, s.layers());
        assertNull(s.hiddenSize());
        assertNull(s.stage());
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
