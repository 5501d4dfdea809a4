package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nprworkbench.app.service.GenerateService;
import org.nprworkbench.app.service.ModelService;

import com.google.gson.JsonParser;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code npr model ...}: create, inspect, score and sample checkpoints. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Create, inspect, score and sample model checkpoints (Hugging Face folders).",
        subcommands = {ModelCommand.Init.class, ModelCommand.Convert.class, ModelCommand.Info.class, ModelCommand.Score.class,
                ModelCommand.Generate.class})
final class ModelCommand {
    /** {@code npr model init}. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Write a fresh, randomly initialised checkpoint of the embedded default architecture.")
    static final class Init implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--size", defaultValue = "tiny",
                description = "micro (tests), tiny (the embedded default: 4 layers, width 256), or small. Default: ${DEFAULT-VALUE}.")
        String size;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Checkpoint folder to create.")
        Path out;

        @Option(names = "--seed", defaultValue = "0", description = "Initialisation seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--force", description = "Replace a checkpoint already in --out.")
        boolean force;

        @Override
        public void run() {
            ModelService.Created c = new ModelService().init(size, out, seed, force);
            ModelService.Architecture k = c.architecture();
            spec.commandLine().getOut().printf("wrote %s: %s model, %,d parameters (%d layers, width %d, vocab %d)%n",
                    out, size, k.parameters(), k.layers(), k.hiddenSize(), k.vocabSize());
        }
    }

    /** {@code npr model convert}. */
    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Copy a checkpoint with its weights stored as BF16 (half the size) or F32.")
    static final class Convert implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CK", description = "Checkpoint folder or catalogue name.")
        String checkpoint;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Checkpoint folder to write.")
        Path out;

        @Option(names = "--dtype", defaultValue = "bf16", description = "bf16 or f32. Default: ${DEFAULT-VALUE}.")
        String dtype;

        @Option(names = "--force", description = "Replace a checkpoint already in --out.")
        boolean force;

        @Override
        public void run() {
            long bytes = new ModelService().convert(CheckpointNames.resolve(spec, checkpoint), out, dtype, force);
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "wrote %s: weights as %s, %.1f MB%n", out,
                    dtype.toUpperCase(java.util.Locale.ROOT), bytes / 1e6);
        }
    }

    /** {@code npr model info}. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Configuration, parameter count, dtypes, vocabulary and tag ids of a checkpoint (reads headers only).")
    static final class Info implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR|NAME", description = "Checkpoint folder, or a name from `npr checkpoints`.")
        String dir;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            ModelService.Info i = new ModelService().info(CheckpointNames.resolve(spec, dir));
            ModelService.Architecture c = i.architecture();
            Map<String, Integer> tags = i.tagIds();
            Map<String, Integer> t = i.specialIds();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("folder", i.folder().toString());
                m.put("config", JsonParser.parseString(c.configJson()));
                m.put("parameters", c.parameters());
                m.put("stored_parameters", i.storedParameters());
                m.put("tensors", i.tensors());
                m.put("dtypes", i.dtypes());
                m.put("weight_files", i.weightFiles());
                m.put("tokenizer_vocab", i.tokenizerVocab());
                m.put("tag_ids", tags);
                m.put("tags_added_on_load", i.tagsAddedOnLoad());
                m.put("special_ids", t);
                m.put("prompt_format", i.promptFormat());
                m.put("provenance", i.provenance());
                out.println(CliJson.PRETTY.toJson(m));
                return;
            }
            out.printf("checkpoint    %s%n", i.folder());
            out.printf("architecture  Qwen3: %d layers, hidden %d, MLP %d, heads %d q / %d kv x %d, %s head%n",
                    c.layers(), c.hiddenSize(), c.intermediateSize(), c.heads(), c.kvHeads(), c.headDim(),
                    c.tiedEmbeddings() ? "tied" : "untied");
            out.printf("context       %d positions, rope theta %.0f, rms eps %.0e%n", c.maxPositions(), c.ropeTheta(), c.rmsNormEps());
            out.printf("parameters    %,d (%,d stored in %d tensors)%n", c.parameters(), i.storedParameters(), i.tensors());
            out.printf("dtypes        %s in %s (loaded as F32)%n", String.join(", ", i.dtypes()), String.join(", ", i.weightFiles()));
            out.printf("vocabulary    model %d rows, tokenizer %d ids%n", c.vocabSize(), i.tokenizerVocab());
            List<String> tl = new ArrayList<>();
            tags.forEach((k, v) -> tl.add(k + "=" + v));
            out.printf("tag ids       %s%s%n", String.join(" ", tl),
                    i.tagsAddedOnLoad().isEmpty() ? "" : "  (not in tokenizer.json: added on load with mean sub-token embeddings)");
            out.printf("special ids   bos=%d eos=%d pad=%d prompt-end=%d%n", t.get("bos"), t.get("eos"), t.get("pad"), t.get("prompt_end"));
            out.printf("prompt format %s%n", i.promptFormat());
            out.printf("provenance    stage %s%s%s%n", i.provenance().stage(),
                    i.provenance().parent() == null ? "" : ", parent " + i.provenance().parent(),
                    i.provenance().run() == null ? "" : ", run " + i.provenance().run() + " step " + i.provenance().step());
        }
    }

    /** {@code npr model score}. */
    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Per-token log-probabilities of a text under the model (causal attention, positions 0..n-1).")
    static final class Score implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR|NAME", description = "Checkpoint folder, or a name from `npr checkpoints`.")
        String dir;

        @Option(names = "--text", required = true, description = "The text to score (tags allowed).")
        String text;

        @Option(names = "--json", description = "Print JSON: token ids, token strings and log-probs in order.")
        boolean json;

        @Mixin
        DeviceOption device;

        @Override
        public void run() {
            ModelService.Scores r = new ModelService().score(CheckpointNames.resolve(spec, dir), text, device.choice());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> toks = new ArrayList<>();
                for (ModelService.TokenScore s : r.tokens()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", s.id());
                    m.put("token", s.token());
                    m.put("logprob", Double.isNaN(s.logProb()) ? null : s.logProb());
                    toks.add(m);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("checkpoint", r.checkpoint().toString());
                m.put("bos_prepended", r.bosPrepended());
                m.put("tokens", toks);
                m.put("total_logprob", r.totalLogProb());
                m.put("scored_tokens", r.scored());
                m.put("mean_nll", r.meanNll());
                out.println(CliJson.PRETTY.toJson(m));
                return;
            }
            out.printf("%5s %7s  %-12s %10s%n", "#", "id", "token", "log-prob");
            int k = 0;
            for (ModelService.TokenScore s : r.tokens()) {
                out.printf("%5d %7d  %-12s %10s%n", k++, s.id(), visible(s.token()),
                        Double.isNaN(s.logProb()) ? "-" : String.format("%.4f", s.logProb()));
            }
            out.printf("total %.4f over %d tokens, mean NLL %.4f nats/token%n", r.totalLogProb(), r.scored(), r.meanNll());
        }
    }

    /** {@code npr model generate}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Sample a continuation of a prompt with the sequential engine (the NPR engine is `npr solve`).")
    static final class Generate implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR|NAME", description = "Checkpoint folder, or a name from `npr checkpoints`.")
        String dir;

        @Option(names = "--prompt", required = true, description = "The user message (the model's prompt format is applied).")
        String prompt;

        @Option(names = "--raw", description = "Use the prompt text as is, without the prompt format.")
        boolean raw;

        @Option(names = "--max-tokens", defaultValue = "256", description = "Default: ${DEFAULT-VALUE}.")
        int maxTokens;

        @Option(names = "--temperature", defaultValue = "1.0", description = "0 = greedy. Default: ${DEFAULT-VALUE}.")
        double temperature;

        @Option(names = "--top-p", defaultValue = "0.7", description = "Default: ${DEFAULT-VALUE}.")
        double topP;

        @Option(names = "--top-k", defaultValue = "0", description = "0 = off. Default: ${DEFAULT-VALUE}.")
        int topK;

        @Option(names = "--repetition-penalty", defaultValue = "1.0", description = "Default: ${DEFAULT-VALUE}.")
        double repetitionPenalty;

        @Option(names = "--seed", defaultValue = "0", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Mixin
        DeviceOption device;

        @Override
        public void run() {
            OptionRange.atLeast("--max-tokens", maxTokens, 1);
            OptionRange.atLeast("--temperature", temperature, 0);
            OptionRange.aboveUpTo("--top-p", topP, 0, 1);
            OptionRange.atLeast("--top-k", topK, 0);
            OptionRange.above("--repetition-penalty", repetitionPenalty, 0);
            spec.commandLine().getOut().println(new GenerateService().generate(new GenerateService.Request(
                    CheckpointNames.resolve(spec, dir), prompt, raw, maxTokens, temperature, topP, topK, repetitionPenalty,
                    seed, device.choice())));
        }
    }

    static String visible(String token) {
        return token.replace("\n", "\\n").replace("\t", "\\t");
    }
}
