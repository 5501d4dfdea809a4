package org.nprworkbench.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.input.BadInputException;

/** Which prompt format a model folder declares, and what each renders. */
class PromptFormatTest {
    @TempDir
    Path dir;

    @Test
    void detectsQwenTemplates() throws Exception {
        assertEquals(PromptFormat.PLAIN, PromptFormat.of(dir));
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"chat_template\": \"{% for m in messages %}<|im_start|>{{ m.role }}\\n{{ m.content }}<|im_end|>{% endfor %}\"}");
        assertEquals(PromptFormat.CHATML, PromptFormat.of(dir));
        Files.writeString(dir.resolve("chat_template.jinja"),
                "<|im_start|>... {%- if enable_thinking is defined and enable_thinking is false %}<think>\n\n</think>{% endif %}");
        assertEquals(PromptFormat.CHATML_NO_THINK, PromptFormat.of(dir), "the .jinja file wins");
    }

    @Test
    void renders() {
        assertEquals("<bos>2+2?<sep>", PromptFormat.PLAIN.render("2+2?"));
        assertEquals("<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n", PromptFormat.CHATML.render("2+2?"));
        assertEquals("<|im_start|>user\nq<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n",
                PromptFormat.CHATML_NO_THINK.render("q"));
    }

    @Test
    void brokenConfigIsBadInput() throws Exception {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{not json");
        assertThrows(BadInputException.class, () -> PromptFormat.of(dir));
    }
}
