package org.nprworkbench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.model.Qwen3Config;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.tokenizer.EmbeddedTokenizer;
import org.nprworkbench.engine.tokenizer.HfTokenizer;
import org.nprworkbench.tags.NprTags;
import org.nprworkbench.input.BadInputException;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Checkpoint folders: save/load round trips, BF16 and sharded weights, tag rows, and every bad input. */
class CheckpointFolderTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        DjlBootstrap.init();
    }

    private Path micro(String name) {
        Path folder = dir.resolve(name);
        Checkpoint.init("micro", folder, 11, Device.cpu()).close();
        return folder;
    }

    @Test
    void saveThenLoadIsBitExact() {
        Path folder = dir.resolve("ck");
        try (Checkpoint.Loaded saved = Checkpoint.init("micro", folder, 3, Device.cpu());
             Checkpoint.Loaded loaded = Checkpoint.load(folder, Device.cpu())) {
            assertEquals(saved.model().config(), loaded.model().config());
            for (Map.Entry<String, NDArray> e : saved.model().weights().entrySet()) {
                float[] a = e.getValue().toFloatArray();
                float[] b = loaded.model().weights().get(e.getKey()).toFloatArray();
                assertEquals(a.length, b.length, e.getKey());
                for (int i = 0; i < a.length; i++) {
                    assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), e.getKey() + "[" + i + "]");
                }
            }
            assertEquals("init", loaded.provenance().stage());
            assertEquals(List.of(), loaded.initialisedTagIds());
            for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                    "generation_config.json", "npr.json")) {
                assertTrue(Files.isRegularFile(folder.resolve(f)), f);
            }
        }
    }

    @Test
    void configJsonHasTheFieldsTransformersReads() throws IOException {
        Path folder = micro("ck");
        JsonObject c = JsonParser.parseString(Files.readString(folder.resolve("config.json"))).getAsJsonObject();
        assertEquals("qwen3", c.get("model_type").getAsString());
        assertEquals("Qwen3ForCausalLM", c.getAsJsonArray("architectures").get(0).getAsString());
        for (String k : List.of("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers",
                "num_attention_heads", "num_key_value_heads", "head_dim", "rms_norm_eps", "rope_theta",
                "max_position_embeddings", "tie_word_embeddings", "hidden_act")) {
            assertTrue(c.has(k), k);
        }
    }

    @Test
    void bf16WeightsLoadAsTheirExactF32Values() throws IOException {
        Path src = micro("src");
        Path bf = dir.resolve("bf16");
        Files.createDirectories(bf);
        for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(src.resolve(f), bf.resolve(f));
        }
        Map<String, float[]> expected = new LinkedHashMap<>();
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsReader r = SafetensorsReader.open(src.resolve("model.safetensors"))) {
            for (TensorInfo t : r.tensors()) {
                float[] v = r.readFloats(t.name());
                float[] rounded = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    rounded[i] = TensorDtype.bf16ToFloat(TensorDtype.floatToBf16(v[i]));
                }
                expected.put(t.name(), rounded);
                w.add(t.name(), TensorDtype.BF16, t.shape(), v);
            }
        }
        w.write(bf.resolve("model.safetensors"));
        try (Checkpoint.Loaded l = Checkpoint.load(bf, Device.cpu())) {
            assertEquals(java.util.Set.of("BF16"), l.dtypes());
            for (Map.Entry<String, float[]> e : expected.entrySet()) {
                assertArrayEquals(e.getValue(), l.model().weights().get(e.getKey()).toFloatArray(), 0f, e.getKey());
            }
        }
    }

    @Test
    void shardedWeightsLoadLikeOneFile() throws IOException {
        Path src = micro("src");
        Path sh = dir.resolve("sharded");
        Files.createDirectories(sh);
        for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(src.resolve(f), sh.resolve(f));
        }
        JsonObject map = new JsonObject();
        try (SafetensorsReader r = SafetensorsReader.open(src.resolve("model.safetensors"))) {
            SafetensorsWriter a = new SafetensorsWriter();
            SafetensorsWriter b = new SafetensorsWriter();
            int i = 0;
            for (TensorInfo t : r.tensors()) {
                boolean first = i++ % 2 == 0;
                String shard = first ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
                (first ? a : b).add(t.name(), TensorDtype.F16, t.shape(), r.readFloats(t.name()));
                map.addProperty(t.name(), shard);
            }
            a.write(sh.resolve("model-00001-of-00002.safetensors"));
            b.write(sh.resolve("model-00002-of-00002.safetensors"));
        }
        JsonObject index = new JsonObject();
        index.add("metadata", new JsonObject());
        index.add("weight_map", map);
        Files.writeString(sh.resolve("model.safetensors.index.json"), index.toString());
        try (Checkpoint.Loaded one = Checkpoint.load(src, Device.cpu());
             Checkpoint.Loaded two = Checkpoint.load(sh, Device.cpu())) {
            assertEquals(java.util.Set.of("F16"), two.dtypes());
            for (String name : one.model().weights().keySet()) {
                float[] x = one.model().weights().get(name).toFloatArray();
                float[] y = two.model().weights().get(name).toFloatArray();
                for (int k = 0; k < x.length; k++) {
                    assertEquals(TensorDtype.halfToFloat(TensorDtype.floatToHalf(x[k])), y[k], 0f, name);
                }
            }
        }
    }

    @Test
    void untiedHeadRoundTrips() {
        Qwen3Config c = new Qwen3Config(128, 32, 64, 1, 2, 1, 16, 1e-6, 10000, 64, false, "float32", 1, 2);
        Path folder = dir.resolve("untied");
        try (Qwen3Model m = Qwen3Model.random(c, Device.cpu(), 5); HfTokenizer t = HfTokenizer.embedded()) {
            Checkpoint.save(m, t, folder, Provenance.init(), null);
            try (Checkpoint.Loaded l = Checkpoint.load(folder, Device.cpu())) {
                assertFalse(l.model().config().tieEmbeddings());
                assertArrayEquals(m.weights().get("lm_head.weight").toFloatArray(),
                        l.model().weights().get("lm_head.weight").toFloatArray(), 0f);
            }
        }
    }

    @Test
    void missingTagsAreAddedWithMeanSubTokenEmbeddings() throws IOException {
        Path folder = micro("notags");
        // Rewrite the tokenizer without the eight tags (as an external Qwen tokenizer lacks them).
        JsonObject tok = JsonParser.parseString(Files.readString(folder.resolve("tokenizer.json"))).getAsJsonObject();
        var added = tok.getAsJsonArray("added_tokens");
        for (int i = added.size() - 1; i >= 0; i--) {
            if (NprTags.ALL.contains(added.get(i).getAsJsonObject().get("content").getAsString())) {
                added.remove(i);
            }
        }
        JsonObject vocab = tok.getAsJsonObject("model").getAsJsonObject("vocab");
        for (String tag : NprTags.ALL) {
            vocab.remove(tag);
        }
        // Close the gap the tags leave (ids 0..n-1, as a real tokenizer's vocabulary has them).
        Map<Integer, Integer> renumbered = new java.util.TreeMap<>();
        vocab.entrySet().forEach(v -> renumbered.put(v.getValue().getAsInt(), 0));
        int next = 0;
        for (Map.Entry<Integer, Integer> r : renumbered.entrySet()) {
            r.setValue(next++);
        }
        vocab.entrySet().forEach(v -> v.setValue(new com.google.gson.JsonPrimitive(renumbered.get(v.getValue().getAsInt()))));
        added.forEach(a -> a.getAsJsonObject().addProperty("id", renumbered.get(a.getAsJsonObject().get("id").getAsInt())));
        Files.writeString(folder.resolve("tokenizer.json"), tok.toString(), StandardCharsets.UTF_8);
        try (Checkpoint.Loaded l = Checkpoint.load(folder, Device.cpu())) {
            assertEquals(8, l.initialisedTagIds().size());
            HfTokenizer t = l.tokenizer();
            int id = t.idOf("</plan>");
            assertTrue(id >= EmbeddedTokenizer.size() - 8, "a new id after the existing vocabulary");
            assertEquals(id, t.encode("</plan>")[0], "the id the tokenizer library gives it");
            assertEquals(1, t.encode("</plan>").length, "the tag is now one token");
            int h = l.model().config().hiddenSize();
            float[] e = l.model().weights().get("model.embed_tokens.weight").toFloatArray();
            int[] sub = t.encode("/plan");
            assertEquals(5, sub.length);
            for (int j = 0; j < h; j++) {
                float mean = 0;
                for (int s : sub) {
                    mean += e[s * h + j];
                }
                assertEquals(mean / sub.length, e[id * h + j], 1e-6f);
            }
            assertEquals(0, l.model().config().vocabSize() % 64);
        }
    }

    @Test
    void savingOverAnExistingCheckpointReplacesItWhole() {
        Path folder = micro("ck");
        try (Checkpoint.Loaded a = Checkpoint.load(folder, Device.cpu());
             Qwen3Model other = Qwen3Model.random(a.model().config(), Device.cpu(), 99)) {
            Checkpoint.save(other, a.tokenizer(), folder, Provenance.init(), folder);
            try (Checkpoint.Loaded b = Checkpoint.load(folder, Device.cpu())) {
                assertArrayEquals(other.weights().get("model.norm.weight").toFloatArray(),
                        b.model().weights().get("model.norm.weight").toFloatArray(), 0f);
                assertNotEquals(a.model().weights().get("model.embed_tokens.weight").getFloat(0, 0),
                        b.model().weights().get("model.embed_tokens.weight").getFloat(0, 0));
            }
        }
        try (var s = Files.list(dir)) {
            assertEquals(List.of("ck"), s.map(p -> p.getFileName().toString()).toList(), "no temporary folders left");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ---- bad input: each ends in one BadInputException naming the file and the problem ----

    private BadInputException bad(Path folder) {
        return assertThrows(BadInputException.class, () -> Checkpoint.load(folder, Device.cpu()));
    }

    @Test
    void missingFolder() {
        BadInputException e = bad(dir.resolve("nope"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("no such checkpoint folder"), e.getMessage());
    }

    @Test
    void aFileInsteadOfAFolder() throws IOException {
        Path f = Files.writeString(dir.resolve("file.txt"), "x");
        assertTrue(bad(f).getMessage().contains("not a checkpoint folder"));
    }

    @Test
    void missingConfig() throws IOException {
        Path folder = micro("ck");
        Files.delete(folder.resolve("config.json"));
        BadInputException e = bad(folder);
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void unsupportedModelType() throws IOException {
        Path folder = micro("ck");
        Path cfg = folder.resolve("config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"qwen3\"", "\"llama\""));
        BadInputException e = bad(folder);
        assertTrue(e.getMessage().contains("unsupported model_type 'llama'"), e.getMessage());
    }

    @Test
    void corruptSafetensorsHeader() throws IOException {
        Path folder = micro("ck");
        Path st = folder.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(st);
        bytes[8] = '#'; // the JSON header now starts with garbage
        Files.write(st, bytes);
        BadInputException e = bad(folder);
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    @Test
    void truncatedSafetensors() throws IOException {
        Path folder = micro("ck");
        Path st = folder.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(st);
        Files.write(st, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        BadInputException e = bad(folder);
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    @Test
    void tensorWithAWrongNameAndAMissingTensor() throws IOException {
        Path folder = micro("ck");
        rewriteWeights(folder, "model.norm.weight", "model.final_norm.weight", null);
        BadInputException e = bad(folder);
        assertTrue(e.getMessage().contains("model.norm.weight") && e.getMessage().contains("model.final_norm.weight"),
                e.getMessage());
    }

    @Test
    void tensorWithAWrongShape() throws IOException {
        Path folder = micro("ck");
        rewriteWeights(folder, "model.norm.weight", "model.norm.weight", new long[] {7});
        BadInputException e = bad(folder);
        assertTrue(e.getMessage().contains("model.norm.weight") && e.getMessage().contains("shape"), e.getMessage());
    }

    @Test
    void tokenizerThatDoesNotParse() throws IOException {
        Path folder = micro("ck");
        Files.writeString(folder.resolve("tokenizer.json"), "{\"model\": [unclosed");
        BadInputException e = bad(folder);
        assertTrue(e.getMessage().contains("tokenizer.json") && e.getMessage().contains("JSON"), e.getMessage());
    }

    @Test
    void tokenizerWithMoreIdsThanTheModelHasRows() {
        Path folder = dir.resolve("small-vocab");
        Qwen3Config c = new Qwen3Config(64, 32, 64, 1, 2, 1, 16, 1e-6, 10000, 64, true, "float32", 1, 2);
        try (Qwen3Model m = Qwen3Model.random(c, Device.cpu(), 5); HfTokenizer t = HfTokenizer.embedded()) {
            Checkpoint.save(m, t, folder, Provenance.init(), null);
        }
        BadInputException e = bad(folder);
        assertTrue(e.getMessage().contains("tokenizer.json: has ids up to " + (EmbeddedTokenizer.size() - 1))
                && e.getMessage().contains("vocab_size is 64"), e.getMessage());
        assertThrows(BadInputException.class, () -> Checkpoint.inspect(folder));
    }

    @Test
    void savingIntoAForeignFolderIsRefused() throws IOException {
        Path foreign = dir.resolve("docs");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        try (Qwen3Model m = Qwen3Model.random(Qwen3Config.preset("micro", 128), Device.cpu(), 1);
             HfTokenizer t = HfTokenizer.embedded()) {
            assertThrows(BadInputException.class, () -> Checkpoint.save(m, t, foreign, Provenance.init(), null));
        }
        assertEquals("precious", Files.readString(foreign.resolve("thesis.tex")));
    }

    /** Rewrites model.safetensors with one tensor renamed and/or given another shape. */
    private static void rewriteWeights(Path folder, String from, String to, long[] shape) throws IOException {
        Path st = folder.resolve("model.safetensors");
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsReader r = SafetensorsReader.open(st)) {
            for (TensorInfo t : r.tensors()) {
                float[] v = r.readFloats(t.name());
                if (t.name().equals(from)) {
                    long[] s = shape == null ? t.shape() : shape;
                    w.add(to, TensorDtype.F32, s, java.util.Arrays.copyOf(v, (int) java.util.Arrays.stream(s).reduce(1, (x, y) -> x * y)));
                } else {
                    w.add(t.name(), TensorDtype.F32, t.shape(), v);
                }
            }
        }
        w.write(st);
    }
}
