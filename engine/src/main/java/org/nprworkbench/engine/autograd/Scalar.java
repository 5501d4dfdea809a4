package org.nprworkbench.engine.autograd;

import ai.djl.ndarray.NDArray;

/**
 * Scalar operands for differentiable arithmetic, made to outlive the backward pass.
 *
 * <p>DJL's {@code NDArray.mul(Number)}, {@code div(Number)} and {@code pow(Number)} wrap the number
 * in a temporary tensor whose memory is a Java direct buffer ({@code torch::from_blob}) and close that
 * tensor as soon as the forward operation returns. PyTorch's autograd keeps the operand to compute
 * the backward pass ({@code d(x*s)/dx = s}), so backward reads memory the Java garbage collector may
 * already have freed and reused: the gradient comes out scaled by garbage, now and then, or NaN. A
 * scalar from {@link #of} is an ordinary array of the operand's manager, registered with the
 * enclosing {@link ai.djl.ndarray.NDScope} like every other intermediate, so it lives until that
 * scope closes, after backward. Use it for every scalar in a differentiable expression; an
 * architecture test keeps {@code mul/div/pow(Number)} out of the model and trainer code.
 */
public final class Scalar {
    private Scalar() {
    }

    /** {@code value} as a 0-dimensional array of {@code like}'s data type, on {@code like}'s manager. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().create(value).toType(like.getDataType(), false);
    }
}
