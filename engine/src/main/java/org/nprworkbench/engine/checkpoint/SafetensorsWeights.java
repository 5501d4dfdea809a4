package org.nprworkbench.engine.checkpoint;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nprworkbench.input.BadInputException;

/**
 * The weights of a Hugging Face model folder, whether one {@code model.safetensors} file or shards
 * listed by {@code model.safetensors.index.json}: the tensor list, lookup by name, and reads that
 * convert F64/F32/F16/BF16 to F32 one tensor at a time, so a large checkpoint never sits in memory twice.
 * Every problem with the files raises {@link BadInputException} naming the file and the tensor.
 */
public interface SafetensorsWeights extends AutoCloseable {

    /** The single-file weights name of a Hugging Face model folder. */
    String SINGLE_FILE = "model.safetensors";

    /** The index of sharded weights in a Hugging Face model folder. */
    String INDEX_FILE = "model.safetensors.index.json";

    /**
     * Opens the weights of a model folder: {@code model.safetensors} if present (it wins, as in
     * {@code transformers}), else the shards named by {@code model.safetensors.index.json}.
     */
    static SafetensorsWeights openFolder(Path folder) {
        if (!Files.exists(folder)) {
            throw BadInputException.inFile(folder, "no such model folder: check the path");
        }
        if (!Files.isDirectory(folder)) {
            throw BadInputException.inFile(folder, "is a file, not a model folder: pass the folder that"
                    + " holds config.json and " + SINGLE_FILE + " (or " + INDEX_FILE + " and its shards)");
        }
        Path single = folder.resolve(SINGLE_FILE);
        if (Files.exists(single)) return SafetensorsReader.open(single);
        Path index = folder.resolve(INDEX_FILE);
        if (Files.exists(index)) return ShardedSafetensors.open(index);
        throw BadInputException.inFile(folder, "has neither " + SINGLE_FILE + " nor " + INDEX_FILE
                + ": point at a Hugging Face model folder with safetensors weights"
                + " (PyTorch .bin weights are not supported: re-save the model with safetensors)");
    }

    /** Every tensor, in file order (shard by shard for sharded weights). */
    List<TensorInfo> tensors();

    /** The tensor called {@code name}, if present. */
    Optional<TensorInfo> find(String name);

    /** The tensor called {@code name}; a {@link BadInputException} naming the file if it is missing. */
    TensorInfo tensor(String name);

    /** The file that holds the tensor called {@code name} (a {@link BadInputException} if none does). */
    Path fileOf(String name);

    /** Reads a floating-point tensor as a new {@code float[]} (row-major). */
    float[] readFloats(String name);

    /**
     * Reads a floating-point tensor, converted to F32, into {@code target} at its position, advancing
     * it by the element count; {@code target} must have that much room.
     */
    void readFloats(String name, FloatBuffer target);

    /**
     * Reads a floating-point tensor as little-endian F32 bytes into {@code target} (typically a direct
     * buffer handed to DJL) at its position, advancing it by 4 bytes per element. F32 data goes straight
     * from the file into the buffer without an intermediate copy.
     */
    void readF32(String name, ByteBuffer target);

    /** Closes the underlying files. */
    @Override
    void close();
}
