package org.nprworkbench.engine.checkpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Writes the weights of a model folder as Hugging Face does with a maximum shard size: tensors are
 * packed in the order they were added into shards of at most {@code maxShardBytes} (a larger tensor gets
 * a shard of its own), named {@code model-00001-of-0000N.safetensors}, with
 * {@code model.safetensors.index.json} ({@code total_size} and a name-sorted {@code weight_map}). When
 * everything fits in one shard it writes a plain {@code model.safetensors} instead, as
 * {@code transformers} does. Each file is replaced atomically and the index is written last; afterwards
 * the weight files of the other layout (or of an older shard count) are deleted, so the folder never
 * holds two competing sets of weights.
 */
public final class ShardedSafetensorsWriter {

    private final Map<String, String> metadata = new LinkedHashMap<>(Map.of("format", "pt"));
    private final Map<String, SafetensorsWriter.Pending> tensors = new LinkedHashMap<>();

    /** Sets one {@code __metadata__} entry of every shard. */
    public ShardedSafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds a tensor whose values are at hand; see {@link SafetensorsWriter#add(String, TensorDtype, long[], float[])}. */
    public ShardedSafetensorsWriter add(String name, TensorDtype dtype, long[] shape, float[] data) {
        return add(SafetensorsWriter.Pending.of(name, dtype, shape, data));
    }

    /** Adds a tensor supplied while its shard is written; see {@link SafetensorsWriter#add(String, TensorDtype, long[], Supplier)}. */
    public ShardedSafetensorsWriter add(String name, TensorDtype dtype, long[] shape, Supplier<float[]> data) {
        return add(new SafetensorsWriter.Pending(name, dtype, shape, data));
    }

    private ShardedSafetensorsWriter add(SafetensorsWriter.Pending pending) {
        if (tensors.putIfAbsent(pending.name(), pending) != null) {
            throw new IllegalArgumentException("tensor '" + pending.name() + "' added twice");
        }
        return this;
    }

    /**
     * Writes the weights into {@code folder} (which must exist) and returns the file to open them by:
     * {@code model.safetensors} or {@code model.safetensors.index.json}.
     */
    public Path write(Path folder, long maxShardBytes) throws IOException {
        folder = folder.toAbsolutePath().normalize();
        if (maxShardBytes <= 0) throw new IllegalArgumentException("maxShardBytes must be positive: " + maxShardBytes);
        List<List<SafetensorsWriter.Pending>> shards = split(maxShardBytes);
        Path index = folder.resolve(SafetensorsWeights.INDEX_FILE);
        Path single = folder.resolve(SafetensorsWeights.SINGLE_FILE);
        List<String> previousShards = ShardedSafetensors.shardNamesOrEmpty(index);
        if (shards.size() <= 1) {
            shardWriter(shards.isEmpty() ? List.of() : shards.get(0)).write(single);
            Files.deleteIfExists(index);
            for (String stale : previousShards) deleteShard(folder, stale);
            return single;
        }
        Map<String, String> weightMap = new TreeMap<>();
        List<String> written = new ArrayList<>();
        long totalSize = 0;
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            shardWriter(shards.get(i)).write(folder.resolve(name));
            written.add(name);
            for (SafetensorsWriter.Pending pending : shards.get(i)) {
                weightMap.put(pending.name(), name);
                totalSize += pending.byteSize();
            }
        }
        writeIndex(index, totalSize, weightMap);
        Files.deleteIfExists(single);
        for (String stale : previousShards) {
            if (!written.contains(stale)) deleteShard(folder, stale);
        }
        return index;
    }

    private List<List<SafetensorsWriter.Pending>> split(long maxShardBytes) {
        List<List<SafetensorsWriter.Pending>> shards = new ArrayList<>();
        List<SafetensorsWriter.Pending> current = new ArrayList<>();
        long currentBytes = 0;
        for (SafetensorsWriter.Pending pending : tensors.values()) {
            if (!current.isEmpty() && currentBytes + pending.byteSize() > maxShardBytes) {
                shards.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(pending);
            currentBytes += pending.byteSize();
        }
        if (!current.isEmpty()) shards.add(current);
        return shards;
    }

    private SafetensorsWriter shardWriter(List<SafetensorsWriter.Pending> shard) {
        SafetensorsWriter writer = new SafetensorsWriter();
        metadata.forEach(writer::metadata);
        shard.forEach(writer::add);
        return writer;
    }

    /** The index as {@code transformers} writes it: sorted keys, two-space indent, final newline. */
    private static void writeIndex(Path index, long totalSize, Map<String, String> weightMap) throws IOException {
        JsonObject root = new JsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("total_size", totalSize);
        root.add("metadata", meta);
        JsonObject map = new JsonObject();
        weightMap.forEach(map::addProperty);
        root.add("weight_map", map);
        String text = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        SafetensorsWriter.replaceAtomically(index, out -> {
            while (bytes.hasRemaining()) out.write(bytes);
        });
    }

    private static void deleteShard(Path folder, String name) throws IOException {
        Path file = folder.resolve(name).normalize();
        boolean isShard = folder.equals(file.getParent()) && name.endsWith(".safetensors")
                && !name.equals(SafetensorsWeights.SINGLE_FILE);
        if (isShard) Files.deleteIfExists(file);
    }
}
