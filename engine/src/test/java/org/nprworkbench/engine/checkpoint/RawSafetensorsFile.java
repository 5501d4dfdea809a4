package org.nprworkbench.engine.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-built safetensors bytes for tests, written without the production writer. */
final class RawSafetensorsFile {

    private RawSafetensorsFile() {
    }

    /** A file of an 8-byte little-endian header length, the header's UTF-8 bytes, then {@code data}. */
    static Path write(Path file, String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return writeRaw(file, json.length, concat(json, data));
    }

    /** A file of an arbitrary declared header length followed by {@code rest}. */
    static Path writeRaw(Path file, long declaredHeaderLength, byte[] rest) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(declaredHeaderLength).put(rest);
        Files.write(file, bytes.array());
        return file;
    }

    /** 16-bit patterns, little-endian. */
    static byte[] shorts(int... patterns) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * patterns.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int pattern : patterns) bytes.putShort((short) pattern);
        return bytes.array();
    }

    /** F32 values, little-endian. */
    static byte[] floats(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) bytes.putFloat(value);
        return bytes.array();
    }

    /** F64 values, little-endian. */
    static byte[] doubles(double... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) bytes.putDouble(value);
        return bytes.array();
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        ByteBuffer joined = ByteBuffer.allocate(length);
        for (byte[] part : parts) joined.put(part);
        return joined.array();
    }
}
