package org.nprworkbench.engine.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.optim.AdamW;
import org.nprworkbench.engine.optim.TokenLoss;
import org.nprworkbench.engine.score.LogProbScorer;
import org.nprworkbench.engine.tokenizer.HfTokenizer;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The autograd path trains: a micro model memorises a four-line corpus.
 *
 * <p>Threshold: at initialisation the loss is about ln(128) = 4.85 nats/token (uniform over the
 * vocabulary). The corpus is four fixed lines of 25-33 tokens; once memorised, only the first
 * token after bos is uncertain (1 of 4 lines: ln 4 = 1.39 nats on 1 token in about 30), so a perfect
 * model scores about 0.05 nats/token. Requiring below 0.3 leaves room for an imperfect fit, yet no
 * model that has not learned the lines gets there (a character unigram model of this corpus scores
 * about 3 nats/token).
 */
class OverfitTest {
    private static final List<String> CORPUS = List.of(
            "<guideline><plan>1: 3*4</plan>ok",
            "12+30=42 so the answer is 42 ok.",
            "prime? 91 = 7*13, not prime. ok!",
            "<step>1: 7*8 = 56</step> done!!!");

    @Test
    void microModelMemorisesASmallCorpus() {
        DjlBootstrap.init();
        try (HfTokenizer tok = HfTokenizer.embedded();
             Qwen3Model model = Qwen3Model.random(Qwen3Config.preset("micro", 128), Device.cpu(), 1)) {
            int b = CORPUS.size();
            int[][] enc = CORPUS.stream().map(tok::encode).toArray(int[][]::new);
            int t = java.util.Arrays.stream(enc).mapToInt(e -> e.length + 1).max().orElseThrow(); // bos + text
            long[] input = new long[b * t];
            long[] target = new long[b * t];
            float[] weight = new float[b * t];
            for (int r = 0; r < b; r++) {
                input[r * t] = tok.tags().bos();
                int n = enc[r].length;
                for (int i = 0; i < n; i++) {
                    input[r * t + i + 1] = enc[r][i];
                    target[r * t + i] = enc[r][i];
                    weight[r * t + i] = 1;
                }
                target[r * t + n] = tok.tags().eos(); // then padding (weight 0) up to t
                weight[r * t + n] = 1;
            }
            double first = Double.NaN;
            double last = Double.NaN;
            try (AdamW opt = new AdamW(model.parameters(), 0.9, 0.95, 1e-8, 0.0, 1.0)) {
                for (int step = 0; step < 300; step++) {
                    try (NDScope scope = new NDScope();
                         GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDManager nd = model.manager();
                        NDArray logits = model.forward(nd.create(input, new Shape(b, t)),
                                CausalMask.positions(nd, b, t, null), CausalMask.of(nd, b, t, null));
                        NDArray loss = TokenLoss.meanNll(logits, nd.create(target, new Shape(b, t)),
                                nd.create(weight, new Shape(b, t)));
                        gc.backward(loss);
                        last = loss.getFloat();
                    }
                    if (step == 0) {
                        first = last;
                    }
                    opt.step(1e-2);
                    if (last < 0.1) {
                        break;
                    }
                }
            }
            assertTrue(first > 4.0, "initial loss near ln(128): " + first);
            assertTrue(last < 0.3, "final loss " + last);
            // The scorer (inference path) agrees the lines are now likely.
            double nll = LogProbScorer.score(model, tok, CORPUS.get(1)).meanNll();
            assertTrue(nll < 0.5, "scored NLL " + nll);
        }
    }
}
