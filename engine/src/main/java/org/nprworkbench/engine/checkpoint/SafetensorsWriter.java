package org.nprworkbench.engine.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Writes one safetensors file from float data, stored as F32, F16 or BF16 (rounded to nearest, ties to
 * even). The layout is the reference implementation's: tensors ordered by dtype (larger alignment
 * first) then by name, compact JSON header with {@code __metadata__} first, padded with spaces to a
 * multiple of 8 bytes. The metadata starts as {@code {"format": "pt"}}, which {@code transformers}
 * expects. Data can be supplied lazily, one tensor at a time, so a large model is never copied whole.
 * The file is written next to its destination under a temporary name, synced, then atomically moved
 * into place: a failed or interrupted save leaves any earlier file untouched.
 */
public final class SafetensorsWriter {

    private static final int CHUNK_BYTES = 1 << 20;
    private static final Set<TensorDtype> WRITABLE = Set.of(TensorDtype.F32, TensorDtype.F16, TensorDtype.BF16);

    private final Map<String, String> metadata = new LinkedHashMap<>(Map.of("format", "pt"));
    private final Map<String, Pending> tensors = new LinkedHashMap<>();

    /** A tensor waiting to be written; {@code data} is called once, when its turn comes. */
    record Pending(String name, TensorDtype dtype, long[] shape, Supplier<float[]> data) {
        Pending {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
            if (name.equals("__metadata__")) throw new IllegalArgumentException("reserved tensor name: " + name);
            if (!WRITABLE.contains(dtype)) {
                throw new IllegalArgumentException("tensor '" + name + "': can only write F32, F16 or BF16, not " + dtype);
            }
            shape = shape.clone();
            for (long dim : shape) {
                if (dim < 0) throw new IllegalArgumentException("tensor '" + name + "': negative dimension in "
                        + Arrays.toString(shape));
            }
        }

        /** A pending tensor of values at hand, checked against the shape. */
        static Pending of(String name, TensorDtype dtype, long[] shape, float[] data) {
            Pending pending = new Pending(name, dtype, shape, () -> data);
            if (data.length != pending.elementCount()) {
                throw new IllegalArgumentException("tensor '" + name + "': " + data.length + " values for shape "
                        + Arrays.toString(shape));
            }
            return pending;
        }

        long elementCount() {
            long count = 1;
            for (long dim : shape) count = Math.multiplyExact(count, dim);
            return count;
        }

        long byteSize() {
            return Math.multiplyExact(elementCount(), dtype.byteSize());
        }
    }

    /** Sets one {@code __metadata__} entry (replacing any earlier value for {@code key}). */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return this;
    }

    /** Adds a tensor whose values are at hand; {@code data.length} must match the shape. */
    public SafetensorsWriter add(String name, TensorDtype dtype, long[] shape, float[] data) {
        return add(Pending.of(name, dtype, shape, data));
    }

    /**
     * Adds a tensor whose values {@code data} supplies while the file is written, so that only one
     * tensor's values need exist at a time. If it throws, the write fails and leaves no file behind.
     */
    public SafetensorsWriter add(String name, TensorDtype dtype, long[] shape, Supplier<float[]> data) {
        return add(new Pending(name, dtype, shape, data));
    }

    SafetensorsWriter add(Pending pending) {
        if (tensors.putIfAbsent(pending.name(), pending) != null) {
            throw new IllegalArgumentException("tensor '" + pending.name() + "' added twice");
        }
        return this;
    }

    /** Writes the file, replacing {@code file} atomically; its folder must exist. */
    public void write(Path file) throws IOException {
        List<Pending> layout = new ArrayList<>(tensors.values());
        layout.sort(Comparator.comparing((Pending p) -> p.dtype().ordinal()).reversed()
                .thenComparing(p -> p.name().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        byte[] header = header(layout);
        replaceAtomically(file, out -> {
            ByteBuffer start = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            start.putLong(header.length).put(header).flip();
            writeFully(out, start);
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (Pending pending : layout) writeTensor(out, pending, chunk);
        });
    }

    /** The JSON header, space-padded so that 8 + its length is a multiple of 8. */
    private byte[] header(List<Pending> layout) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            metadata.forEach((key, value) -> {
                appendString(json, key).append(':');
                appendString(json, value).append(',');
            });
            json.setLength(json.length() - 1);
            json.append("},");
        }
        long offset = 0;
        for (Pending pending : layout) {
            long end = offset + pending.byteSize();
            appendString(json, pending.name()).append(":{\"dtype\":\"").append(pending.dtype().name())
                    .append("\",\"shape\":[");
            for (int i = 0; i < pending.shape().length; i++) json.append(i == 0 ? "" : ",").append(pending.shape()[i]);
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]},");
            offset = end;
        }
        if (json.length() > 1) json.setLength(json.length() - 1);
        json.append('}');
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (bytes.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(bytes, padded);
        Arrays.fill(header, bytes.length, padded, (byte) ' ');
        return header;
    }

    /** A JSON string literal escaped as serde_json (the reference's serialiser) escapes it. */
    private static StringBuilder appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) json.append(String.format("\\u%04x", (int) c));
                    else json.append(c);
                }
            }
        }
        return json.append('"');
    }

    private static void writeTensor(FileChannel out, Pending pending, ByteBuffer chunk) throws IOException {
        float[] values = pending.data().get();
        if (values == null || values.length != pending.elementCount()) {
            throw new IllegalStateException("tensor '" + pending.name() + "': the data source gave "
                    + (values == null ? "null" : values.length + " values") + " for shape "
                    + Arrays.toString(pending.shape()));
        }
        int perChunk = chunk.capacity() / pending.dtype().byteSize();
        for (int from = 0; from < values.length; from += perChunk) {
            int to = Math.min(values.length, from + perChunk);
            chunk.clear();
            switch (pending.dtype()) {
                case F32 -> { for (int i = from; i < to; i++) chunk.putFloat(values[i]); }
                case F16 -> { for (int i = from; i < to; i++) chunk.putShort(TensorDtype.floatToHalf(values[i])); }
                case BF16 -> { for (int i = from; i < to; i++) chunk.putShort(TensorDtype.floatToBf16(values[i])); }
                default -> throw new IllegalStateException("not writable: " + pending.dtype());
            }
            writeFully(out, chunk.flip());
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) out.write(buffer);
    }

    /** Writes the body of a file. */
    interface FileBody {
        void writeTo(FileChannel out) throws IOException;
    }

    /**
     * Writes {@code body} to a fresh temporary file in {@code target}'s folder, syncs it and renames it
     * over {@code target} in one atomic step; on any failure the temporary file is deleted and
     * {@code target} is left as it was.
     */
    static void replaceAtomically(Path target, FileBody body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.writeTo(out);
                out.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }
}
