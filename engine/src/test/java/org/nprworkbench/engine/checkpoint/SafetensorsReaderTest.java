package org.nprworkbench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading hand-built safetensors files: header parsing, file order and every float conversion. */
class SafetensorsReaderTest {

    @TempDir
    Path dir;

    private static final float[] EXPECTED = {1.0f, -2.5f, 3.140625f, 0x1p-133f, 0.0f, -0.0f, Float.POSITIVE_INFINITY};

    private static void assertBitsEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    "element " + i + ": expected " + expected[i] + " got " + actual[i]);
        }
    }

    private Path bf16File() throws IOException {
        return RawSafetensorsFile.write(dir.resolve("bf16.safetensors"),
                "{\"x\":{\"dtype\":\"BF16\",\"shape\":[7],\"data_offsets\":[0,14]}}",
                RawSafetensorsFile.shorts(0x3F80, 0xC020, 0x4049, 0x0001, 0x0000, 0x8000, 0x7F80));
    }

    @Test
    void bf16FileReadsToExactF32Values() throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(bf16File())) {
            assertBitsEqual(EXPECTED, reader.readFloats("x"));
            assertEquals(TensorDtype.BF16, reader.tensor("x").dtype());
        }
    }

    @Test
    void f16FileReadsToExactF32Values() throws IOException {
        float[] expected = {1.0f, -2.5f, 3.140625f, 0x1p-24f, 1023 * 0x1p-24f, 0.0f, -0.0f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 65504f};
        Path file = RawSafetensorsFile.write(dir.resolve("f16.safetensors"),
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[2,5],\"data_offsets\":[0,20]},"
                        + "\"nan\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[20,22]}}",
                RawSafetensorsFile.shorts(0x3C00, 0xC100, 0x4248, 0x0001, 0x03FF, 0x0000, 0x8000, 0x7C00, 0xFC00, 0x7BFF,
                        0x7E00));
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertBitsEqual(expected, reader.readFloats("h"));
            assertArrayEquals(new long[] {2, 5}, reader.tensor("h").shape());
            assertTrue(Float.isNaN(reader.readFloats("nan")[0]));
        }
    }

    @Test
    void f64AndF32FilesReadAsFloats() throws IOException {
        Path file = RawSafetensorsFile.write(dir.resolve("mixed.safetensors"),
                "{\"d\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,24]},"
                        + "\"f\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]}}",
                RawSafetensorsFile.concat(RawSafetensorsFile.doubles(0.1, -1e300, 2.5),
                        RawSafetensorsFile.floats(Float.MIN_VALUE, -7.25f)));
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertBitsEqual(new float[] {0.1f, Float.NEGATIVE_INFINITY, 2.5f}, reader.readFloats("d"));
            assertBitsEqual(new float[] {Float.MIN_VALUE, -7.25f}, reader.readFloats("f"));
        }
    }

    @Test
    void readsIntoDirectBuffersAsLittleEndianF32() throws IOException {
        Path file = RawSafetensorsFile.write(dir.resolve("two.safetensors"),
                "{\"b\":{\"dtype\":\"BF16\",\"shape\":[7],\"data_offsets\":[8,22]},"
                        + "\"f\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                RawSafetensorsFile.concat(RawSafetensorsFile.floats(1.5f, -3f),
                        RawSafetensorsFile.shorts(0x3F80, 0xC020, 0x4049, 0x0001, 0x0000, 0x8000, 0x7F80)));
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            ByteBuffer target = ByteBuffer.allocateDirect(4 + 8 + 28).order(ByteOrder.BIG_ENDIAN);
            target.position(4);
            reader.readF32("f", target);
            assertEquals(12, target.position());
            reader.readF32("b", target);
            assertEquals(40, target.position());
            FloatBuffer floats = target.position(4).slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] read = new float[9];
            floats.get(read);
            assertBitsEqual(new float[] {1.5f, -3f, 1.0f, -2.5f, 3.140625f, 0x1p-133f, 0.0f, -0.0f,
                Float.POSITIVE_INFINITY}, read);

            FloatBuffer heap = FloatBuffer.allocate(8);
            heap.put(42f);
            reader.readFloats("b", heap);
            assertEquals(8, heap.position());
            assertEquals(42f, heap.get(0));
            assertEquals(-2.5f, heap.get(2));
            assertThrows(IllegalArgumentException.class, () -> reader.readF32("b", ByteBuffer.allocate(27)));
        }
    }

    @Test
    void listsTensorsInFileOrderWithMetadataAndScalars() throws IOException {
        Path file = RawSafetensorsFile.write(dir.resolve("order.safetensors"),
                "{\"z\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                        + "\"__metadata__\":{\"format\":\"pt\",\"note\":\"hi\"},"
                        + "\"empty\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[12,12]},"
                        + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}    ",
                RawSafetensorsFile.floats(9f, 1f, 2f));
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertEquals(List.of("z", "a", "empty"), reader.tensors().stream().map(TensorInfo::name).toList());
            assertEquals(Map.of("format", "pt", "note", "hi"), reader.metadata());
            assertArrayEquals(new float[] {9f}, reader.readFloats("z"));
            assertEquals(1, reader.tensor("z").elementCount());
            assertArrayEquals(new float[0], reader.readFloats("empty"));
            assertEquals(new TensorInfo("a", TensorDtype.F32, new long[] {2}, 4, 12), reader.tensor("a"));
            assertFalse(reader.find("missing").isPresent());
            assertEquals(file, reader.fileOf("a"));
        }
    }

    @Test
    void readsTheReferenceImplementationsDocumentedExample() throws IOException {
        // The byte string of the reference's SafeTensors::deserialize doc example: an unpadded
        // 60-byte ('<') header and a 2x2 I32 tensor of zeros.
        Path file = RawSafetensorsFile.write(dir.resolve("reference.safetensors"),
                "{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", new byte[16]);
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            TensorInfo test = reader.tensor("test");
            assertEquals(TensorDtype.I32, test.dtype());
            assertArrayEquals(new long[] {2, 2}, test.shape());
            assertEquals(16, test.byteSize());
            assertTrue(reader.metadata().isEmpty());
        }
    }

    @Test
    void closedReaderRefusesToRead() throws IOException {
        SafetensorsReader reader = SafetensorsReader.open(bf16File());
        reader.close();
        assertThrows(IllegalStateException.class, () -> reader.readFloats("x"));
    }
}
