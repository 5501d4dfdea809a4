package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.checkpoint.OfficialCheckpointFixture;
import org.nprworkbench.engine.checkpoint.QwenTokenizerFixture;
import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphJson;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.engine.tokenizer.HfTokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The command line on a folder shaped like the official NPR-4B ({@link OfficialCheckpointFixture}: Qwen3's
 * config with 2 layers of width 256, head_dim 128, 32/8 heads, 151,936-row tied embedding, BF16 shards,
 * byte-level BPE with Qwen's special tokens, ChatML template): {@code model info}, {@code model score},
 * {@code solve} with both engines and {@code graph} run on it. The solve checks hold whatever forced
 * layout and prompt text the checkpoint's format chooses: the prompt is one ChatML user turn holding the
 * problem, followed by the assistant header.
 */
class OfficialCheckpointCliTest {
    private static final String PROBLEM = "What is 12 * 7 + 5?";

    @TempDir
    static Path dir;
    private static Path ck;

    @BeforeAll
    static void write() {
        ck = OfficialCheckpointFixture.write(dir.resolve("NPR-4B"));
    }

    @Test
    void modelInfoDescribesTheOfficialShape() {
        CliRun r = CliRun.of("model", "info", ck.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Qwen3: 2 layers, hidden 256, MLP 9728, heads 32 q / 8 kv x 128, tied head"), r.out());
        assertTrue(r.out().contains("rope theta 5000000"), r.out());
        assertTrue(r.out().contains("BF16 in model-00001-of-00002.safetensors, model-00002-of-00002.safetensors"), r.out());
        assertTrue(r.out().contains("model 151936 rows, tokenizer 151677 ids"), r.out());
        assertTrue(r.out().contains("<guideline>=151669"), r.out());

        CliRun j = CliRun.of("model", "info", ck.toString(), "--json");
        assertEquals(0, j.status(), j.err());
        JsonObject o = JsonParser.parseString(j.out()).getAsJsonObject();
        assertEquals("BF16", o.getAsJsonArray("dtypes").get(0).getAsString());
        assertEquals(2, o.getAsJsonArray("weight_files").size());
        assertEquals(QwenTokenizerFixture.FIRST_TAG_ID + 4, o.getAsJsonObject("tag_ids").get("<step>").getAsInt());
        assertEquals(0, o.getAsJsonArray("tags_added_on_load").size());
    }

    @Test
    void modelScoreScoresEveryTokenAfterTheFirst() {
        String text = "<|im_start|>user\n" + PROBLEM + "<|im_end|>\n";
        CliRun r = CliRun.of("model", "score", ck.toString(), "--text", text, "--json");
        assertEquals(0, r.status(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(false, o.get("bos_prepended").getAsBoolean(), "Qwen has no bos token");
        JsonArray toks = o.getAsJsonArray("tokens");
        assertEquals(151_644, toks.get(0).getAsJsonObject().get("id").getAsInt(), "<|im_start|>");
        assertTrue(!toks.get(0).getAsJsonObject().has("logprob"), "the first token has no context");
        assertEquals(151_645, toks.get(toks.size() - 2).getAsJsonObject().get("id").getAsInt(), "<|im_end|>");
        assertTrue(toks.size() < text.length(), "byte-level BPE merges: " + toks.size() + " tokens");
        double sum = 0;
        for (int i = 1; i < toks.size(); i++) {
            double lp = toks.get(i).getAsJsonObject().get("logprob").getAsDouble();
            assertTrue(lp < 0 && lp > -30, "token " + i + ": " + lp);
            sum += lp;
        }
        assertEquals(sum, o.get("total_logprob").getAsDouble(), 1e-6);
        assertEquals(toks.size() - 1, o.get("scored_tokens").getAsInt());
    }

    @Test
    void solveRunsBothEnginesOnAChatMlPrompt() {
        for (String engine : new String[] {"parallel", "sequential"}) {
            CliRun r = CliRun.of("solve", "--checkpoint", ck.toString(), "--engine", engine, "--max-tokens", "16",
                    "--seed", "3", "--json", PROBLEM);
            assertEquals(0, r.status(), engine + ": " + r.err());
            ExecutionGraph g = GraphJson.read(r.out(), "stdout");
            assertEquals(ExecutionGraph.SCHEMA, g.schema());
            assertEquals("engine:" + engine, g.origin());
            assertTrue(g.totalTokens() >= 1 && g.totalTokens() <= 17,
                    "T " + g.totalTokens() + " (the budget, plus the token that crossed it)");
            GraphNode prompt = g.nodes().get(0);
            assertEquals(NodeKind.PROMPT, prompt.kind());
            assertEquals(g.promptLength(), prompt.tokens().length);
            assertEquals(151_644, prompt.tokens()[0], "the prompt opens with <|im_start|>");
            assertTrue(prompt.text().startsWith("<|im_start|>user\n"), prompt.text());
            assertTrue(prompt.text().contains(PROBLEM), "the user turn holds the problem: " + prompt.text());
            assertTrue(prompt.text().contains("<|im_end|>\n<|im_start|>assistant\n"), prompt.text());
            assertEquals(1, prompt.text().split("<\\|im_start\\|>user", -1).length - 1, "one user turn");
            assertTrue(Arrays.stream(prompt.tokens()).filter(t -> t == 151_645).count() >= 1, "<|im_end|> closes the turn");
        }
    }

    @Test
    void graphCountsTokensWithTheCheckpointsTokenizer() throws IOException {
        String trace = "<guideline>\n<plan>1: Multiply 12 by 7.</plan>\n<plan>2: Add 5 to the product.</plan>\n"
                + "</guideline>\n<step>\n1: 12 * 7 = 84.</step>\n<step>\n2: The product plus 5 is 89.</step>\n"
                + "<takeaway>\nThe answer is 89.</takeaway>\nThe answer is \\boxed{89}.";
        Path file = Files.writeString(dir.resolve("trace.txt"), trace);
        CliRun r = CliRun.of("graph", file.toString(), "--tokenizer", ck.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("1 trace, 1 structurally valid"), r.out());

        CliRun j = CliRun.of("graph", file.toString(), "--tokenizer", ck.toString(), "--json");
        assertEquals(0, j.status(), j.err());
        ExecutionGraph g = GraphJson.read(j.out().strip(), "stdout");
        assertTrue(g.valid());
        assertEquals(1, g.blocks());
        assertEquals(2, g.branchesPerBlock()[0]);
        assertEquals("89", g.answer());
        try (HfTokenizer tok = HfTokenizer.load(ck)) {
            assertEquals(tok.encode(trace).length, g.totalTokens(), "T counts the checkpoint's BPE tokens");
        }
        ExecutionGraph chars = GraphJson.read(CliRun.of("graph", file.toString(), "--json").out().strip(), "stdout");
        assertTrue(g.totalTokens() < chars.totalTokens(),
                "fewer tokens than the default character-level count");
    }
}
