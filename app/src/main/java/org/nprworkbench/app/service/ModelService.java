package org.nprworkbench.app.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.checkpoint.SafetensorsWeights;
import org.nprworkbench.engine.checkpoint.TensorDtype;
import org.nprworkbench.engine.checkpoint.Provenance;
import org.nprworkbench.engine.model.Qwen3Config;
import org.nprworkbench.engine.score.LogProbScorer;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.tags.NprTags;

/**
 * Creating, inspecting and scoring checkpoints ({@code npr model init|info|score}), as plain records.
 */
public final class ModelService {
    /** The architecture of a checkpoint, from its {@code config.json}. */
    public record Architecture(int layers, int hiddenSize, int intermediateSize, int heads, int kvHeads, int headDim,
                               boolean tiedEmbeddings, int maxPositions, double ropeTheta, double rmsNormEps,
                               int vocabSize, long parameters, String configJson) {
        static Architecture of(Qwen3Config c) {
            return new Architecture(c.numLayers(), c.hiddenSize(), c.intermediateSize(), c.numHeads(), c.numKvHeads(),
                    c.headDim(), c.tieEmbeddings(), c.maxPositions(), c.ropeTheta(), c.rmsNormEps(), c.vocabSize(),
                    c.parameterCount(), c.toJson());
        }
    }

    /** What {@code init} wrote. */
    public record Created(Path folder, String size, Architecture architecture) {
    }

    /**
     * A checkpoint read from its headers.
     *
     * @param tagIds        each NPR tag's token id, in the vocabulary's order
     * @param specialIds    bos, eos, pad and prompt_end
     */
    public record Info(Path folder, Architecture architecture, long storedParameters, int tensors, List<String> dtypes,
                       List<String> weightFiles, int tokenizerVocab, Map<String, Integer> tagIds,
                       List<Integer> tagsAddedOnLoad, Map<String, Integer> specialIds, String promptFormat,
                       Provenance provenance) {
    }

    /** One scored token; {@code logProb} is NaN for the first token when nothing precedes it. */
    public record TokenScore(int id, String token, double logProb) {
    }

    /** A scored text. */
    public record Scores(Path checkpoint, boolean bosPrepended, List<TokenScore> tokens, double totalLogProb, int scored,
                         double meanNll) {
    }

    /** Writes a fresh, randomly initialised checkpoint; an existing checkpoint in {@code out} needs {@code force}. */
    public Created init(String size, Path out, long seed, boolean force) {
        Checkpoint.requireWritable(out, force);
        try (Checkpoint.Loaded c = Checkpoint.init(size, out, seed, ai.djl.Device.cpu())) {
            return new Created(out, size, Architecture.of(c.model().config()));
        }
    }

    /**
     * Writes {@code from}'s weights to {@code out} stored as {@code dtype} ({@code bf16} or {@code f32}),
     * with the same tokenizer, prompt format and provenance: BF16 halves the size of a checkpoint to ship.
     * Returns the size in bytes of the written weights file.
     */
    public long convert(Path from, Path out, String dtype, boolean force) {
        TensorDtype d = switch (dtype.toLowerCase(java.util.Locale.ROOT)) {
            case "bf16", "bfloat16" -> TensorDtype.BF16;
            case "f32", "float32" -> TensorDtype.F32;
            default -> throw new BadInputException("--dtype " + dtype + ": use bf16 or f32");
        };
        if (from.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new BadInputException("--out " + out + " is the checkpoint being converted; write to another folder");
        }
        Checkpoint.requireWritable(out, force);
        try (Checkpoint.Loaded c = Checkpoint.load(from, ai.djl.Device.cpu())) {
            Checkpoint.save(c.model(), c.tokenizer(), out, c.provenance(), from, d);
        }
        try {
            return java.nio.file.Files.size(out.resolve(SafetensorsWeights.SINGLE_FILE));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads a checkpoint's configuration, headers and tokenizer without loading weights. */
    public Info info(Path folder) {
        Checkpoint.Inspection i = Checkpoint.inspect(folder);
        TagIds t = i.tags();
        Map<String, Integer> tags = new LinkedHashMap<>();
        int[] ids = t.inOrder();
        for (int k = 0; k < ids.length; k++) {
            tags.put(NprTags.ALL.get(k), ids[k]);
        }
        Map<String, Integer> special = new LinkedHashMap<>();
        special.put("bos", t.bos());
        special.put("eos", t.eos());
        special.put("pad", t.pad());
        special.put("prompt_end", t.promptEnd());
        return new Info(i.folder(), Architecture.of(i.config()), i.storedParameters(), i.tensorCount(),
                List.copyOf(i.dtypes()), List.copyOf(i.weightFiles()), i.tokenizerVocab(), tags,
                List.copyOf(i.tagsMissingFromTokenizer()), special, i.promptFormat().name(), i.provenance());
    }

    /** Per-token log-probabilities of {@code text}; empty or one-token text is bad input. */
    public Scores score(Path folder, String text, DeviceChoice device) {
        if (text.isEmpty()) {
            throw new BadInputException("--text is empty: give the text to score, e.g. --text \"<step>1: 7*8</step>\"");
        }
        try (Checkpoint.Loaded c = Checkpoint.load(folder, device.select())) {
            LogProbScorer.Result r = LogProbScorer.score(c.model(), c.tokenizer(), text);
            if (r.scored() == 0) {
                throw new BadInputException("--text \"" + text + "\" is one token and the tokenizer adds no "
                        + "beginning-of-sequence token, so nothing can be scored: give a longer text");
            }
            List<TokenScore> tokens = new ArrayList<>();
            for (LogProbScorer.TokenScore s : r.tokens()) {
                tokens.add(new TokenScore(s.id(), s.token(), s.logProb()));
            }
            return new Scores(folder, c.tokenizer().tags().bos() >= 0, tokens, r.totalLogProb(), r.scored(), r.meanNll());
        }
    }
}
