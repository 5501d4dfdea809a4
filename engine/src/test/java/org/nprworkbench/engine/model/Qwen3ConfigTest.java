package org.nprworkbench.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nprworkbench.engine.checkpoint.OfficialCheckpointFixture;
import org.nprworkbench.input.BadInputException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * {@code config.json} is checked field by field before anything else happens: each class of bad value
 * (missing, wrong type, fraction, out of bounds, inconsistent heads, odd head_dim, token id past the
 * vocabulary, an architecture variant the model does not compute, broken JSON) ends in one line naming
 * the file and the field. Real configurations, including newer transformers' spellings, are read exactly.
 */
class Qwen3ConfigTest {
    @TempDir
    Path dir;

    /** Qwen3-4B-Instruct-2507's config.json with 2 layers of width 256. */
    private static JsonObject base() {
        return JsonParser.parseString(OfficialCheckpointFixture.configJson()).getAsJsonObject();
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("config.json"), text);
    }

    private Path write(Consumer<JsonObject> edit) throws IOException {
        JsonObject o = base();
        edit.accept(o);
        return write(o.toString());
    }

    @Test
    void qwen3FourBInstructReadsExactly() throws IOException {
        Qwen3Config c = Qwen3Config.read(write(o -> {
            o.addProperty("hidden_size", 2560);
            o.addProperty("num_hidden_layers", 36);
        }));
        assertEquals(new Qwen3Config(151_936, 2560, 9728, 36, 32, 8, 128, 1e-6, 5_000_000, 262_144, true,
                "bfloat16", 151_643, 151_645), c);
        assertEquals(4_022_468_096L, c.parameterCount(), "Qwen3-4B: 4.02B parameters, the tied head counted once");
    }

    @Test
    void newerTransformersSpellingsAreRead() throws IOException {
        Qwen3Config c = Qwen3Config.read(write(o -> {
            o.remove("rope_theta");
            o.remove("rope_scaling");
            JsonObject rope = new JsonObject();
            rope.addProperty("rope_theta", 250_000);
            rope.addProperty("rope_type", "default");
            o.add("rope_parameters", rope);
            o.remove("torch_dtype");
            o.addProperty("dtype", "bfloat16");
            JsonArray eos = new JsonArray();
            eos.add(151_645);
            eos.add(151_643);
            o.add("eos_token_id", eos);
        }));
        assertEquals(250_000.0, c.ropeTheta());
        assertEquals("bfloat16", c.torchDtype());
        assertEquals(151_645, c.eosTokenId());
        JsonObject defaultScaling = new JsonObject();
        defaultScaling.addProperty("type", "default");
        assertEquals(5_000_000.0, Qwen3Config.read(write(o -> o.add("rope_scaling", defaultScaling))).ropeTheta());
        assertEquals(128, Qwen3Config.read(write(o -> o.addProperty("head_dim", 128.0))).headDim(), "128.0 is whole");
    }

    static Stream<Arguments> badValues() {
        JsonObject yarn = new JsonObject();
        yarn.addProperty("rope_type", "yarn");
        yarn.addProperty("factor", 4.0);
        return Stream.of(
                bad("missing", o -> o.remove("hidden_size"), "field \"hidden_size\" is missing"),
                bad("a word", o -> o.addProperty("hidden_size", "wide"),
                        "field \"hidden_size\" must be a whole number from 1 to 65536, found \"wide\""),
                bad("a fraction", o -> o.addProperty("intermediate_size", 2.5),
                        "field \"intermediate_size\" must be a whole number from 1 to 1048576, found 2.5"),
                bad("a list", o -> o.add("vocab_size", new JsonArray()),
                        "field \"vocab_size\" must be a whole number from 1 to 16777216, found []"),
                bad("too many layers", o -> o.addProperty("num_hidden_layers", 1_000_000),
                        "field \"num_hidden_layers\" must be a whole number from 1 to 1024, found 1000000"),
                bad("zero heads", o -> o.addProperty("num_attention_heads", 0),
                        "field \"num_attention_heads\" must be a whole number from 1 to 1024, found 0"),
                bad("more kv heads than heads", o -> o.addProperty("num_key_value_heads", 64),
                        "field \"num_key_value_heads\" must be a whole number from 1 to 32, found 64"),
                bad("kv heads not dividing", o -> o.addProperty("num_key_value_heads", 3),
                        "field \"num_key_value_heads\" (3) must divide num_attention_heads (32)"),
                bad("odd head_dim", o -> o.addProperty("head_dim", 127),
                        "field \"head_dim\" must be even (rotary embeddings rotate pairs), found 127"),
                bad("no head_dim to infer", o -> {
                    o.remove("head_dim");
                    o.addProperty("hidden_size", 100);
                }, "field \"head_dim\" is missing and hidden_size / num_attention_heads = 100 / 32"),
                bad("negative eps", o -> o.addProperty("rms_norm_eps", -1e-6),
                        "field \"rms_norm_eps\" must be a number greater than 0 and at most 1, found -1.0E-6"),
                bad("theta as text", o -> o.addProperty("rope_theta", "5e6"),
                        "field \"rope_theta\" must be a number greater than 0 and at most 1000000000000, found \"5e6\""),
                bad("huge context", o -> o.addProperty("max_position_embeddings", 1L << 40),
                        "field \"max_position_embeddings\" must be a whole number from 1 to 16777216, found 1099511627776"),
                bad("tie as text", o -> o.addProperty("tie_word_embeddings", "yes"),
                        "field \"tie_word_embeddings\" must be true or false, found \"yes\""),
                bad("eos past the vocabulary", o -> o.addProperty("eos_token_id", 151_936),
                        "field \"eos_token_id\" must be a token id from 0 to 151935"),
                bad("dtype as a number", o -> o.addProperty("torch_dtype", 16),
                        "field \"torch_dtype\" must be a string, found 16"),
                bad("another activation", o -> o.addProperty("hidden_act", "gelu"),
                        "field \"hidden_act\" is \"gelu\""),
                bad("attention biases", o -> o.addProperty("attention_bias", true),
                        "field \"attention_bias\" is true"),
                bad("sliding windows", o -> o.addProperty("use_sliding_window", true),
                        "field \"use_sliding_window\" is true"),
                bad("scaled rope", o -> o.add("rope_scaling", yarn),
                        "field \"rope_scaling\" asks for RoPE scaling of type 'yarn'"),
                bad("another model", o -> o.addProperty("model_type", "llama"), "unsupported model_type 'llama'"));
    }

    private static Arguments bad(String name, Consumer<JsonObject> edit, String message) {
        return Arguments.of(name, edit, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void eachBadValueIsOneLineNamingFileAndField(String name, Consumer<JsonObject> edit, String message)
            throws IOException {
        Path file = write(edit);
        BadInputException e = assertThrows(BadInputException.class, () -> Qwen3Config.read(file));
        assertTrue(e.getMessage().startsWith(file + ": " + message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void brokenJsonSaysWhereInOurWords() throws IOException {
        Path file = write(base().toString().replace(",\"hidden_act\"", ",,\"hidden_act\""));
        BadInputException e = assertThrows(BadInputException.class, () -> Qwen3Config.read(file));
        assertTrue(e.getMessage().startsWith(file + ": line 1, column "), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("setStrictness") || e.getMessage().contains("http")
                || e.getMessage().contains("\n"), e.getMessage());

        Path trailing = write(base() + " {}");
        assertTrue(assertThrows(BadInputException.class, () -> Qwen3Config.read(trailing)).getMessage()
                .contains("not valid JSON"));
        Path array = write("[1, 2]");
        assertEquals(array + ": expected a JSON object",
                assertThrows(BadInputException.class, () -> Qwen3Config.read(array)).getMessage());
        JsonObject nested = base();
        nested.add("vocab_size", new JsonPrimitive(1.5e300));
        Path huge = write(nested.toString());
        assertTrue(assertThrows(BadInputException.class, () -> Qwen3Config.read(huge)).getMessage()
                .contains("field \"vocab_size\" must be a whole number"));
    }
}
