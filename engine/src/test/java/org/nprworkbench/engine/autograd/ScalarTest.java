package org.nprworkbench.engine.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;

/**
 * A scalar from {@link Scalar#of} is still there when backward needs it, even when the garbage
 * collector runs between forward and backward and the freed memory is written over. (With DJL's
 * {@code x.mul(Number)} this test gave garbage or NaN gradients on about half of its runs.)
 */
class ScalarTest {

    @Test
    void aScalarOperandSurvivesACollectionBetweenForwardAndBackward() {
        DjlBootstrap.init();
        float[] ones = new float[256];
        java.util.Arrays.fill(ones, 1f);
        try (NDManager nd = NDManager.newBaseManager()) {
            NDArray x = nd.create(new float[256]);
            x.setRequiresGradient(true);
            for (int round = 0; round < 40; round++) {
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = x.mul(Scalar.of(x, 0.125)).div(Scalar.of(x, 0.5)).sum(); // dy/dx = 0.25
                    churn();
                    gc.backward(y);
                }
                float[] expected = new float[256];
                java.util.Arrays.fill(expected, 0.25f);
                assertArrayEquals(expected, x.getGradient().toFloatArray(), "round " + round);
                x.getGradient().subi(x.getGradient());
            }
        }
    }

    /** Frees what the collector can find and writes over fresh native buffers. */
    private static void churn() {
        System.gc();
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int k = 0; k < 200; k++) {
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 12);
            for (int q = 0; q < b.capacity(); q += 4) {
                b.putInt(q, 0x7f7f7f7f);
            }
        }
    }
}
