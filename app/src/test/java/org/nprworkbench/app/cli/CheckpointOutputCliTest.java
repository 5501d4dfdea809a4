package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs that write a checkpoint ({@code model init}, {@code train seed}) and the verbs that read
 * {@code config.json}, as a user meets their errors: an existing checkpoint is replaced only with
 * {@code --force}, an output folder that cannot be written is refused before any work, a bad
 * {@code config.json} field is named in one line; all with exit status 2.
 */
class CheckpointOutputCliTest {
    @TempDir
    Path dir;

    private Path init(String name, String seed) {
        Path ck = dir.resolve(name);
        CliRun r = CliRun.of("model", "init", "--size", "micro", "--out", ck.toString(), "--seed", seed);
        assertEquals(0, r.status(), r.err());
        return ck;
    }

    private static void oneLine(CliRun r) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().startsWith("npr: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void modelInitReplacesACheckpointOnlyWithForce() throws IOException {
        Path ck = init("ck", "1");
        byte[] weights = Files.readAllBytes(ck.resolve("model.safetensors"));
        CliRun again = CliRun.of("model", "init", "--size", "micro", "--out", ck.toString(), "--seed", "2");
        oneLine(again);
        assertTrue(again.err().contains(ck + ": already holds a checkpoint; pass --force"), again.err());
        assertArrayEquals(weights, Files.readAllBytes(ck.resolve("model.safetensors")), "the checkpoint is kept");

        CliRun forced = CliRun.of("model", "init", "--size", "micro", "--out", ck.toString(), "--seed", "2", "--force");
        assertEquals(0, forced.status(), forced.err());
        assertFalse(Arrays.equals(weights, Files.readAllBytes(ck.resolve("model.safetensors"))), "replaced");
    }

    @Test
    void trainSeedRefusesToReplaceACheckpointBeforeTraining() {
        Path init = init("init", "1");
        Path out = init("trained", "3");
        String[] args = {"train", "seed", "--init", init.toString(), "--out", out.toString(),
                "--steps", "2", "--examples", "2", "--batch", "1"};
        CliRun r = CliRun.of(args);
        oneLine(r);
        assertTrue(r.err().contains(out + ": already holds a checkpoint; pass --force"), r.err());
        assertFalse(r.out().contains("step"), "nothing was trained: " + r.out());

        String[] forced = Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        CliRun f = CliRun.of(forced);
        assertEquals(0, f.status(), f.err());
        assertTrue(f.out().contains("saved " + out), f.out());
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Path out = file.resolve("ck");
        CliRun init = CliRun.of("model", "init", "--size", "micro", "--out", out.toString());
        oneLine(init);
        assertTrue(init.err().contains(file + ": cannot be created"), init.err());

        CliRun train = CliRun.of("train", "seed", "--out", out.toString(), "--steps", "600");
        oneLine(train);
        assertTrue(train.err().contains(file + ": cannot be created"), train.err());
        assertFalse(train.out().contains("step"), "refused before training: " + train.out());
    }

    @Test
    void aSaveRemovesTheLeftoversOfAKilledSave() throws IOException {
        Path leftover = Files.createDirectories(dir.resolve(".ck.saving-7071563209"));
        Files.writeString(leftover.resolve("model.safetensors"), "half a file");
        init("ck", "1");
        assertFalse(Files.exists(leftover), "the killed save's folder is gone");
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the checkpoint is left");
        }
    }

    @Test
    void aBadConfigFieldIsNamedInOneLine() throws IOException {
        Path ck = init("ck", "1");
        Path cfg = ck.resolve("config.json");
        String good = Files.readString(cfg);

        Files.writeString(cfg, good.replaceFirst("\"hidden_size\": \\d+", "\"hidden_size\": \"wide\""));
        CliRun wide = CliRun.of("model", "info", ck.toString());
        oneLine(wide);
        assertTrue(wide.err().contains(cfg + ": field \"hidden_size\" must be a whole number from 1 to 65536, found \"wide\""),
                wide.err());

        Files.writeString(cfg, good.replaceFirst("\"num_hidden_layers\": \\d+", "\"num_hidden_layers\": 1000000"));
        CliRun deep = CliRun.of("model", "score", ck.toString(), "--text", "hi");
        oneLine(deep);
        assertTrue(deep.err().contains(cfg + ": field \"num_hidden_layers\" must be a whole number from 1 to 1024"),
                deep.err());

        Files.writeString(cfg, good.replaceFirst("\"num_key_value_heads\": \\d+", "\"num_key_value_heads\": 3"));
        CliRun heads = CliRun.of("solve", "--checkpoint", ck.toString(), "2+2?");
        oneLine(heads);
        assertTrue(heads.err().contains("field \"num_key_value_heads\""), heads.err());
    }
}
