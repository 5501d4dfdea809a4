package org.nprworkbench.trainer.rollout;

import java.util.ArrayList;
import java.util.List;

import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.optim.InferenceMode;

import ai.djl.ndarray.NDArray;

/** A copy of a model's weights, to tell whether (and how much) training moved them. */
public record WeightSnapshot(List<float[]> values) {
    public static WeightSnapshot of(Qwen3Model model) {
        List<float[]> v = new ArrayList<>();
        try (InferenceMode off = InferenceMode.enter()) {
            for (NDArray p : model.parameters()) {
                v.add(p.toFloatArray());
            }
        }
        return new WeightSnapshot(v);
    }

    /** The largest absolute change of any weight since this snapshot. */
    public double maxChange(Qwen3Model model) {
        WeightSnapshot now = of(model);
        double max = 0;
        for (int i = 0; i < values.size(); i++) {
            for (int k = 0; k < values.get(i).length; k++) {
                max = Math.max(max, Math.abs(values.get(i)[k] - now.values.get(i)[k]));
            }
        }
        return max;
    }
}
