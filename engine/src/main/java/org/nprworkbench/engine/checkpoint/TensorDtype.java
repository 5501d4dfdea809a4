package org.nprworkbench.engine.checkpoint;

import java.util.Optional;

/**
 * The element types a safetensors file may hold that this workbench understands, with their sizes and
 * the conversions between the 16-bit float formats and {@code float}. The constants are declared in the
 * order of the reference implementation's {@code Dtype} enum, which the writer uses to lay out data
 * (larger alignment first) exactly as the reference does.
 */
public enum TensorDtype {
    BOOL(1, false), U8(1, false), I8(1, false), I16(2, false), F16(2, true), BF16(2, true),
    I32(4, false), F32(4, true), F64(8, true), I64(8, false);

    private final int byteSize;
    private final boolean floatingPoint;

    TensorDtype(int byteSize, boolean floatingPoint) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** True for F64, F32, F16 and BF16: the types that can be read as {@code float}. */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** The constant whose header name (for example {@code "BF16"}) is {@code name}, if supported. */
    public static Optional<TensorDtype> fromHeaderName(String name) {
        for (TensorDtype dtype : values()) {
            if (dtype.name().equals(name)) return Optional.of(dtype);
        }
        return Optional.empty();
    }

    /** A bfloat16 bit pattern (in the low 16 bits) as a float: exact, since bf16 is a truncated float. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** The bfloat16 nearest to {@code value}, ties to even; NaN stays NaN (quiet), infinities stay. */
    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFFFFFF) > 0x7F800000) return (short) ((bits >>> 16) | 0x0040);
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    /** An IEEE 754 binary16 bit pattern as a float: exact, including subnormals, infinities and NaN. */
    public static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /**
     * The binary16 nearest to {@code value}, ties to even: values from 65520 up become infinity, values
     * below 2^-14 become subnormals or zero, NaN stays NaN (quiet, keeping the top payload bits).
     */
    public static short floatToHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int magnitude = bits & 0x7FFFFFFF;
        if (magnitude > 0x7F800000) return (short) (sign | 0x7E00 | ((magnitude >>> 13) & 0x3FF));
        if (magnitude >= 0x477FF000) return (short) (sign | 0x7C00);
        if (magnitude >= 0x38800000) {
            int rebiased = magnitude - 0x38000000;
            return (short) (sign | ((rebiased + 0xFFF + ((rebiased >>> 13) & 1)) >>> 13));
        }
        if (magnitude < 0x33000000) return (short) sign;
        int shift = 126 - (magnitude >>> 23);
        int significand = (magnitude & 0x7FFFFF) | 0x800000;
        int half = significand >>> shift;
        int remainder = significand & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (remainder > halfway || (remainder == halfway && (half & 1) != 0)) half++;
        return (short) (sign | half);
    }
}
