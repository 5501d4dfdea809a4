package org.nprworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import picocli.CommandLine;

/** The model verbs as a user runs them: output, JSON, exit statuses, and bad input. */
class ModelCommandTest {
    @TempDir
    Path dir;

    private Path init() {
        Path ck = dir.resolve("ck");
        CliRun r = CliRun.of("model", "init", "--size", "micro", "--out", ck.toString(), "--seed", "4");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("parameters"), r.out());
        return ck;
    }

    @Test
    void infoReportsConfigurationDtypesAndTags() {
        Path ck = init();
        CliRun r = CliRun.of("model", "info", ck.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Qwen3: 2 layers, hidden 64"), r.out());
        assertTrue(r.out().contains("<guideline>=5"), r.out());
        JsonObject j = JsonParser.parseString(CliRun.of("model", "info", ck.toString(), "--json").out()).getAsJsonObject();
        assertEquals("F32", j.getAsJsonArray("dtypes").get(0).getAsString());
        assertEquals(10, j.getAsJsonObject("tag_ids").get("</step>").getAsInt());
        assertEquals("init", j.getAsJsonObject("provenance").get("stage").getAsString());
    }

    @Test
    void convertWritesBf16WeightsThatScoreAlmostAsBefore() throws Exception {
        Path ck = init();
        Path half = ck.resolveSibling("bf16");
        CliRun r = CliRun.of("model", "convert", ck.toString(), "--out", half.toString());
        assertEquals(0, r.status(), r.err());
        long f32 = java.nio.file.Files.size(ck.resolve("model.safetensors"));
        long bf16 = java.nio.file.Files.size(half.resolve("model.safetensors"));
        assertTrue(bf16 < 0.55 * f32, bf16 + " bytes against " + f32);
        JsonObject j = JsonParser.parseString(CliRun.of("model", "info", half.toString(), "--json").out()).getAsJsonObject();
        assertEquals("BF16", j.getAsJsonArray("dtypes").get(0).getAsString());
        assertEquals("init", j.getAsJsonObject("provenance").get("stage").getAsString(), "provenance kept");
        double a = total(CliRun.of("model", "score", ck.toString(), "--text", "1: 7*8=56", "--json"));
        double b = total(CliRun.of("model", "score", half.toString(), "--text", "1: 7*8=56", "--json"));
        assertEquals(a, b, 0.05 * Math.abs(a), "BF16 rounding moves the log-probability a little");
        assertEquals(2, CliRun.of("model", "convert", ck.toString(), "--out", half.toString()).status(), "no silent overwrite");
        assertEquals(2, CliRun.of("model", "convert", ck.toString(), "--out", ck.resolveSibling("x").toString(),
                "--dtype", "int4").status());
    }

    private static double total(CliRun r) {
        assertEquals(0, r.status(), r.err());
        double sum = 0;
        for (JsonElement t : JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("tokens")) {
            sum += t.getAsJsonObject().get("logprob").getAsDouble();
        }
        return sum;
    }

    @Test
    void scoreJsonListsEveryTokenWithItsLogProb() {
        Path ck = init();
        CliRun r = CliRun.of("model", "score", ck.toString(), "--text", "<step>1: 7*8</step>", "--json");
        assertEquals(0, r.status(), r.err());
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonArray toks = j.getAsJsonArray("tokens");
        assertEquals(8, toks.size(), "two tags as single tokens plus the 6 characters of \"1: 7*8\"");
        assertEquals("<step>", toks.get(0).getAsJsonObject().get("token").getAsString());
        double sum = 0;
        for (JsonElement t : toks) {
            double lp = t.getAsJsonObject().get("logprob").getAsDouble();
            assertTrue(lp < 0, "a log-probability");
            sum += lp;
        }
        assertEquals(sum, j.get("total_logprob").getAsDouble(), 1e-6);
    }

    @Test
    void generateRepeatsExactlyWithTheSameSeed() {
        Path ck = init();
        String[] a = {"model", "generate", ck.toString(), "--prompt", "2+2?", "--max-tokens", "24", "--seed", "9"};
        CliRun one = CliRun.of(a);
        CliRun two = CliRun.of(a);
        assertEquals(0, one.status(), one.err());
        assertEquals(one.out(), two.out());
        a[a.length - 1] = "10";
        assertNotEquals(one.out(), CliRun.of(a).out(), "another seed samples another text");
    }

    @Test
    void badInputEndsWithOneMessageAndStatus2() throws Exception {
        CliRun missing = CliRun.of("model", "info", dir.resolve("nothing").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().startsWith("npr: ") && missing.err().contains("nothing"), missing.err());
        assertFalse(missing.err().contains("\tat "), "no stack trace");

        Path ck = init();
        Path cfg = ck.resolve("config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"qwen3\"", "\"mistral\""));
        CliRun wrongType = CliRun.of("model", "score", ck.toString(), "--text", "hi");
        assertEquals(2, wrongType.status());
        assertTrue(wrongType.err().contains("unsupported model_type 'mistral'"), wrongType.err());
        assertEquals(1, wrongType.err().strip().lines().count(), "one line: " + wrongType.err());

        CliRun unknownSize = CliRun.of("model", "init", "--size", "huge", "--out", dir.resolve("x").toString());
        assertEquals(2, unknownSize.status());
        assertTrue(unknownSize.err().contains("unknown model size 'huge'"), unknownSize.err());

        CliRun unknownOption = CliRun.of("model", "info", "--frobnicate");
        assertEquals(2, unknownOption.status());
    }

    @Test
    void everyVerbHasHelp() {
        List<String[]> paths = new ArrayList<>();
        collect(NprCommand.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 6, "verbs found: " + paths.size());
        for (String[] p : paths) {
            String[] args = java.util.Arrays.copyOf(p, p.length + 1);
            args[p.length] = "--help";
            CliRun r = CliRun.of(args);
            assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: npr"), String.join(" ", args));
        }
    }

    private static void collect(CommandLine cl, List<String> prefix, List<String[]> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey());
            out.add(p.toArray(String[]::new));
            collect(e.getValue(), p, out);
        }
    }
}
