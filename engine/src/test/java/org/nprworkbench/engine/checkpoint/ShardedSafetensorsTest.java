package org.nprworkbench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sharded checkpoints: split by size, index as transformers writes it, read back tensor by tensor. */
class ShardedSafetensorsTest {

    @TempDir
    Path dir;

    /** Six F32 tensors of 400, 400, 400, 1200, 40 and 40 bytes, in insertion order. */
    private static Map<String, float[]> tensors() {
        Random random = new Random(3);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        for (String name : List.of("model.embed_tokens.weight", "model.layers.0.q.weight", "model.layers.0.k.weight",
                "model.layers.1.big.weight", "model.norm.weight", "lm_head.weight")) {
            int count = name.contains("big") ? 300 : name.contains("norm") || name.contains("lm_head") ? 10 : 100;
            float[] values = new float[count];
            for (int i = 0; i < count; i++) values[i] = (float) random.nextGaussian();
            tensors.put(name, values);
        }
        return tensors;
    }

    private static ShardedSafetensorsWriter writerOf(Map<String, float[]> tensors) {
        ShardedSafetensorsWriter writer = new ShardedSafetensorsWriter();
        tensors.forEach((name, values) -> writer.add(name, TensorDtype.F32, new long[] {values.length}, values));
        return writer;
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shardedWriteThenReadReturnsIdenticalTensors() throws IOException {
        Map<String, float[]> tensors = tensors();
        Path written = writerOf(tensors).write(dir, 1210);

        assertEquals(dir.resolve(SafetensorsWeights.INDEX_FILE).toAbsolutePath(), written);
        assertEquals(List.of("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
                "model-00003-of-00003.safetensors", "model.safetensors.index.json"), files());
        JsonObject index = JsonParser.parseString(Files.readString(written)).getAsJsonObject();
        assertEquals(2480, index.getAsJsonObject("metadata").get("total_size").getAsLong());
        JsonObject weightMap = index.getAsJsonObject("weight_map");
        assertEquals(List.of("lm_head.weight", "model.embed_tokens.weight", "model.layers.0.k.weight",
                "model.layers.0.q.weight", "model.layers.1.big.weight", "model.norm.weight"),
                List.copyOf(weightMap.keySet()));
        assertEquals("model-00001-of-00003.safetensors", weightMap.get("model.layers.0.k.weight").getAsString());
        assertEquals("model-00002-of-00003.safetensors", weightMap.get("model.layers.1.big.weight").getAsString());
        assertEquals("model-00003-of-00003.safetensors", weightMap.get("lm_head.weight").getAsString());
        assertTrue(Files.readString(written).startsWith("{\n  \"metadata\": {\n    \"total_size\": 2480\n  },"));

        try (SafetensorsWeights weights = SafetensorsWeights.openFolder(dir)) {
            ShardedSafetensors sharded = assertInstanceOf(ShardedSafetensors.class, weights);
            assertEquals("2480", sharded.metadata().get("total_size"));
            assertEquals(3, sharded.shardFiles().size());
            assertEquals(List.of("model.embed_tokens.weight", "model.layers.0.k.weight", "model.layers.0.q.weight",
                    "model.layers.1.big.weight", "lm_head.weight", "model.norm.weight"),
                    weights.tensors().stream().map(TensorInfo::name).toList());
            for (Map.Entry<String, float[]> entry : tensors.entrySet()) {
                assertArrayEquals(entry.getValue(), weights.readFloats(entry.getKey()), entry.getKey());
                assertArrayEquals(new long[] {entry.getValue().length}, weights.tensor(entry.getKey()).shape());
            }
            ByteBuffer direct = ByteBuffer.allocateDirect(40);
            weights.readF32("lm_head.weight", direct);
            assertEquals(40, direct.position());
            assertEquals(sharded.shardFiles().get(2), weights.fileOf("lm_head.weight"));
            assertFalse(weights.find("nope").isPresent());
        }
    }

    @Test
    void everythingInOneShardIsAPlainModelFile() throws IOException {
        Map<String, float[]> tensors = tensors();
        Path written = writerOf(tensors).write(dir, 1L << 30);
        assertEquals(List.of("model.safetensors"), files());
        try (SafetensorsWeights weights = SafetensorsWeights.openFolder(dir)) {
            assertInstanceOf(SafetensorsReader.class, weights);
            assertEquals(written, weights.fileOf("lm_head.weight").toAbsolutePath());
            assertArrayEquals(tensors.get("model.norm.weight"), weights.readFloats("model.norm.weight"));
        }
    }

    @Test
    void resavingInTheOtherLayoutRemovesTheStaleWeights() throws IOException {
        Map<String, float[]> tensors = tensors();
        writerOf(tensors).write(dir, 1L << 30);
        writerOf(tensors).write(dir, 1300);
        assertFalse(files().contains("model.safetensors"));
        writerOf(tensors).write(dir, 500); // every tensor over 250 bytes, including the 1200-byte one, alone
        assertEquals(List.of("model-00001-of-00005.safetensors", "model-00002-of-00005.safetensors",
                "model-00003-of-00005.safetensors", "model-00004-of-00005.safetensors",
                "model-00005-of-00005.safetensors", "model.safetensors.index.json"), files());
        try (SafetensorsWeights weights = SafetensorsWeights.openFolder(dir)) {
            assertArrayEquals(tensors.get("model.layers.1.big.weight"), weights.readFloats("model.layers.1.big.weight"));
            assertEquals(dir.resolve("model-00004-of-00005.safetensors"), weights.fileOf("model.layers.1.big.weight"));
        }
        writerOf(tensors).write(dir, 1L << 30);
        assertEquals(List.of("model.safetensors"), files());
    }

    @Test
    void singleFileWinsOverAnIndexAndUnlistedTensorsAreIgnored() throws IOException {
        new SafetensorsWriter()
                .add("listed", TensorDtype.F32, new long[] {1}, new float[] {1})
                .add("extra", TensorDtype.F32, new long[] {1}, new float[] {2})
                .write(dir.resolve("shard.safetensors"));
        Files.writeString(dir.resolve(SafetensorsWeights.INDEX_FILE), "{\"weight_map\":{\"listed\":\"shard.safetensors\"}}");
        try (SafetensorsWeights weights = SafetensorsWeights.openFolder(dir)) {
            assertEquals(List.of("listed"), weights.tensors().stream().map(TensorInfo::name).toList());
            assertFalse(weights.find("extra").isPresent());
        }
        new SafetensorsWriter().add("single", TensorDtype.BF16, new long[] {1}, new float[] {3})
                .write(dir.resolve(SafetensorsWeights.SINGLE_FILE));
        try (SafetensorsWeights weights = SafetensorsWeights.openFolder(dir)) {
            assertArrayEquals(new float[] {3}, weights.readFloats("single"));
        }
    }
}
