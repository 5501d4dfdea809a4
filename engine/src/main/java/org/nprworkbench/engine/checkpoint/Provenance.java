package org.nprworkbench.engine.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

/**
 * Where a checkpoint came from, stored as {@code npr.json} beside the Hugging Face files: the training
 * stage, the parent checkpoint, the run and step, the task and key metrics.
 *
 * @param stage   "init", "seed-sft", "npr-zero", "npr-beta", "papo", "sr-beta", "sr", "imported", ...
 * @param parent  folder name (or path) of the checkpoint this one was trained from; null for a fresh init
 * @param run     run id in the run store; null outside a run
 * @param step    optimiser step within the run
 * @param task    task family the run trained on; null if none
 * @param metrics key metrics at save time (e.g. loss, accuracy, parallel rate)
 * @param created ISO-8601 time of saving
 */
public record Provenance(String stage, String parent, String run, long step, String task,
                         Map<String, Double> metrics, String created) {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();
    public static final String FILE = "npr.json";

    public Provenance {
        metrics = metrics == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(metrics));
    }

    /** A fresh initialisation. */
    public static Provenance init() {
        return new Provenance("init", null, null, 0, null, Map.of(), Instant.now().toString());
    }

    /** A checkpoint loaded from elsewhere without an {@code npr.json}. */
    public static Provenance imported() {
        return new Provenance("imported", null, null, 0, null, Map.of(), null);
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    /** Reads {@code npr.json} from a checkpoint folder, or {@link #imported()} if there is none. */
    public static Provenance read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return imported();
        }
        JsonObject json;
        try {
            json = JsonInput.parseObject(Files.readString(file, StandardCharsets.UTF_8), file.toString(),
                    "delete the file or fix it");
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage());
        }
        Provenance p;
        try {
            p = GSON.fromJson(json, Provenance.class);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw BadInputException.inFile(file, JsonInput.wrongType(e) + ": stage, parent, run, task and created "
                    + "are strings, step a whole number, metrics an object of numbers; delete the file or fix it");
        }
        if (p.stage() == null) {
            throw BadInputException.inFile(file, "no \"stage\" field; delete the file or fix it");
        }
        return new Provenance(p.stage, p.parent, p.run, p.step, p.task, p.metrics, p.created);
    }
}
