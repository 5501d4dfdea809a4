package org.nprworkbench.engine.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor as a safetensors header describes it: name, element type, row-major shape and the byte
 * range {@code [begin, end)} of its data, relative to the start of the file's data buffer.
 */
public record TensorInfo(String name, TensorDtype dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    /** The shape; a copy, so callers may keep or change it. An empty shape is a scalar. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements, the product of the shape (1 for a scalar). */
    public long elementCount() {
        long count = 1;
        for (long dim : shape) count *= dim;
        return count;
    }

    /** The number of data bytes, {@code end - begin}. */
    public long byteSize() {
        return end - begin;
    }

    /** The shape as {@code [a, b]}, for messages. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that && name.equals(that.name) && dtype == that.dtype
                && Arrays.equals(shape, that.shape) && begin == that.begin && end == that.end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
    }

    @Override
    public String toString() {
        return name + " " + dtype + shapeText() + " @[" + begin + ", " + end + ")";
    }
}
