package org.nprworkbench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing safetensors files: the reference byte layout, exact round trips, rounding and atomic saves. */
class SafetensorsWriterTest {

    @TempDir
    Path dir;

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) bits[i] = Float.floatToRawIntBits(values[i]);
        return bits;
    }

    private static float[] randomFloats(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float) random.nextGaussian() * 3;
        return values;
    }

    @Test
    void writesTheReferenceByteLayout() throws IOException {
        Path file = dir.resolve("layout.safetensors");
        new SafetensorsWriter()
                .add("c", TensorDtype.F16, new long[] {1}, new float[] {1.0f})
                .add("b", TensorDtype.F32, new long[] {2}, new float[] {1.0f, 2.0f})
                .add("a", TensorDtype.BF16, new long[] {3}, new float[] {1.0f, -2.5f, 3.140625f})
                .add("aa", TensorDtype.F32, new long[] {1}, new float[] {-0.0f})
                .write(file);
        byte[] bytes = Files.readAllBytes(file);
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"aa\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]},"
                + "\"a\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[12,18]},"
                + "\"c\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[18,20]}}";
        assertEquals(251, header.length());
        byte[] expected = RawSafetensorsFile.concat(
                new byte[] {0x00, 0x01, 0, 0, 0, 0, 0, 0},            // 256, little-endian
                (header + "     ").getBytes(StandardCharsets.US_ASCII), // padded with spaces to 256
                RawSafetensorsFile.floats(-0.0f, 1.0f, 2.0f),
                RawSafetensorsFile.shorts(0x3F80, 0xC020, 0x4049),
                RawSafetensorsFile.shorts(0x3C00));
        assertArrayEquals(expected, bytes);
    }

    @Test
    void headerWithoutTensorsIsPaddedToo() throws IOException {
        Path file = dir.resolve("empty.safetensors");
        new SafetensorsWriter().metadata("format", "pt").metadata("quote\"d", "line\nbreak").write(file);
        String header = "{\"__metadata__\":{\"format\":\"pt\",\"quote\\\"d\":\"line\\nbreak\"}}";
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(0, bytes.length % 8);
        assertEquals(bytes.length - 8, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong());
        assertEquals(header, new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8).stripTrailing());
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertEquals("line\nbreak", reader.metadata().get("quote\"d"));
            assertTrue(reader.tensors().isEmpty());
        }
    }

    @Test
    void f32RoundTripIsBitExact() throws IOException {
        Random random = new Random(7);
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE, Float.NEGATIVE_INFINITY,
            Float.POSITIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7FC01234), 1e-40f};
        float[] large = randomFloats(random, 300_000); // over one 1 MiB chunk
        float[] matrix = randomFloats(random, 6 * 7);
        Path file = dir.resolve("f32.safetensors");
        new SafetensorsWriter()
                .add("special", TensorDtype.F32, new long[] {special.length}, special)
                .add("large", TensorDtype.F32, new long[] {300, 1000}, large)
                .add("model.layers.0.mlp.up_proj.weight", TensorDtype.F32, new long[] {6, 7}, matrix)
                .write(file);
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertArrayEquals(bits(special), bits(reader.readFloats("special")));
            assertArrayEquals(bits(large), bits(reader.readFloats("large")));
            assertArrayEquals(bits(matrix), bits(reader.readFloats("model.layers.0.mlp.up_proj.weight")));
            assertArrayEquals(new long[] {300, 1000}, reader.tensor("large").shape());
            ByteBuffer direct = ByteBuffer.allocateDirect(4 * large.length);
            reader.readF32("large", direct);
            float[] fromDirect = new float[large.length];
            direct.flip().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(fromDirect);
            assertArrayEquals(bits(large), bits(fromDirect));
        }
    }

    @Test
    void bf16AndF16AreRoundedToNearestEven() throws IOException {
        float[] values = {1 + 0x1p-8f, 1 + 3 * 0x1p-8f, 1 + 0x1p-11f, 1 + 3 * 0x1p-11f, 65520f, 0x1p-25f, 3 * 0x1p-25f, -2.5f};
        Path file = dir.resolve("rounded.safetensors");
        new SafetensorsWriter()
                .add("bf16", TensorDtype.BF16, new long[] {values.length}, values)
                .add("f16", TensorDtype.F16, new long[] {values.length}, values)
                .write(file);
        byte[] bytes = Files.readAllBytes(file);
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            long dataStart = bytes.length - 2L * 2 * values.length;
            TensorInfo bf16 = reader.tensor("bf16");
            TensorInfo f16 = reader.tensor("f16");
            assertArrayEquals(RawSafetensorsFile.shorts(0x3F80, 0x3F82, 0x3F80, 0x3F80, 0x4780, 0x3300, 0x33C0, 0xC020),
                    Arrays.copyOfRange(bytes, (int) (dataStart + bf16.begin()), (int) (dataStart + bf16.end())));
            assertArrayEquals(RawSafetensorsFile.shorts(0x3C04, 0x3C0C, 0x3C00, 0x3C02, 0x7C00, 0x0000, 0x0002, 0xC100),
                    Arrays.copyOfRange(bytes, (int) (dataStart + f16.begin()), (int) (dataStart + f16.end())));
            assertArrayEquals(new float[] {1f, 1 + 2 * 0x1p-7f, 1f, 1f, 65536f, 0x1p-25f, 3 * 0x1p-25f, -2.5f},
                    reader.readFloats("bf16"));
            assertArrayEquals(new float[] {1 + 0x1p-8f, 1 + 3 * 0x1p-8f, 1f, 1 + 2 * 0x1p-10f, Float.POSITIVE_INFINITY, 0f, 2 * 0x1p-24f, -2.5f},
                    reader.readFloats("f16"));
        }
    }

    @Test
    void suppliesDataLazilyOncePerTensor() throws IOException {
        List<String> calls = new ArrayList<>();
        SafetensorsWriter writer = new SafetensorsWriter()
                .add("second", TensorDtype.F32, new long[] {1}, () -> { calls.add("second"); return new float[] {2}; })
                .add("first", TensorDtype.F32, new long[] {1}, () -> { calls.add("first"); return new float[] {1}; });
        assertTrue(calls.isEmpty());
        writer.write(dir.resolve("lazy.safetensors"));
        assertEquals(List.of("first", "second"), calls);
    }

    @Test
    void failedWriteLeavesThePreviousFileIntact() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter().add("w", TensorDtype.F32, new long[] {2}, new float[] {1, 2}).write(file);
        byte[] before = Files.readAllBytes(file);

        SafetensorsWriter failing = new SafetensorsWriter()
                .add("a", TensorDtype.F32, new long[] {200_000}, new float[200_000])
                .add("b", TensorDtype.F32, new long[] {3}, () -> { throw new IllegalStateException("disk on fire"); });
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> failing.write(file));
        assertEquals("disk on fire", thrown.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));

        SafetensorsWriter wrongLength = new SafetensorsWriter()
                .add("a", TensorDtype.F32, new long[] {3}, () -> new float[2]);
        assertThrows(IllegalStateException.class, () -> wrongLength.write(file));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void rejectsProgrammingErrorsWhenAdding() {
        SafetensorsWriter writer = new SafetensorsWriter().add("a", TensorDtype.F32, new long[] {1}, new float[1]);
        assertThrows(IllegalArgumentException.class, () -> writer.add("a", TensorDtype.F32, new long[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> writer.add("b", TensorDtype.F32, new long[] {2}, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> writer.add("c", TensorDtype.I32, new long[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> writer.add("d", TensorDtype.F32, new long[] {-1}, new float[0]));
        assertThrows(IllegalArgumentException.class,
                () -> writer.add("__metadata__", TensorDtype.F32, new long[] {1}, new float[1]));
    }
}
