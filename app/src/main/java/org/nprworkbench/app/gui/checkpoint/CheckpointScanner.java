package org.nprworkbench.app.gui.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.checkpoint.Provenance;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;

/**
 * Finds checkpoint folders (Hugging Face model folders: a folder with a {@code config.json}) and reads
 * their summaries without loading weights. The summary's fields are read leniently, so that a config
 * with only some fields is listed with what it has; then the folder is checked as loading it would
 * check it ({@link Checkpoint#inspect}: every config field, the provenance, the tokenizer, the
 * safetensors headers against the files' sizes and the tensors the model needs), and whatever fails
 * becomes the summary's problem. Blocking file IO: run it on a background thread.
 */
public final class CheckpointScanner {
    /** How deep below the checkpoints folder to look, so that {@code run/step-100} is found. */
    public static final int MAX_DEPTH = 3;
    static final String CONFIG = "config.json";

    private CheckpointScanner() {
    }

    /** Every checkpoint folder below {@code root}, sorted by name; empty when root does not exist. */
    public static List<CheckpointSummary> scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<CheckpointSummary> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root, MAX_DEPTH)) {
            for (Path dir : (Iterable<Path>) paths.filter(Files::isDirectory)::iterator) {
                if (!dir.equals(root) && Files.isRegularFile(dir.resolve(CONFIG))) {
                    String name = root.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), "/");
                    found.add(read(dir, name));
                }
            }
        }
        found.sort(Comparator.comparing(CheckpointSummary::name));
        return found;
    }

    /**
     * Reads a folder the user picked. A folder without {@code config.json} is bad input; a config that
     * does not parse gives a summary with a problem.
     */
    public static CheckpointSummary open(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw BadInputException.inFile(folder, "not a folder; a checkpoint is a Hugging Face model folder");
        }
        if (!Files.isRegularFile(folder.resolve(CONFIG))) {
            throw BadInputException.inFile(folder, "not a checkpoint folder: it has no config.json. "
                    + "Create one with `npr model init --size tiny --out DIR` or pick a Hugging Face model folder.");
        }
        return read(folder, folder.getFileName().toString());
    }

    /**
     * Reads one checkpoint folder's summary, listed as {@code name}; problems (a missing folder too)
     * are reported in the summary, never thrown.
     */
    public static CheckpointSummary read(Path folder, String name) {
        long weights = weightBytes(folder);
        Path configFile = folder.resolve(CONFIG);
        try {
            JsonObject config = readObject(configFile);
            String modelType = string(config, "model_type", configFile);
            Integer hidden = integer(config, "hidden_size", configFile);
            Integer layers = integer(config, "num_hidden_layers", configFile);
            Integer vocab = integer(config, "vocab_size", configFile);
            String stage = Files.isRegularFile(folder.resolve(Provenance.FILE))
                    ? Provenance.read(folder).stage() : null;
            return new CheckpointSummary(name, folder, modelType, hidden, layers, vocab, stage, weights,
                    loadProblem(folder));
        } catch (BadInputException e) {
            return new CheckpointSummary(name, folder, null, null, null, null, null, weights, e.getMessage());
        }
    }

    /** Why the folder would not load, or null when it would; reads headers only. */
    private static String loadProblem(Path folder) {
        try {
            Checkpoint.inspect(folder);
            return null;
        } catch (BadInputException e) {
            return e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            return folder + ": could not be checked (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
    }

    private static JsonObject readObject(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); check the file's permissions");
        }
        return JsonInput.parseObject(text, file.toString(), "fix or replace the file");
    }

    private static String string(JsonObject json, String field, Path file) {
        JsonElement value = json.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive()) {
            throw BadInputException.inFile(file, "field \"" + field + "\" should be a string, found " + value);
        }
        return value.getAsString();
    }

    private static Integer integer(JsonObject json, String field, Path file) {
        JsonElement value = json.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (value instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (d == Math.rint(d) && d >= 0 && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw BadInputException.inFile(file, "field \"" + field + "\" should be a whole number, found " + value);
    }

    private static long weightBytes(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return Files.isRegularFile(f) && (n.endsWith(".safetensors") || n.endsWith(".bin"));
            }).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
