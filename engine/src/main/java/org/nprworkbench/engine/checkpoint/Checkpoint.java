package org.nprworkbench.engine.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.model.Qwen3Config;
import org.nprworkbench.engine.model.Qwen3Model;
import org.nprworkbench.engine.tokenizer.EmbeddedTokenizer;
import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.engine.tokenizer.HfTokenizer;
import org.nprworkbench.tags.NprTags;
import org.nprworkbench.engine.tokenizer.PromptFormat;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.input.BadInputException;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * Checkpoints are Hugging Face model folders: {@code config.json} (Qwen3 fields),
 * {@code model.safetensors} (or shards with {@code model.safetensors.index.json}) under Hugging Face
 * tensor names, {@code tokenizer.json}, {@code tokenizer_config.json}, {@code generation_config.json}
 * and our {@code npr.json} provenance. Loading goes tensor by tensor (F32, F16 and BF16 converted to
 * F32 in Java), so a large model is never held twice; saving writes a complete new folder beside the
 * old one and swaps it in, so an interrupted save never damages a good checkpoint.
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    /**
     * A loaded checkpoint: the model, its tokenizer and prompt format, and what the files held.
     *
     * @param dtypes         the tensor dtypes found in the weight files
     * @param initialisedTagIds ids of NPR tag rows this load added and initialised (empty normally)
     */
    public record Loaded(Path folder, Qwen3Model model, HfTokenizer tokenizer, PromptFormat promptFormat,
                         Provenance provenance, Set<String> dtypes, List<Integer> initialisedTagIds)
            implements AutoCloseable {
        /** The text the engine forces around branches for this model ({@link Provenance#forcedLayout(PromptFormat)}). */
        public ForcedLayout forcedLayout() {
            return provenance.forcedLayout(promptFormat);
        }

        @Override
        public void close() {
            model.close();
            tokenizer.close();
        }
    }

    /**
     * What a checkpoint folder holds, read from headers only (no weights are loaded).
     *
     * @param tensorCount   tensors in the weight files
     * @param storedParameters elements over all tensors in the files
     * @param dtypes        the tensor dtypes found
     * @param weightFiles   the safetensors files
     */
    public record Inspection(Path folder, Qwen3Config config, Provenance provenance, PromptFormat promptFormat,
                             int tokenizerVocab, TagIds tags,
                             List<Integer> tagsMissingFromTokenizer, int tensorCount, long storedParameters,
                             Set<String> dtypes, List<String> weightFiles) {
        /** The text the engine forces around branches for this model ({@link Provenance#forcedLayout(PromptFormat)}). */
        public ForcedLayout forcedLayout() {
            return provenance.forcedLayout(promptFormat);
        }
    }

    /** Checks a folder as {@link #load} would, reading only headers; every problem is a {@link BadInputException}. */
    public static Inspection inspect(Path folder) {
        DjlBootstrap.init();
        requireFolder(folder);
        Qwen3Config config = Qwen3Config.read(folder.resolve("config.json"));
        Provenance provenance = Provenance.read(folder);
        PromptFormat format = PromptFormat.of(folder);
        try (HfTokenizer tokenizer = HfTokenizer.load(folder);
             SafetensorsWeights weights = SafetensorsWeights.openFolder(folder)) {
            checkNames(folder, Qwen3Model.expectedShapes(config), weights, config);
            checkVocabulary(folder, config, tokenizer);
            Set<String> dtypes = new TreeSet<>();
            Set<String> files = new TreeSet<>();
            long elements = 0;
            for (TensorInfo t : weights.tensors()) {
                dtypes.add(t.dtype().name());
                files.add(weights.fileOf(t.name()).getFileName().toString());
                elements += t.elementCount();
            }
            return new Inspection(folder, config, provenance, format, tokenizer.vocabSize(), tokenizer.tags(),
                    tokenizer.addedTagIds(), weights.tensors().size(), elements, dtypes, List.copyOf(files));
        }
    }

    private static void requireFolder(Path folder) {
        if (!Files.exists(folder)) {
            throw BadInputException.inFile(folder, "no such checkpoint folder: check the path");
        }
        if (!Files.isDirectory(folder)) {
            throw BadInputException.inFile(folder, "is a file, not a checkpoint folder: pass the folder "
                    + "that holds config.json, model.safetensors and tokenizer.json");
        }
    }

    /** A freshly initialised embedded-default model with its tokenizer, not saved anywhere (folder null). */
    public static Loaded fresh(String size, Device device, long seed) {
        DjlBootstrap.init();
        Qwen3Config config = Qwen3Config.preset(size, roundUp(EmbeddedTokenizer.size(), 64));
        return new Loaded(null, Qwen3Model.random(config, device, seed), HfTokenizer.embedded(), PromptFormat.PLAIN,
                Provenance.init(), Set.of("F32"), List.of());
    }

    /** Creates, saves and returns a freshly initialised embedded-default checkpoint. */
    public static Loaded init(String size, Path folder, long seed, Device device) {
        DjlBootstrap.init();
        Qwen3Config config = Qwen3Config.preset(size, roundUp(EmbeddedTokenizer.size(), 64));
        HfTokenizer tokenizer = HfTokenizer.embedded();
        Qwen3Model model = Qwen3Model.random(config, device, seed);
        save(model, tokenizer, folder, Provenance.init(), null);
        return new Loaded(folder, model, tokenizer, PromptFormat.PLAIN, Provenance.init(), Set.of("F32"), List.of());
    }

    /** Loads a checkpoint folder onto {@code device}. Every problem is a {@link BadInputException}. */
    public static Loaded load(Path folder, Device device) {
        DjlBootstrap.init();
        requireFolder(folder);
        Qwen3Config config = Qwen3Config.read(folder.resolve("config.json"));
        Provenance provenance = Provenance.read(folder);
        PromptFormat format = PromptFormat.of(folder);
        HfTokenizer tokenizer = HfTokenizer.load(folder);
        try (SafetensorsWeights weights = SafetensorsWeights.openFolder(folder)) {
            return load(folder, config, tokenizer, weights, device, format, provenance);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static Loaded load(Path folder, Qwen3Config fileConfig, HfTokenizer tokenizer,
                               SafetensorsWeights weights, Device device, PromptFormat format,
                               Provenance provenance) {
        Map<String, Shape> expected = Qwen3Model.expectedShapes(fileConfig);
        checkNames(folder, expected, weights, fileConfig);
        checkVocabulary(folder, fileConfig, tokenizer);

        // Tag rows: ids the tokenizer had to add get the mean embedding of their name's sub-tokens.
        List<Integer> added = tokenizer.addedTagIds();
        int vocab = Math.max(fileConfig.vocabSize(),
                added.isEmpty() ? 0 : roundUp(tokenizer.vocabSize(), 64));
        Qwen3Config config = fileConfig.withVocabSize(vocab);

        Set<String> dtypes = new TreeSet<>();
        long largest = 0;
        for (String name : expected.keySet()) {
            TensorInfo info = weights.tensor(name);
            dtypes.add(info.dtype().name());
            largest = Math.max(largest, info.elementCount() * Float.BYTES);
        }
        NDManager manager = NDManager.newBaseManager(device);
        try {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            ByteBuffer staging = largest <= Integer.MAX_VALUE - 16
                    ? ByteBuffer.allocateDirect((int) largest).order(ByteOrder.LITTLE_ENDIAN) : null;
            for (Map.Entry<String, Shape> e : expected.entrySet()) {
                String name = e.getKey();
                NDArray a;
                if ((name.equals("model.embed_tokens.weight") || name.equals("lm_head.weight"))
                        && (vocab != fileConfig.vocabSize() || !added.isEmpty())) {
                    float[] rows = resizedEmbedding(weights.readFloats(name), fileConfig, vocab, added, tokenizer);
                    a = manager.create(rows, new Shape(vocab, config.hiddenSize()));
                } else {
                    if (staging == null) {
                        throw BadInputException.inFile(weights.fileOf(name), "tensor '" + name
                                + "' is larger than 2 GB in F32 and cannot be staged");
                    }
                    staging.clear();
                    weights.readF32(name, staging);
                    staging.flip();
                    try (NDArray view = manager.create(staging, e.getValue(), DataType.FLOAT32)) {
                        a = view.duplicate(); // own the memory; the staging buffer is reused
                    }
                }
                a.setName(name);
                arrays.put(name, a);
            }
            return new Loaded(folder, new Qwen3Model(config, manager, arrays), tokenizer, format, provenance,
                    dtypes, added);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static void checkNames(Path folder, Map<String, Shape> expected, SafetensorsWeights weights,
                                   Qwen3Config config) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            var info = weights.find(e.getKey());
            if (info.isEmpty()) {
                missing.add(e.getKey() + " " + e.getValue());
                continue;
            }
            long[] found = info.get().shape();
            if (!new Shape(found).equals(e.getValue())) {
                throw BadInputException.inFile(weights.fileOf(e.getKey()), "tensor '" + e.getKey()
                        + "' has shape " + info.get().shapeText() + " but config.json implies " + e.getValue()
                        + ": the weights do not match " + folder.resolve("config.json"));
            }
            if (!info.get().dtype().isFloatingPoint()) {
                throw BadInputException.inFile(weights.fileOf(e.getKey()), "tensor '" + e.getKey()
                        + "' has dtype " + info.get().dtype() + "; weights must be F32, F16 or BF16");
            }
        }
        if (!missing.isEmpty()) {
            List<String> unexpected = weights.tensors().stream().map(TensorInfo::name)
                    .filter(n -> !expected.containsKey(n) && !(config.tieEmbeddings() && n.equals("lm_head.weight")))
                    .limit(5).toList();
            throw new BadInputException(folder + ": the weights lack " + missing.size() + " tensor(s) a Qwen3 model"
                    + " needs, first " + missing.get(0)
                    + (unexpected.isEmpty() ? "" : "; tensors with unexpected names: " + String.join(", ", unexpected))
                    + ". Is this a Qwen3 checkpoint saved with Hugging Face tensor names?");
        }
    }

    /** Every id the tokenizer file can produce needs a row of the embedding (tags it lacks are added on load). */
    private static void checkVocabulary(Path folder, Qwen3Config config, HfTokenizer tokenizer) {
        int fileIds = tokenizer.vocabSize() - tokenizer.addedTagIds().size();
        if (fileIds > config.vocabSize()) {
            throw BadInputException.inFile(folder.resolve("tokenizer.json"), "has ids up to " + (fileIds - 1)
                    + " but config.json's vocab_size is " + config.vocabSize()
                    + ": the tokenizer does not belong to these weights");
        }
    }

    private static float[] resizedEmbedding(float[] old, Qwen3Config c, int vocab, List<Integer> added,
                                            HfTokenizer tokenizer) {
        int h = c.hiddenSize();
        float[] rows = new float[vocab * h];
        System.arraycopy(old, 0, rows, 0, Math.min(old.length, rows.length));
        for (int i = 0; i < added.size(); i++) {
            int id = added.get(i);
            String tag = NprTags.ALL.stream().filter(t -> tokenizer.idOf(t) == id).findFirst().orElseThrow();
            String name = tag.substring(1, tag.length() - 1); // "<guideline>" -> "guideline", "</plan>" -> "/plan"
            int[] sub = tokenizer.encode(name);
            float[] mean = new float[h];
            int n = 0;
            for (int s : sub) {
                if (s < c.vocabSize() && !added.contains(s)) {
                    for (int j = 0; j < h; j++) {
                        mean[j] += old[s * h + j];
                    }
                    n++;
                }
            }
            for (int j = 0; j < h && n > 0; j++) {
                rows[id * h + j] = mean[j] / n;
            }
        }
        return rows;
    }

    /**
     * Checks, before any work starts, that a checkpoint can be saved to {@code folder}: it is not a
     * file, not a folder of other things, holds no checkpoint unless {@code replace} (the command
     * line's {@code --force}), and its parent can be created and written (the save writes its temporary
     * folder there). Every problem is a {@link BadInputException} naming the path and the cause.
     */
    public static void requireWritable(Path folder, boolean replace) {
        Path target = checkTarget(folder);
        if (Files.isDirectory(target) && Files.exists(target.resolve("config.json")) && !replace) {
            throw BadInputException.inFile(target, "already holds a checkpoint; pass --force to replace it,"
                    + " or choose another output folder");
        }
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw BadInputException.inFile(parent, "cannot be created (" + reason(e)
                    + "); choose an output folder in a writable place");
        }
        try {
            Files.delete(Files.createTempDirectory(parent, "." + target.getFileName() + ".probe-"));
        } catch (IOException e) {
            throw BadInputException.inFile(parent, "is not writable (" + reason(e)
                    + "); choose an output folder in a writable place");
        }
    }

    /** The absolute target folder, refused when it is a file or a folder of something else. */
    private static Path checkTarget(Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        if (target.getParent() == null) {
            throw BadInputException.inFile(target, "is the file system root; choose an output folder");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw BadInputException.inFile(target, "exists and is a file; choose another output folder");
        }
        if (Files.isDirectory(target) && !isEmpty(target) && !Files.exists(target.resolve("config.json"))) {
            throw BadInputException.inFile(target, "exists and is not a checkpoint folder; choose another output folder");
        }
        return target;
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " is a file";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() == null ? f.getReason() : f.getFile() + ": " + f.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** {@code .NAME.saving-PID-NANOS} or {@code .NAME.old-PID-NANOS} (and the older form without the pid). */
    private static final java.util.regex.Pattern SAVE_LEFTOVER =
            java.util.regex.Pattern.compile("\\.(.+)\\.(saving|old)-(?:(\\d+)-)?(\\d+)");

    /**
     * Removes what saves killed mid-way (kill -9, power loss) left in {@code parent}: a
     * {@code .NAME.saving-*} folder is a partial or unconfirmed copy, never the only copy of a saved
     * checkpoint, and is deleted; a {@code .NAME.old-*} folder is the previous checkpoint, deleted once
     * NAME exists again, and moved back to NAME when a swap was interrupted between its two renames.
     * Leftovers of a save still running (its process alive) are left alone; anything that cannot be
     * removed stays for the next save.
     */
    static void cleanStaleSaves(Path parent) {
        List<Path> leftovers;
        try (Stream<Path> s = Files.list(parent)) {
            leftovers = s.filter(p -> SAVE_LEFTOVER.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> nanos(p)).reversed()).toList();
        } catch (IOException e) {
            return;
        }
        for (Path p : leftovers) {
            java.util.regex.Matcher m = SAVE_LEFTOVER.matcher(p.getFileName().toString());
            if (!m.matches() || !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (m.group(3) != null && ProcessHandle.of(Long.parseLong(m.group(3))).map(ProcessHandle::isAlive).orElse(false)) {
                continue; // a save in progress
            }
            Path name = parent.resolve(m.group(1));
            try {
                if (m.group(2).equals("old") && !Files.exists(name)) {
                    Files.move(p, name); // the swap was cut between its renames: put the last good copy back
                } else {
                    deleteTree(p);
                }
            } catch (IOException | RuntimeException e) {
                // left for the next save; the checkpoint being saved does not depend on it
            }
        }
    }

    private static long nanos(Path p) {
        java.util.regex.Matcher m = SAVE_LEFTOVER.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(4)) : 0;
    }

    /**
     * Saves a checkpoint folder: F32 weights under Hugging Face names, the tokenizer (with tags),
     * configs and {@code npr.json}. Written to a temporary folder and swapped in, replacing any
     * checkpoint there (callers that must not replace one check {@link #requireWritable} first).
     * Leftovers of saves killed earlier in the same parent folder are cleaned first
     * ({@link #cleanStaleSaves}). {@code sourceFolder} (may be null) supplies a
     * {@code tokenizer_config.json} to keep, e.g. a Qwen chat template.
     */
    public static void save(Qwen3Model model, HfTokenizer tokenizer, Path folder, Provenance provenance,
                            Path sourceFolder) {
        save(model, tokenizer, folder, provenance, sourceFolder, TensorDtype.F32);
    }

    /**
     * As {@link #save(Qwen3Model, HfTokenizer, Path, Provenance, Path)}, the weights stored as
     * {@code dtype}: F32, or BF16 (half the size, rounded to nearest even; {@code torch_dtype}
     * {@code bfloat16} in config.json). Loading converts either back to F32.
     */
    public static void save(Qwen3Model model, HfTokenizer tokenizer, Path folder, Provenance provenance,
                            Path sourceFolder, TensorDtype dtype) {
        if (dtype != TensorDtype.F32 && dtype != TensorDtype.BF16) {
            throw new IllegalArgumentException("weights are saved as F32 or BF16, not " + dtype);
        }
        Path target = checkTarget(folder);
        Path parent = target.getParent();
        if (Files.isDirectory(parent)) {
            cleanStaleSaves(parent);
        }
        String stamp = ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path temp = parent.resolve("." + target.getFileName() + ".saving-" + stamp);
        try {
            Files.createDirectories(temp);
            Qwen3Config c = model.config();
            if (dtype == TensorDtype.BF16) {
                c = c.withTorchDtype("bfloat16");
            } else if (!c.torchDtype().equals("float32")) {
                c = c.withTorchDtype("float32");
            }
            Files.writeString(temp.resolve("config.json"), c.toJson(), StandardCharsets.UTF_8);
            SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
            for (Map.Entry<String, NDArray> e : model.weights().entrySet()) {
                NDArray a = e.getValue();
                writer.add(e.getKey(), dtype, a.getShape().getShape(), a::toFloatArray);
            }
            writer.write(temp.resolve(SafetensorsWeights.SINGLE_FILE));
            Files.writeString(temp.resolve("tokenizer.json"), tokenizer.json(), StandardCharsets.UTF_8);
            Path tc = sourceFolder == null ? null : sourceFolder.resolve("tokenizer_config.json");
            if (tc != null && Files.isRegularFile(tc)) {
                Files.copy(tc, temp.resolve("tokenizer_config.json"));
            } else {
                Files.writeString(temp.resolve("tokenizer_config.json"), EmbeddedTokenizer.configJson());
            }
            Path chat = sourceFolder == null ? null : sourceFolder.resolve("chat_template.jinja");
            if (chat != null && Files.isRegularFile(chat)) {
                Files.copy(chat, temp.resolve("chat_template.jinja"));
            }
            Files.writeString(temp.resolve("generation_config.json"), generationConfig(tokenizer), StandardCharsets.UTF_8);
            Files.writeString(temp.resolve(Provenance.FILE), provenance.toJson(), StandardCharsets.UTF_8);

            Path old = null;
            if (Files.exists(target)) {
                old = parent.resolve("." + target.getFileName() + ".old-" + stamp);
                Files.move(target, old);
            }
            Files.move(temp, target);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            try {
                deleteTree(temp);
            } catch (IOException ignored) {
                // the temporary folder is left for the user to remove; the old checkpoint is intact
            }
            throw new UncheckedIOException("cannot save the checkpoint to " + target + ": " + e.getMessage(), e);
        }
    }

    private static String generationConfig(HfTokenizer tokenizer) {
        JsonObject g = new JsonObject();
        if (tokenizer.tags().bos() >= 0) {
            g.addProperty("bos_token_id", tokenizer.tags().bos());
        }
        g.addProperty("eos_token_id", tokenizer.tags().eos());
        if (tokenizer.tags().pad() >= 0) {
            g.addProperty("pad_token_id", tokenizer.tags().pad());
        }
        g.addProperty("do_sample", true);
        g.addProperty("temperature", 1.0);
        g.addProperty("top_p", 0.7);
        g.addProperty("transformers_version", "4.51.0");
        return new GsonBuilder().setPrettyPrinting().create().toJson(g);
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
