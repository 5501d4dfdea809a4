package org.nprworkbench.engine.optim;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/**
 * AdamW (decoupled weight decay) over a list of leaf arrays, with global gradient-norm clipping:
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr (m_hat / (sqrt(v_hat) + eps) + wd p).
 * Call {@link #step(double)} after the gradient collector is closed; it zeroes the gradients.
 */
public final class AdamW implements AutoCloseable {
    private final List<NDArray> params;
    private final NDArray[] m;
    private final NDArray[] v;
    private final NDManager state;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double clipNorm;
    private long t;

    /**
     * @param params      the leaf arrays to train (gradients are attached here)
     * @param weightDecay decoupled weight decay (applied to every parameter)
     * @param clipNorm    global L2 gradient-norm clip; non-positive disables it
     */
    public AdamW(List<NDArray> params, double beta1, double beta2, double eps, double weightDecay, double clipNorm) {
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        this.state = params.get(0).getManager().newSubManager();
        this.m = new NDArray[params.size()];
        this.v = new NDArray[params.size()];
        for (int i = 0; i < m.length; i++) {
            NDArray p = params.get(i);
            p.setRequiresGradient(true);
            m[i] = state.zeros(p.getShape(), p.getDataType());
            v[i] = state.zeros(p.getShape(), p.getDataType());
            NDScope.unregister(m[i], v[i]);
        }
    }

    /** The paper's optimiser settings: betas (0.9, 0.95), eps 1e-8, the given decay, clip 1.0. */
    public static AdamW paperDefaults(List<NDArray> params, double weightDecay) {
        return new AdamW(params, 0.9, 0.95, 1e-8, weightDecay, 1.0);
    }

    /**
     * The optimiser's state, for saving beside a checkpoint: the step count and both moment tensors
     * of every parameter (in parameter order, flattened).
     */
    public record State(long steps, List<float[]> m, List<float[]> v) {
        public State {
            m = List.copyOf(m);
            v = List.copyOf(v);
        }
    }

    /** A copy of the current state. */
    public State state() {
        List<float[]> ms = new java.util.ArrayList<>(m.length);
        List<float[]> vs = new java.util.ArrayList<>(v.length);
        for (int i = 0; i < m.length; i++) {
            ms.add(m[i].toFloatArray());
            vs.add(v[i].toFloatArray());
        }
        return new State(t, ms, vs);
    }

    /** Continues from {@code s} (saved from an optimiser over parameters of the same shapes). */
    public void restore(State s) {
        if (s.m().size() != m.length || s.v().size() != v.length) {
            throw new IllegalArgumentException("optimiser state for " + s.m().size() + " parameters, this one has " + m.length);
        }
        for (int i = 0; i < m.length; i++) {
            if (s.m().get(i).length != m[i].size() || s.v().get(i).length != v[i].size()) {
                throw new IllegalArgumentException("optimiser state of parameter " + i + " has "
                        + s.m().get(i).length + " values, the parameter " + m[i].size());
            }
            m[i].set(s.m().get(i));
            v[i].set(s.v().get(i));
        }
        t = s.steps();
    }

    /** Optimiser steps taken. */
    public long steps() {
        return t;
    }

    /**
     * One update with learning rate {@code lr}; returns the global gradient norm before clipping.
     * Gradients are zeroed afterwards.
     */
    public double step(double lr) {
        t++;
        try (InferenceMode off = InferenceMode.enter(); NDScope scope = new NDScope()) {
            NDArray[] grads = new NDArray[params.size()];
            double sq = 0;
            for (int i = 0; i < grads.length; i++) {
                grads[i] = params.get(i).getGradient();
                sq += grads[i].square().sum().getFloat();
            }
            double norm = Math.sqrt(sq);
            double scale = clipNorm > 0 && norm > clipNorm ? clipNorm / (norm + 1e-6) : 1.0;
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2 = 1 - Math.pow(beta2, t);
            for (int i = 0; i < grads.length; i++) {
                NDArray g = scale == 1.0 ? grads[i] : grads[i].mul(scale);
                m[i].muli(beta1).addi(g.mul(1 - beta1));
                v[i].muli(beta2).addi(g.square().mul(1 - beta2));
                NDArray update = m[i].div(bc1).div(v[i].div(bc2).sqrt().add(eps));
                NDArray p = params.get(i);
                if (weightDecay != 0) {
                    p.muli(1 - lr * weightDecay);
                }
                p.subi(update.mul(lr));
                grads[i].muli(0);
            }
            return norm;
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
