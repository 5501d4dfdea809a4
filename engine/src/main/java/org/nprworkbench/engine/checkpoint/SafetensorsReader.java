package org.nprworkbench.engine.checkpoint;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;

/**
 * Reads one Hugging Face safetensors file: validates its header when opened (length, JSON, every
 * entry's dtype, shape and byte range, no overlaps), then reads tensors one at a time through
 * positional reads on a {@link FileChannel}, converting F64/F16/BF16 to F32 in 1 MiB chunks. Reads may
 * run from several threads at once. Tensors are listed in file order (by data offset).
 */
public final class SafetensorsReader implements SafetensorsWeights {

    /** The reference implementation's limit on the JSON header. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    /** What the user should do about a damaged file. */
    static final String CORRUPT = "the file is truncated or corrupt: re-download or re-save it";

    /** The largest array or buffer the JVM reliably allocates. */
    private static final long MAX_JAVA_ARRAY = Integer.MAX_VALUE - 8;

    private static final int CHUNK_BYTES = 1 << 20;

    private static final String METADATA_KEY = "__metadata__";

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, String> metadata;
    private final List<TensorInfo> tensors;
    private final Map<String, TensorInfo> byName;

    private SafetensorsReader(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw bad("is only " + fileSize + " bytes long, shorter than the 8-byte header length that"
                    + " starts every safetensors file: " + CORRUPT);
        }
        ByteBuffer lengthField = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(lengthField, 0, "the header length");
        long headerLength = lengthField.getLong(0);
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw bad("declares a JSON header of " + Long.toUnsignedString(headerLength) + " bytes, over the"
                    + " format's limit of " + MAX_HEADER_BYTES + ": it is not a safetensors file, or " + CORRUPT);
        }
        if (headerLength > fileSize - 8) {
            throw bad("declares a JSON header of " + headerLength + " bytes, but only " + (fileSize - 8)
                    + " bytes follow the header length: " + CORRUPT);
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(headerBytes, 8, "the header");
        this.dataStart = 8 + headerLength;
        Map<String, JsonElement> entries = parseHeader(decodeUtf8(headerBytes.flip()));
        this.metadata = parseMetadata(entries.remove(METADATA_KEY));
        long dataSize = fileSize - dataStart;
        List<TensorInfo> parsed = new ArrayList<>();
        entries.forEach((name, entry) -> parsed.add(parseEntry(name, entry, dataSize)));
        parsed.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        rejectOverlaps(parsed);
        this.tensors = Collections.unmodifiableList(parsed);
        Map<String, TensorInfo> index = new LinkedHashMap<>();
        parsed.forEach(info -> index.put(info.name(), info));
        this.byName = Collections.unmodifiableMap(index);
    }

    /** Opens and validates a safetensors file; a {@link BadInputException} names any problem. */
    public static SafetensorsReader open(Path file) {
        requireRegularFile(file, "safetensors file");
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot be opened (" + e + "): check that it is readable");
        }
        try {
            return new SafetensorsReader(file, channel);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof RuntimeException runtime) throw runtime;
            throw BadInputException.inFile(file, "cannot be read (" + e + "): check the file and the disk");
        }
    }

    /** Fails with a message naming {@code path} unless it is an existing regular file. */
    static void requireRegularFile(Path path, String what) {
        if (!Files.exists(path)) throw BadInputException.inFile(path, "no such file: check the path");
        if (Files.isDirectory(path)) {
            throw BadInputException.inFile(path, "is a folder, not a " + what
                    + ": pass the path of the file itself");
        }
    }

    /** The file this reader reads. */
    public Path file() {
        return file;
    }

    /** The header's {@code __metadata__} string map (empty if absent), in header order. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public List<TensorInfo> tensors() {
        return tensors;
    }

    @Override
    public Optional<TensorInfo> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public TensorInfo tensor(String name) {
        TensorInfo info = byName.get(name);
        if (info == null) {
            throw bad("has no tensor named '" + name + "': check that the checkpoint belongs to this model");
        }
        return info;
    }

    @Override
    public Path fileOf(String name) {
        tensor(name);
        return file;
    }

    @Override
    public float[] readFloats(String name) {
        TensorInfo info = floatTensor(name);
        if (info.elementCount() > MAX_JAVA_ARRAY) {
            throw bad("tensor '" + name + "' has " + info.elementCount() + " elements, more than one Java"
                    + " array holds (" + MAX_JAVA_ARRAY + "): it cannot be loaded by this workbench");
        }
        float[] values = new float[(int) info.elementCount()];
        convert(info, FloatBuffer.wrap(values));
        return values;
    }

    @Override
    public void readFloats(String name, FloatBuffer target) {
        TensorInfo info = floatTensor(name);
        requireRoom(info, target.remaining(), info.elementCount(), "floats");
        convert(info, target);
    }

    @Override
    public void readF32(String name, ByteBuffer target) {
        TensorInfo info = floatTensor(name);
        long bytes = info.elementCount() * Float.BYTES;
        if (bytes > MAX_JAVA_ARRAY) {
            throw bad("tensor '" + name + "' takes " + bytes + " bytes as F32, more than one Java buffer"
                    + " holds (" + MAX_JAVA_ARRAY + "): it cannot be loaded by this workbench");
        }
        requireRoom(info, target.remaining(), bytes, "bytes");
        ByteBuffer window = target.slice().order(ByteOrder.LITTLE_ENDIAN).limit((int) bytes);
        if (info.dtype() == TensorDtype.F32) {
            readFully(window, dataStart + info.begin(), "tensor '" + name + "'");
        } else {
            convert(info, window.asFloatBuffer());
        }
        target.position(target.position() + (int) bytes);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + file, e);
        }
    }

    private TensorInfo floatTensor(String name) {
        TensorInfo info = tensor(name);
        if (!info.dtype().isFloatingPoint()) {
            throw bad("tensor '" + name + "' has dtype " + info.dtype() + ", which is not a floating-point"
                    + " type: only F64, F32, F16 and BF16 tensors can be read as weights");
        }
        return info;
    }

    private void requireRoom(TensorInfo info, long available, long needed, String unit) {
        if (available < needed) {
            throw new IllegalArgumentException("tensor '" + info.name() + "' of " + file + " needs " + needed
                    + " " + unit + " but the target has room for " + available);
        }
    }

    /** Converts a floating-point tensor to F32 into {@code target}, one chunk of the file at a time. */
    private void convert(TensorInfo info, FloatBuffer target) {
        String what = "tensor '" + info.name() + "'";
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, info.byteSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        long position = dataStart + info.begin();
        long remaining = info.byteSize();
        while (remaining > 0) {
            int length = (int) Math.min(chunk.capacity(), remaining);
            chunk.clear().limit(length);
            readFully(chunk, position, what);
            chunk.flip();
            switch (info.dtype()) {
                case F32 -> target.put(chunk.asFloatBuffer());
                case F64 -> {
                    DoubleBuffer doubles = chunk.asDoubleBuffer();
                    while (doubles.hasRemaining()) target.put((float) doubles.get());
                }
                case F16 -> {
                    ShortBuffer halves = chunk.asShortBuffer();
                    while (halves.hasRemaining()) target.put(TensorDtype.halfToFloat(halves.get()));
                }
                case BF16 -> {
                    ShortBuffer halves = chunk.asShortBuffer();
                    while (halves.hasRemaining()) target.put(TensorDtype.bf16ToFloat(halves.get()));
                }
                default -> throw new IllegalStateException("not a floating-point dtype: " + info.dtype());
            }
            position += length;
            remaining -= length;
        }
    }

    private void readFully(ByteBuffer buffer, long position, String what) {
        try {
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position);
                if (read < 0) throw bad("ends in the middle of " + what + ": " + CORRUPT);
                position += read;
            }
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("the reader of " + file + " is closed", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": reading " + what + " failed (" + e
                    + "): check the file and the disk", e);
        }
    }

    private String decodeUtf8(ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw bad("the header is not valid UTF-8 text: it is not a safetensors file, or " + CORRUPT);
        }
    }

    /** The header's top-level entries in order; strict JSON, duplicate names rejected. */
    private Map<String, JsonElement> parseHeader(String json) {
        Map<String, JsonElement> entries = new LinkedHashMap<>();
        TypeAdapter<JsonElement> elements = new Gson().getAdapter(JsonElement.class);
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw bad("the header is not a JSON object: it is not a safetensors file, or " + CORRUPT);
            }
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (entries.put(name, elements.read(reader)) != null) {
                    throw bad("the header names '" + name + "' twice: " + CORRUPT);
                }
            }
            reader.endObject();
            reader.peek();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw bad("the header is not valid JSON (" + JsonInput.describe(reader, e) + "): it is not a safetensors"
                    + " file, or " + CORRUPT);
        }
        return entries;
    }

    private Map<String, String> parseMetadata(JsonElement element) {
        Map<String, String> values = new LinkedHashMap<>();
        if (element == null) return Collections.unmodifiableMap(values);
        if (!element.isJsonObject()) throw bad("the header's " + METADATA_KEY + " is not a JSON object: " + CORRUPT);
        for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
            JsonElement value = entry.getValue();
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw bad("the header's " + METADATA_KEY + " value for '" + entry.getKey()
                        + "' is not a string (the format allows only strings): " + CORRUPT);
            }
            values.put(entry.getKey(), value.getAsString());
        }
        return Collections.unmodifiableMap(values);
    }

    private TensorInfo parseEntry(String name, JsonElement element, long dataSize) {
        String where = "tensor '" + name + "'";
        if (!element.isJsonObject()) throw bad(where + ": its header entry is not a JSON object: " + CORRUPT);
        JsonObject entry = element.getAsJsonObject();
        List<String> missing = new ArrayList<>();
        for (String field : List.of("dtype", "shape", "data_offsets")) {
            if (!entry.has(field)) missing.add(field);
        }
        if (!missing.isEmpty()) {
            throw bad(where + ": its header entry lacks the field(s) " + String.join(", ", missing) + ": " + CORRUPT);
        }
        JsonElement dtypeField = entry.get("dtype");
        if (!dtypeField.isJsonPrimitive() || !dtypeField.getAsJsonPrimitive().isString()) {
            throw bad(where + ": dtype " + dtypeField + " is not a string: " + CORRUPT);
        }
        String dtypeName = dtypeField.getAsString();
        TensorDtype dtype = TensorDtype.fromHeaderName(dtypeName).orElseThrow(() -> bad(where + ": dtype '"
                + dtypeName + "' is not supported (supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8,"
                + " BOOL): convert the checkpoint to BF16, F16 or F32"));
        long[] shape = integers(where, "shape", entry.get("shape"), -1);
        long[] offsets = integers(where, "data_offsets", entry.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        String range = "data_offsets [" + begin + ", " + end + "]";
        if (begin > end) throw bad(where + ": " + range + " end before they begin: " + CORRUPT);
        long expected;
        try {
            long count = 1;
            for (long dim : shape) count = Math.multiplyExact(count, dim);
            expected = Math.multiplyExact(count, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw bad(where + ": shape " + Arrays.toString(shape) + " is impossibly large: " + CORRUPT);
        }
        if (end - begin != expected) {
            throw bad(where + ": shape " + Arrays.toString(shape) + " of " + dtype + " needs " + expected
                    + " bytes, but its " + range + " span " + (end - begin) + " bytes: " + CORRUPT);
        }
        if (end > dataSize) {
            throw bad(where + ": " + range + " reach past the end of the data, which has only " + dataSize
                    + " bytes: " + CORRUPT);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /** A JSON array of non-negative integers ({@code length} of them, or any number if negative). */
    private long[] integers(String where, String field, JsonElement element, int length) {
        String problem = where + ": " + field + " " + element;
        if (!element.isJsonArray()) throw bad(problem + " is not a JSON array: " + CORRUPT);
        JsonArray array = element.getAsJsonArray();
        if (length >= 0 && array.size() != length) {
            throw bad(problem + " does not have " + length + " entries: " + CORRUPT);
        }
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonElement item = array.get(i);
            OptionalLong value = wholeNumber(item);
            if (value.isEmpty()) throw bad(problem + " holds " + item + ", not a whole number: " + CORRUPT);
            values[i] = value.getAsLong();
            if (values[i] < 0) throw bad(problem + " holds the negative number " + values[i] + ": " + CORRUPT);
        }
        return values;
    }

    private static OptionalLong wholeNumber(JsonElement element) {
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) return OptionalLong.empty();
        try {
            return OptionalLong.of(new BigDecimal(element.getAsString()).longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private void rejectOverlaps(List<TensorInfo> byOffset) {
        TensorInfo furthest = null;
        for (TensorInfo info : byOffset) {
            if (info.byteSize() == 0) continue;
            if (furthest != null && info.begin() < furthest.end()) {
                throw bad("the data of tensors '" + furthest.name() + "' [" + furthest.begin() + ", "
                        + furthest.end() + "] and '" + info.name() + "' [" + info.begin() + ", " + info.end()
                        + "] overlap: " + CORRUPT);
            }
            if (furthest == null || info.end() > furthest.end()) furthest = info;
        }
    }

    private BadInputException bad(String problem) {
        return BadInputException.inFile(file, problem);
    }
}
