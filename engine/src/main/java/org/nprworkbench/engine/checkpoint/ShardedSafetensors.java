package org.nprworkbench.engine.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;

/**
 * Sharded safetensors weights, as Hugging Face saves large models: {@code model.safetensors.index.json}
 * ({@code {"metadata": {...}, "weight_map": {tensor: shard file}}}) next to its shard files. Opening
 * checks that every shard exists, validates each shard's header and that every listed tensor is in its
 * shard. Tensors are listed shard by shard (shards in file-name order, tensors in file order within a
 * shard); tensors a shard holds but the index does not list are ignored, as {@code transformers} does.
 */
public final class ShardedSafetensors implements SafetensorsWeights {

    private final Path indexFile;
    private final Map<String, String> metadata;
    private final List<SafetensorsReader> shards;
    private final Map<String, SafetensorsReader> shardOf;
    private final List<TensorInfo> tensors;

    private ShardedSafetensors(Path indexFile, Map<String, String> metadata, List<SafetensorsReader> shards,
                               Map<String, SafetensorsReader> shardOf, List<TensorInfo> tensors) {
        this.indexFile = indexFile;
        this.metadata = metadata;
        this.shards = shards;
        this.shardOf = shardOf;
        this.tensors = tensors;
    }

    /** Opens an index file and all its shards; a {@link BadInputException} names any problem. */
    public static ShardedSafetensors open(Path indexFile) {
        JsonObject index = readIndex(indexFile);
        Map<String, String> metadata = readMetadata(indexFile, index.get("metadata"));
        JsonElement weightMap = index.get("weight_map");
        if (weightMap == null || !weightMap.isJsonObject()) {
            throw BadInputException.inFile(indexFile, "has no \"weight_map\" object, so it is not a safetensors"
                    + " index: re-download it from the model's source");
        }
        Path folder = indexFile.toAbsolutePath().getParent();
        Map<String, List<String>> tensorsByShard = new TreeMap<>();
        for (Map.Entry<String, JsonElement> entry : weightMap.getAsJsonObject().entrySet()) {
            JsonElement shard = entry.getValue();
            if (!shard.isJsonPrimitive() || !shard.getAsJsonPrimitive().isString()) {
                throw BadInputException.inFile(indexFile, "the weight_map entry of tensor '" + entry.getKey()
                        + "' is " + shard + ", not a shard file name: re-download the index");
            }
            tensorsByShard.computeIfAbsent(shard.getAsString(), name -> new ArrayList<>()).add(entry.getKey());
        }
        tensorsByShard.forEach((shard, names) -> requireShard(indexFile, folder, shard, names));

        List<SafetensorsReader> shards = new ArrayList<>();
        try {
            Map<String, SafetensorsReader> shardOf = new LinkedHashMap<>();
            List<TensorInfo> tensors = new ArrayList<>();
            for (Map.Entry<String, List<String>> entry : tensorsByShard.entrySet()) {
                SafetensorsReader shard = SafetensorsReader.open(folder.resolve(entry.getKey()));
                shards.add(shard);
                for (String name : entry.getValue()) {
                    if (shard.find(name).isEmpty()) {
                        throw BadInputException.inFile(indexFile, "lists tensor '" + name + "' in shard '"
                                + entry.getKey() + "', but that shard has no such tensor: the index and its"
                                + " shards do not belong together; re-download the checkpoint");
                    }
                    shardOf.put(name, shard);
                }
                for (TensorInfo info : shard.tensors()) {
                    if (shardOf.get(info.name()) == shard) tensors.add(info);
                }
            }
            return new ShardedSafetensors(indexFile, metadata, Collections.unmodifiableList(shards),
                    Collections.unmodifiableMap(shardOf), Collections.unmodifiableList(tensors));
        } catch (RuntimeException e) {
            for (SafetensorsReader shard : shards) {
                try {
                    shard.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /** The shard file names of an index, or an empty list if {@code indexFile} cannot be read as one. */
    static List<String> shardNamesOrEmpty(Path indexFile) {
        try {
            JsonObject weightMap = readIndex(indexFile).getAsJsonObject("weight_map");
            List<String> names = new ArrayList<>();
            weightMap.entrySet().forEach(entry -> {
                String name = entry.getValue().getAsString();
                if (!names.contains(name)) names.add(name);
            });
            return names;
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }

    private static JsonObject readIndex(Path indexFile) {
        SafetensorsReader.requireRegularFile(indexFile, "safetensors index file");
        String text;
        try {
            text = Files.readString(indexFile);
        } catch (MalformedInputException e) {
            throw BadInputException.inFile(indexFile, "is not UTF-8 text, so it is not a safetensors index:"
                    + " re-download it");
        } catch (IOException e) {
            throw BadInputException.inFile(indexFile, "cannot be read (" + e + "): check that it is readable");
        }
        JsonElement root = JsonInput.parse(text, indexFile.toString(), Strictness.STRICT, "re-download the index");
        if (!root.isJsonObject()) {
            throw BadInputException.inFile(indexFile, "is not a JSON object, so it is not a safetensors index:"
                    + " re-download it");
        }
        return root.getAsJsonObject();
    }

    private static Map<String, String> readMetadata(Path indexFile, JsonElement element) {
        Map<String, String> values = new LinkedHashMap<>();
        if (element == null) return Collections.unmodifiableMap(values);
        if (!element.isJsonObject()) {
            throw BadInputException.inFile(indexFile, "its \"metadata\" is not a JSON object: re-download the index");
        }
        element.getAsJsonObject().entrySet().forEach(entry -> values.put(entry.getKey(),
                entry.getValue().isJsonPrimitive() ? entry.getValue().getAsString() : entry.getValue().toString()));
        return Collections.unmodifiableMap(values);
    }

    private static void requireShard(Path indexFile, Path folder, String shard, List<String> names) {
        Path file = folder.resolve(shard).normalize();
        if (!folder.normalize().equals(file.getParent())) {
            throw BadInputException.inFile(indexFile, "names the shard '" + shard + "', which is not a file"
                    + " next to the index: shards must sit in the index's folder; re-download the index");
        }
        if (!Files.exists(file)) {
            throw BadInputException.inFile(indexFile, "names the shard '" + shard + "' (holding " + names.size()
                    + " tensor(s), for example '" + names.get(0) + "'), but " + folder + " has no such file:"
                    + " re-download the missing shard");
        }
    }

    /** The index file. */
    public Path indexFile() {
        return indexFile;
    }

    /** The index's {@code metadata} (for example {@code total_size}), values as text. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The shard files, in name order. */
    public List<Path> shardFiles() {
        return shards.stream().map(SafetensorsReader::file).toList();
    }

    @Override
    public List<TensorInfo> tensors() {
        return tensors;
    }

    @Override
    public Optional<TensorInfo> find(String name) {
        SafetensorsReader shard = shardOf.get(name);
        return shard == null ? Optional.empty() : shard.find(name);
    }

    @Override
    public TensorInfo tensor(String name) {
        return shard(name).tensor(name);
    }

    @Override
    public Path fileOf(String name) {
        return shard(name).file();
    }

    @Override
    public float[] readFloats(String name) {
        return shard(name).readFloats(name);
    }

    @Override
    public void readFloats(String name, FloatBuffer target) {
        shard(name).readFloats(name, target);
    }

    @Override
    public void readF32(String name, ByteBuffer target) {
        shard(name).readF32(name, target);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (SafetensorsReader shard : shards) {
            try {
                shard.close();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    private SafetensorsReader shard(String name) {
        SafetensorsReader shard = shardOf.get(name);
        if (shard == null) {
            throw BadInputException.inFile(indexFile, "lists no tensor named '" + name
                    + "': check that the checkpoint belongs to this model");
        }
        return shard;
    }
}
