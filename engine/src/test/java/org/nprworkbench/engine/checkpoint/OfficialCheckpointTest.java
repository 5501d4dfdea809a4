package org.nprworkbench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.decode.DecodeRequest;
import org.nprworkbench.engine.decode.EngineConfig;
import org.nprworkbench.engine.decode.NprEngine;
import org.nprworkbench.engine.decode.ReplaySource;
import org.nprworkbench.engine.decode.TrajectoryResult;
import org.nprworkbench.engine.model.Qwen3Config;
import org.nprworkbench.engine.score.LogProbScorer;
import org.nprworkbench.engine.tokenizer.HfTokenizer;
import org.nprworkbench.engine.tokenizer.PromptFormat;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.tags.NprTags;

import ai.djl.Device;

/**
 * A folder shaped like the official NPR-4B ({@link OfficialCheckpointFixture}: head_dim 128 with 32/8
 * heads on a width of 256, a 151,936-row tied embedding, BF16 shards, a byte-level BPE with Qwen's
 * special tokens) inspects, loads with its exact values, tokenizes as Qwen does, and decodes.
 */
class OfficialCheckpointTest {
    @TempDir
    static Path dir;
    private static Path folder;
    private static Checkpoint.Loaded loaded;

    @BeforeAll
    static void write() {
        DjlBootstrap.init();
        folder = OfficialCheckpointFixture.write(dir.resolve("npr-4b-shaped"));
        loaded = Checkpoint.load(folder, Device.cpu());
    }

    @AfterAll
    static void close() {
        loaded.close();
    }

    @Test
    void inspectionReadsTheOfficialShape() {
        Checkpoint.Inspection i = Checkpoint.inspect(folder);
        Qwen3Config c = i.config();
        assertEquals(OfficialCheckpointFixture.VOCAB_SIZE, c.vocabSize());
        assertEquals(256, c.hiddenSize());
        assertEquals(32, c.numHeads());
        assertEquals(8, c.numKvHeads());
        assertEquals(128, c.headDim(), "head_dim is read, not hidden / heads = 8");
        assertEquals(5_000_000.0, c.ropeTheta());
        assertEquals(262_144, c.maxPositions());
        assertTrue(c.tieEmbeddings());
        assertEquals(Set.of("BF16"), i.dtypes());
        assertEquals(List.of("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"), i.weightFiles());
        assertEquals(OfficialCheckpointFixture.tensorShapes().size(), i.tensorCount());
        assertEquals(c.parameterCount(), i.storedParameters(), "a tied head is stored once");
        assertEquals(PromptFormat.CHATML, i.promptFormat());
        assertEquals(List.of(), i.tagsMissingFromTokenizer());
        assertEquals(QwenTokenizerFixture.FIRST_TAG_ID + 8, i.tokenizerVocab());
        TagIds t = i.tags();
        for (int k = 0; k < NprTags.ALL.size(); k++) {
            assertEquals(QwenTokenizerFixture.FIRST_TAG_ID + k, t.inOrder()[k], NprTags.ALL.get(k));
        }
        assertEquals(151_645, t.eos(), "<|im_end|> ends an answer");
        assertEquals(151_645, t.promptEnd());
        assertEquals(-1, t.bos(), "Qwen prepends no bos");
        assertEquals("imported", i.provenance().stage(), "a downloaded folder has no npr.json");
    }

    @Test
    void tokenizerIsQwensByteLevelBpe() {
        try (HfTokenizer tok = HfTokenizer.load(folder)) {
            String prompt = PromptFormat.CHATML.render("What is 12 * 7 + 5?");
            int[] ids = tok.encode(prompt);
            assertEquals(151_644, ids[0], "<|im_start|> at its real id");
            assertTrue(Arrays.stream(ids).anyMatch(id -> id == 151_645), "<|im_end|> at its real id");
            assertTrue(Arrays.stream(ids).anyMatch(id -> id >= 256 && id < QwenTokenizerFixture.FIRST_ADDED_ID),
                    "learned merges in use: " + Arrays.toString(ids));
            assertEquals(prompt, tok.decode(ids));
            assertArrayEquals(new int[] {151_662}, tok.encode("<|fim_pad|>"));
            assertArrayEquals(new int[] {QwenTokenizerFixture.FIRST_TAG_ID + 4}, tok.encode("<step>"));
            String unicode = "Café ∑ 日本語 🙂\tx² = 4\n\n";
            int[] u = tok.encode(unicode);
            assertTrue(u.length > unicode.length() / 2, "bytes outside the corpus fall back to byte tokens");
            assertEquals(unicode, tok.decode(u), "byte-level: every string round-trips");
            // " answer" was learned as one token from the corpus, as Qwen's vocabulary has it
            assertEquals(1, tok.encode(" answer").length, Arrays.toString(tok.encode(" answer")));
        }
    }

    @Test
    void bf16ShardsLoadAsTheirExactValues() {
        Checkpoint.Loaded l = loaded;
        assertEquals(Set.of("BF16"), l.dtypes());
        assertEquals(List.of(), l.initialisedTagIds());
        assertEquals(Checkpoint.inspect(folder).config(), l.model().config());
        for (String name : List.of("model.embed_tokens.weight", "model.layers.1.self_attn.q_proj.weight",
                "model.layers.0.self_attn.o_proj.weight", "model.layers.0.self_attn.k_norm.weight",
                "model.layers.1.mlp.down_proj.weight")) {
            long[] shape = OfficialCheckpointFixture.tensorShapes().get(name);
            assertArrayEquals(shape, l.model().weights().get(name).getShape().getShape(), name);
            float[] written = OfficialCheckpointFixture.values(name, shape);
            float[] got = l.model().weights().get(name).toFloatArray();
            for (int k = 0; k < written.length; k++) {
                float expected = TensorDtype.bf16ToFloat(TensorDtype.floatToBf16(written[k]));
                if (expected != got[k]) {
                    throw new AssertionError(name + "[" + k + "]: " + got[k] + " instead of " + expected);
                }
            }
        }
    }

    @Test
    void decodingOverTheKvCacheEqualsOneFullForward() {
        Checkpoint.Loaded l = loaded;
        String prompt = l.promptFormat().render("What is 12 * 7 + 5?");
        String text = prompt + "The product of 12 and 7 is 84, so the answer is \\boxed{89}.";
        LogProbScorer.Result full = LogProbScorer.score(l.model(), l.tokenizer(), text);
        int[] ids = full.tokens().stream().mapToInt(LogProbScorer.TokenScore::id).toArray();
        int p = l.tokenizer().encode(prompt).length;
        int[] response = Arrays.copyOfRange(ids, p, ids.length);
        TrajectoryResult r = new NprEngine(l.model(), l.tokenizer(), EngineConfig.sequential(response.length + 4)
                .withMaxActive(1)).run(List.of(new DecodeRequest("replay", 0, Arrays.copyOf(ids, p),
                new ReplaySource(response, l.tokenizer().tags(), false)))).results().get(0);
        assertArrayEquals(response, Arrays.copyOf(r.response(), response.length));
        for (int k = 0; k < response.length; k++) {
            assertEquals(full.tokens().get(p + k).logProb(), r.logProbs()[k], 2e-4, "token " + k);
        }
        assertTrue(Math.abs(full.tokens().get(p).logProb() + Math.log(OfficialCheckpointFixture.VOCAB_SIZE)) < 1,
                "a random model is near uniform over the 151,936 ids: " + full.tokens().get(p).logProb());
    }

    @Test
    void theBaseModelsTokenizerGetsTheTagsAfterQwensAddedTokens() {
        Path base = OfficialCheckpointFixture.write(dir.resolve("qwen3-4b-instruct-2507-shaped"), false);
        try (Checkpoint.Loaded l = Checkpoint.load(base, Device.cpu())) {
            int first = QwenTokenizerFixture.FIRST_TAG_ID;
            assertEquals(List.of(first, first + 1, first + 2, first + 3, first + 4, first + 5, first + 6, first + 7),
                    l.initialisedTagIds());
            assertEquals(OfficialCheckpointFixture.VOCAB_SIZE, l.model().config().vocabSize(),
                    "the tags fit in the padded vocabulary: no rows added");
            int id = l.tokenizer().idOf("<takeaway>");
            int[] sub = l.tokenizer().encode("takeaway");
            float[] e = l.model().weights().get("model.embed_tokens.weight").toFloatArray();
            int h = OfficialCheckpointFixture.HIDDEN_SIZE;
            for (int j = 0; j < h; j += 17) {
                double mean = 0;
                for (int s : sub) {
                    mean += e[s * h + j];
                }
                assertEquals(mean / sub.length, e[id * h + j], 1e-6, "column " + j);
            }
        } finally {
            deleteQuietly(base);
        }
    }

    private static void deleteQuietly(Path p) {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (java.io.IOException ignored) {
            // @TempDir removes what is left
        }
    }
}
