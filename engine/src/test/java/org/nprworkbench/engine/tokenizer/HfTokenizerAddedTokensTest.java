package org.nprworkbench.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.nprworkbench.input.BadInputException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Added tokens get the ids the tokenizers library gives them, which are numbered after the model's
 * vocabulary: a file stating other ids is refused instead of silently shifting every special id.
 */
class HfTokenizerAddedTokensTest {
    /** The embedded tokenizer with one more added token, stated at {@code id}. */
    private static String withAddedToken(int id) {
        JsonObject root = JsonParser.parseString(EmbeddedTokenizer.json()).getAsJsonObject();
        JsonArray added = root.getAsJsonArray("added_tokens");
        added.add(EmbeddedTokenizer.addedToken(id, "<|im_end|>"));
        return root.toString();
    }

    @Test
    void anAddedTokenRightAfterTheVocabularyKeepsItsId() {
        try (HfTokenizer t = HfTokenizer.fromJson(withAddedToken(EmbeddedTokenizer.size()), Path.of("tokenizer.json"))) {
            assertEquals(EmbeddedTokenizer.size(), t.idOf("<|im_end|>"));
            assertEquals(EmbeddedTokenizer.size(), t.encode("x<|im_end|>")[1]);
        }
    }

    @Test
    void anAddedTokenStatedPastAGapIsRefused() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> HfTokenizer.fromJson(withAddedToken(151_645), Path.of("tokenizer.json")));
        assertTrue(e.getMessage().startsWith("tokenizer.json: added token '<|im_end|>' is listed with id 151645 but "
                + "the tokenizer gives it id " + EmbeddedTokenizer.size()), e.getMessage());
    }
}
