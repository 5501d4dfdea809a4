package org.nprworkbench.engine.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * How a user message becomes the prompt text a model reads. Qwen models carry a ChatML chat template
 * in {@code tokenizer_config.json}; we render it directly rather than running Jinja: one user turn,
 * then the assistant header, and for Qwen3 hybrid-thinking templates (those mentioning
 * {@code enable_thinking}) the empty think block that {@code enable_thinking=False} produces, as the
 * paper evaluates with thinking off. Models without a chat template (the embedded default) read
 * {@code <bos>MESSAGE<sep>}.
 */
public enum PromptFormat {
    /** {@code <bos>message<sep>}: the embedded default. */
    PLAIN,
    /** ChatML: {@code <|im_start|>user\nmessage<|im_end|>\n<|im_start|>assistant\n}. */
    CHATML,
    /** ChatML followed by {@code <think>\n\n</think>\n\n} (Qwen3 with thinking disabled). */
    CHATML_NO_THINK;

    /** The prompt text for one user message. */
    public String render(String userMessage) {
        return switch (this) {
            case PLAIN -> EmbeddedTokenizer.BOS + userMessage + EmbeddedTokenizer.SEP;
            case CHATML -> chatMl(userMessage);
            case CHATML_NO_THINK -> chatMl(userMessage) + "<think>\n\n</think>\n\n";
        };
    }

    private static String chatMl(String userMessage) {
        return "<|im_start|>user\n" + userMessage + "<|im_end|>\n<|im_start|>assistant\n";
    }

    private static PromptFormat ofTemplate(String template) {
        if (!template.contains("<|im_start|>")) {
            return PLAIN;
        }
        return template.contains("enable_thinking") ? CHATML_NO_THINK : CHATML;
    }

    /** The format declared by a model folder's {@code tokenizer_config.json} (PLAIN when absent). */
    public static PromptFormat of(Path modelFolder) {
        Path jinja = modelFolder.resolve("chat_template.jinja"); // newer transformers keep the template here
        if (Files.isRegularFile(jinja)) {
            try {
                return ofTemplate(Files.readString(jinja, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw BadInputException.inFile(jinja, "cannot read: " + e.getMessage());
            }
        }
        Path file = modelFolder.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(file)) {
            return PLAIN;
        }
        try {
            JsonObject o = JsonInput.parseObject(Files.readString(file, StandardCharsets.UTF_8), file.toString(),
                    "fix the file or copy the model's original tokenizer_config.json");
            JsonElement t = o.get("chat_template");
            return ofTemplate(t == null || t.isJsonNull() ? "" : t.toString());
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage());
        }
    }
}
