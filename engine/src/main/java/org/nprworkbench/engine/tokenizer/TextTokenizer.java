package org.nprworkbench.engine.tokenizer;

/**
 * The tokenizer contract the rest of the workbench uses: text to ids and back, with the NPR tags as
 * single tokens. Implemented over a Hugging Face {@code tokenizer.json}.
 */
public interface TextTokenizer extends AutoCloseable {
    /** Token ids of {@code text}, without bos/eos added. */
    int[] encode(String text);

    /** The text of {@code ids}, special tokens (tags included) kept verbatim. */
    String decode(int[] ids);

    /** The surface string of one token id, for display. */
    String tokenString(int id);

    /** Number of ids the tokenizer can produce (the model's vocabulary must be at least this). */
    int vocabSize();

    /** Ids of the tags and special tokens. */
    TagIds tags();

    @Override
    void close();
}
