package org.nprworkbench.engine.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nprworkbench.engine.tokenizer.ForcedLayout;
import org.nprworkbench.engine.tokenizer.PromptFormat;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;

/**
 * Where a checkpoint came from, stored as {@code npr.json} beside the Hugging Face files: the training
 * stage, the parent checkpoint, the run and step, the task and key metrics, and the text the engine
 * forces around branches for this model ({@link ForcedLayout}).
 *
 * @param stage   "init", a training stage ("seed", "zero", "beta", "papo", "sr-beta", "sr"), "imported", ...
 * @param parent  the checkpoint this one was trained from: {@code RUN/STAGE} (its catalogue name) for a stage of
 *                the same run, else its folder; null for a fresh init
 * @param run     run id in the run store; null outside a run
 * @param step    optimiser step within the run
 * @param task    task family the run trained on; null if none
 * @param metrics key metrics at save time (e.g. loss, accuracy, parallel rate)
 * @param created ISO-8601 time of saving
 * @param forcedLayout the layout the model was trained on ({@code "forced_layout": "compact"} or
 *                {@code "released"} in the file); null when the file does not say, and then
 *                {@link #forcedLayout(PromptFormat)} takes the default for the tokenizer
 */
public record Provenance(String stage, String parent, String run, long step, String task,
                         Map<String, Double> metrics, String created,
                         @SerializedName(LAYOUT_FIELD) ForcedLayout forcedLayout) {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();
    public static final String FILE = "npr.json";
    private static final String LAYOUT_FIELD = "forced_layout";

    public Provenance {
        metrics = metrics == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(metrics));
    }

    /** A provenance that leaves the forced layout to the default for the checkpoint's tokenizer. */
    public Provenance(String stage, String parent, String run, long step, String task,
                      Map<String, Double> metrics, String created) {
        this(stage, parent, run, step, task, metrics, created, null);
    }

    /** The same provenance recording that the model was trained on {@code layout}. */
    public Provenance withForcedLayout(ForcedLayout layout) {
        return new Provenance(stage, parent, run, step, task, metrics, created, layout);
    }

    /**
     * The layout the engine forces for this checkpoint: the one {@code npr.json} names, else the
     * default for its prompt format ({@link ForcedLayout#defaultFor}: released for chat templates,
     * compact for the embedded format).
     */
    public ForcedLayout forcedLayout(PromptFormat format) {
        return forcedLayout == null ? ForcedLayout.defaultFor(format) : forcedLayout;
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
        JsonElement layout = json.get(LAYOUT_FIELD);
        if (layout != null && !layout.isJsonNull() && (!layout.isJsonPrimitive()
                || ForcedLayout.fromJsonName(layout.getAsString()) == null)) {
            throw BadInputException.inFile(file, "\"" + LAYOUT_FIELD + "\" is " + layout
                    + "; write \"compact\" (this project's layout) or \"released\" (the released NPR engine's), "
                    + "or remove the field to take the default for the tokenizer");
        }
        return new Provenance(p.stage, p.parent, p.run, p.step, p.task, p.metrics, p.created, p.forcedLayout);
    }
}
