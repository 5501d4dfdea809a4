package org.nprworkbench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.input.BadInputException;

import ai.djl.Device;

/**
 * Where a checkpoint is written: the destination is checked before any work (an existing checkpoint
 * is replaced only when asked, a path that cannot be written is refused with its cause), and a save
 * cleans up the folders that saves killed mid-way left beside it.
 */
class CheckpointDestinationTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        DjlBootstrap.init();
    }

    private BadInputException refused(Path folder, boolean replace) {
        return assertThrows(BadInputException.class, () -> Checkpoint.requireWritable(folder, replace));
    }

    @Test
    void anExistingCheckpointIsReplacedOnlyWhenAsked() throws IOException {
        Path ck = dir.resolve("ck");
        Checkpoint.init("micro", ck, 1, Device.cpu()).close();
        byte[] weights = Files.readAllBytes(ck.resolve("model.safetensors"));
        BadInputException e = refused(ck, false);
        assertEquals(ck + ": already holds a checkpoint; pass --force to replace it, or choose another output folder",
                e.getMessage());
        assertArrayEquals(weights, Files.readAllBytes(ck.resolve("model.safetensors")), "left untouched");
        assertDoesNotThrow(() -> Checkpoint.requireWritable(ck, true));
        assertDoesNotThrow(() -> Checkpoint.requireWritable(dir.resolve("new/deeper/ck"), false));
        assertTrue(Files.isDirectory(dir.resolve("new/deeper")), "the parent is made, the checkpoint is not");
        assertTrue(!Files.exists(dir.resolve("new/deeper/ck")));
        try (Stream<Path> s = Files.list(dir.resolve("new/deeper"))) {
            assertEquals(0, s.count(), "the write probe is removed");
        }
    }

    @Test
    void pathsThatCannotHoldACheckpointAreRefusedWithTheirCause() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        assertEquals(file + ": exists and is a file; choose another output folder", refused(file, true).getMessage());

        Path foreign = dir.resolve("docs");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        assertTrue(refused(foreign, true).getMessage().contains("exists and is not a checkpoint folder"));

        BadInputException under = refused(file.resolve("ck"), false);
        assertTrue(under.getMessage().startsWith(file + ": cannot be created (" + file + " is a file)")
                        || under.getMessage().startsWith(file + ": cannot be created (" + file + ": Not a directory)"),
                under.getMessage());
    }

    @Test
    void aFolderWithoutWritePermissionIsRefused() throws IOException {
        Path locked = dir.resolve("locked");
        Files.createDirectories(locked);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "running as root: permissions are not enforced");
            BadInputException e = refused(locked.resolve("ck"), false);
            assertEquals(locked + ": is not writable (permission denied); choose an output folder in a writable place",
                    e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aSaveCleansWhatKilledSavesLeftInTheSameFolder() throws Exception {
        Path ck = dir.resolve("ck");
        Checkpoint.init("micro", ck, 1, Device.cpu()).close();
        long dead = deadPid();
        long alive = ProcessHandle.current().pid();
        leftover(".ck.saving-" + dead + "-100", "model.safetensors");   // killed while writing ck
        leftover(".ck.saving-7071563209", "config.json");               // the older name, without a pid
        leftover(".other.saving-" + dead + "-200", "tokenizer.json");   // killed while writing a sibling
        leftover(".ck.old-" + dead + "-300", "config.json");            // ck exists again: superseded
        leftover(".gone.old-" + dead + "-400", "config.json");          // killed between the swap's renames
        leftover(".ck.saving-" + alive + "-500", "config.json");        // a save still running
        Files.writeString(dir.resolve(".ck.saving-" + dead + "-600"), "a file, not ours"); // not a folder

        try (Checkpoint.Loaded c = Checkpoint.load(ck, Device.cpu())) {
            Checkpoint.save(c.model(), c.tokenizer(), ck, Provenance.init(), ck);
        }
        assertEquals(Stream.of(".ck.saving-" + alive + "-500", ".ck.saving-" + dead + "-600", "ck", "gone").sorted().toList(),
                names());
        assertTrue(Files.isRegularFile(dir.resolve("gone/config.json")), "the only copy of 'gone' is put back");
        assertDoesNotThrow(() -> Checkpoint.load(ck, Device.cpu()).close());
    }

    private void leftover(String name, String file) throws IOException {
        Path p = Files.createDirectories(dir.resolve(name));
        Files.writeString(p.resolve(file), "{}");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assumeFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        return pid;
    }
}
