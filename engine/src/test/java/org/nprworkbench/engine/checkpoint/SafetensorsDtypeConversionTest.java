package org.nprworkbench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The BF16 and F16 conversions of {@link TensorDtype}, on hand-computed bit patterns. */
class SafetensorsDtypeConversionTest {

    private static void assertFloatBits(float expected, float actual) {
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                () -> "expected " + expected + " got " + actual);
    }

    private static void assertHalf(int expectedBits, float value) {
        assertEquals(String.format("%04x", expectedBits),
                String.format("%04x", TensorDtype.floatToHalf(value) & 0xFFFF), () -> "F16 of " + value);
    }

    private static void assertBf16(int expectedBits, float value) {
        assertEquals(String.format("%04x", expectedBits),
                String.format("%04x", TensorDtype.floatToBf16(value) & 0xFFFF), () -> "BF16 of " + value);
    }

    @Test
    void bf16DecodesKnownPatterns() {
        assertFloatBits(1.0f, TensorDtype.bf16ToFloat((short) 0x3F80));
        assertFloatBits(-2.5f, TensorDtype.bf16ToFloat((short) 0xC020));
        assertFloatBits(3.140625f, TensorDtype.bf16ToFloat((short) 0x4049));
        assertFloatBits(0x1p-133f, TensorDtype.bf16ToFloat((short) 0x0001));
        assertFloatBits(0.0f, TensorDtype.bf16ToFloat((short) 0x0000));
        assertFloatBits(-0.0f, TensorDtype.bf16ToFloat((short) 0x8000));
        assertFloatBits(Float.POSITIVE_INFINITY, TensorDtype.bf16ToFloat((short) 0x7F80));
        assertFloatBits(Float.NEGATIVE_INFINITY, TensorDtype.bf16ToFloat((short) 0xFF80));
        assertTrue(Float.isNaN(TensorDtype.bf16ToFloat((short) 0x7FC0)));
    }

    @Test
    void halfDecodesKnownPatternsIncludingSubnormals() {
        assertFloatBits(1.0f, TensorDtype.halfToFloat((short) 0x3C00));
        assertFloatBits(-2.5f, TensorDtype.halfToFloat((short) 0xC100));
        assertFloatBits(3.140625f, TensorDtype.halfToFloat((short) 0x4248));
        assertFloatBits(0.333251953125f, TensorDtype.halfToFloat((short) 0x3555));
        assertFloatBits(65504f, TensorDtype.halfToFloat((short) 0x7BFF));
        assertFloatBits(0x1p-14f, TensorDtype.halfToFloat((short) 0x0400));
        assertFloatBits(0x1p-24f, TensorDtype.halfToFloat((short) 0x0001));
        assertFloatBits(1023 * 0x1p-24f, TensorDtype.halfToFloat((short) 0x03FF));
        assertFloatBits(-0x1p-24f, TensorDtype.halfToFloat((short) 0x8001));
        assertFloatBits(0.0f, TensorDtype.halfToFloat((short) 0x0000));
        assertFloatBits(-0.0f, TensorDtype.halfToFloat((short) 0x8000));
        assertFloatBits(Float.POSITIVE_INFINITY, TensorDtype.halfToFloat((short) 0x7C00));
        assertFloatBits(Float.NEGATIVE_INFINITY, TensorDtype.halfToFloat((short) 0xFC00));
        assertTrue(Float.isNaN(TensorDtype.halfToFloat((short) 0x7E00)));
        assertTrue(Float.isNaN(TensorDtype.halfToFloat((short) 0x7C01)));
    }

    @Test
    void everyHalfAndBf16PatternSurvivesARoundTrip() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float half = TensorDtype.halfToFloat((short) bits);
            float bf16 = TensorDtype.bf16ToFloat((short) bits);
            if (Float.isNaN(half)) {
                assertTrue(Float.isNaN(TensorDtype.halfToFloat(TensorDtype.floatToHalf(half))));
            } else {
                assertHalf(bits, half);
            }
            if (Float.isNaN(bf16)) {
                assertTrue(Float.isNaN(TensorDtype.bf16ToFloat(TensorDtype.floatToBf16(bf16))));
            } else {
                assertBf16(bits, bf16);
            }
        }
    }

    @Test
    void bf16RoundsToNearestTiesToEven() {
        assertBf16(0x3F80, Float.intBitsToFloat(0x3F808000)); // 1 + 2^-8: tie, 0x3F80 is even
        assertBf16(0x3F82, Float.intBitsToFloat(0x3F818000)); // 1 + 3 * 2^-8: tie, rounds up to even
        assertBf16(0x3F81, Float.intBitsToFloat(0x3F808001)); // just above the tie
        assertBf16(0x3F80, Float.intBitsToFloat(0x3F807FFF)); // just below the tie
        assertBf16(0xBF80, Float.intBitsToFloat(0xBF808000)); // negative tie
        assertBf16(0x7F80, Float.MAX_VALUE);                  // overflows to infinity
        assertBf16(0x7F7F, Float.intBitsToFloat(0x7F7F7FFF)); // largest value that stays finite
        assertBf16(0x7FC0, Float.NaN);
        assertBf16(0x7FC0, Float.intBitsToFloat(0x7F800001)); // a NaN whose payload would truncate to inf
        assertBf16(0x0000, Float.MIN_VALUE);                  // 2^-149 rounds to zero
        assertBf16(0x8000, -0.0f);
    }

    @Test
    void halfRoundsToNearestTiesToEven() {
        assertHalf(0x7BFF, 65504f);
        assertHalf(0x7BFF, Math.nextDown(65520f));
        assertHalf(0x7C00, 65520f);                           // tie between 65504 and 65536: to even, infinity
        assertHalf(0xFC00, -1e6f);
        assertHalf(0x3C00, 1 + 0x1p-11f);                     // tie: 0x3C00 is even
        assertHalf(0x3C02, 1 + 3 * 0x1p-11f);                 // tie: up to even
        assertHalf(0x3C01, Math.nextUp(1 + 0x1p-11f));
        assertHalf(0x0001, 0x1p-24f);                         // smallest subnormal
        assertHalf(0x0000, 0x1p-25f);                         // tie between 0 and 2^-24: to even, zero
        assertHalf(0x0001, Math.nextUp(0x1p-25f));
        assertHalf(0x0002, 3 * 0x1p-25f);                     // tie between subnormals 1 and 2: to 2
        assertHalf(0x0400, 0x1p-14f - 0x1p-25f);              // tie between largest subnormal and 2^-14
        assertHalf(0x03FF, 0x1p-14f - 0x1p-24f);              // largest subnormal
        assertHalf(0x0000, 1e-10f);
        assertHalf(0x8000, -0.0f);
        assertHalf(0x7E00, Float.NaN);
        assertTrue(Float.isNaN(TensorDtype.halfToFloat(TensorDtype.floatToHalf(Float.intBitsToFloat(0x7F800001)))));
    }
}
