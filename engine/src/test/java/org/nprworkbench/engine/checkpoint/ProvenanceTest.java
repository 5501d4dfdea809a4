package org.nprworkbench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.engine.tokenizer.PromptFormat;
import org.nprworkbench.input.BadInputException;

import ai.djl.Device;

import com.google.gson.JsonParser;

/** The forced layout in {@code npr.json}: written, read, defaulted by tokenizer kind, refused when unknown. */
class ProvenanceTest {
    @TempDir
    Path dir;

    @Test
    void theLayoutRoundTripsAsASnakeCaseField() throws IOException {
        Provenance p = Provenance.init().withForcedLayout(ForcedLayout.RELEASED);
        Files.writeString(dir.resolve(Provenance.FILE), p.toJson());
        assertEquals("released", JsonParser.parseString(p.toJson()).getAsJsonObject().get("forced_layout").getAsString());
        Provenance read = Provenance.read(dir);
        assertEquals(ForcedLayout.RELEASED, read.forcedLayout());
        assertEquals(ForcedLayout.RELEASED, read.forcedLayout(PromptFormat.PLAIN), "the file wins over the default");
    }

    @Test
    void withoutTheFieldTheTokenizerKindDecides() throws IOException {
        Files.writeString(dir.resolve(Provenance.FILE), "{\"stage\": \"seed-sft\", \"step\": 3}");
        Provenance read = Provenance.read(dir);
        assertNull(read.forcedLayout());
        assertEquals(ForcedLayout.COMPACT, read.forcedLayout(PromptFormat.PLAIN));
        assertEquals(ForcedLayout.RELEASED, read.forcedLayout(PromptFormat.CHATML_NO_THINK));
        assertEquals(ForcedLayout.RELEASED, Provenance.imported().forcedLayout(PromptFormat.CHATML),
                "an official checkpoint without npr.json");
    }

    @Test
    void anUnknownLayoutIsRefusedNamingTheField() throws IOException {
        Path file = Files.writeString(dir.resolve(Provenance.FILE), "{\"stage\": \"init\", \"forced_layout\": \"wide\"}");
        BadInputException e = assertThrows(BadInputException.class, () -> Provenance.read(dir));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("forced_layout")
                && e.getMessage().contains("released"), e.getMessage());
        Files.writeString(file, "{\"stage\": \"init\", \"forced_layout\": 3}");
        assertThrows(BadInputException.class, () -> Provenance.read(dir));
    }

    @Test
    void aLoadedCheckpointForcesTheLayoutItsFileNames() throws IOException {
        DjlBootstrap.init();
        Path folder = dir.resolve("ck");
        Checkpoint.init("micro", folder, 1, Device.cpu()).close();
        try (Checkpoint.Loaded c = Checkpoint.load(folder, Device.cpu())) {
            assertEquals(ForcedLayout.COMPACT, c.forcedLayout(), "the embedded model's default");
        }
        Files.writeString(folder.resolve(Provenance.FILE), Provenance.read(folder).withForcedLayout(ForcedLayout.RELEASED).toJson());
        try (Checkpoint.Loaded c = Checkpoint.load(folder, Device.cpu())) {
            assertEquals(ForcedLayout.RELEASED, c.forcedLayout());
        }
        assertEquals(ForcedLayout.RELEASED, Checkpoint.inspect(folder).forcedLayout());
    }
}
