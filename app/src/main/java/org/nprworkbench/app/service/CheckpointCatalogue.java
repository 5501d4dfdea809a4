package org.nprworkbench.app.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.nprworkbench.engine.checkpoint.Provenance;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;
import org.nprworkbench.trainer.store.CheckpointInfo;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStore;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Every checkpoint the data home knows, by name: the checkpoints the run store recorded (kept ones),
 * the checkpoint folders under the data home's {@code runs/} folder, and the folders registered with
 * {@code npr checkpoints add} (kept in {@code checkpoints.json} in the data home). A run's checkpoint
 * is named {@code RUN/STAGE} (the stage's latest) or {@code RUN/STAGE@STEP}; a registered folder has
 * the name it was registered with. {@link #resolve} turns a {@code --checkpoint} value (a folder or a
 * name) into a folder. Reads files and the run store: call it off the JavaFX thread.
 */
public final class CheckpointCatalogue {
    /** The registry of added folders, in the data home. */
    public static final String REGISTRY = "checkpoints.json";
    /** How deep below {@code runs/} a checkpoint folder is looked for ({@code RUN/STAGE/step-N}). */
    private static final int RUNS_DEPTH = 3;

    /** Where an entry came from. */
    public enum Source {
        /** A checkpoint row of the run store. */
        RUN_STORE("run store"),
        /** A folder under the data home's {@code runs/} the store does not list. */
        RUNS_FOLDER("runs folder"),
        /** A folder registered with {@code npr checkpoints add}. */
        REGISTERED("registered"),
        /** A checkpoint shipped with the workbench ({@link ShippedModels}). */
        SHIPPED("shipped");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** The source in words, as listed. */
        public String label() {
            return label;
        }
    }

    /**
     * One checkpoint of the catalogue.
     *
     * @param name   the name {@code --checkpoint} accepts
     * @param run    the run that saved it, or null (a registered folder without provenance)
     * @param stage  the training stage, or null
     * @param step   the step it was saved at, or null when unknown
     * @param folder the absolute checkpoint folder
     */
    public record Entry(String name, String run, String stage, Long step, Path folder, Source source) {
        /** True when {@code wanted} names this entry: its name, or {@code RUN/STAGE@STEP}. */
        public boolean answersTo(String wanted) {
            return name.equals(wanted) || run != null && stage != null && step != null
                    && source != Source.REGISTERED && wanted.equals(run + "/" + stage + "@" + step);
        }
    }

    private final DataHome home;
    private final Path shipped;

    /** The catalogue of {@code home} and the shipped models ({@link ShippedModels}); nothing is read until asked. */
    public CheckpointCatalogue(DataHome home) {
        this(home, ShippedModels.folder().orElse(null));
    }

    /** The catalogue of {@code home} with the shipped models of {@code shipped} ({@code GROUP/NAME} folders; null: none). */
    public CheckpointCatalogue(DataHome home, Path shipped) {
        this.home = home;
        this.shipped = shipped;
    }

    /**
     * The catalogue name a folder goes by without reading anything: {@code GROUP/NAME} for a shipped
     * model, {@code RUN/STAGE} for a stage folder of a run under the data home; empty for any other
     * folder (a registered one, or a step checkpoint, is only known by reading the catalogue).
     */
    public Optional<String> nameOf(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        for (Path root : new Path[] {shipped, home.runs()}) {
            if (root == null) {
                continue;
            }
            Path r = root.toAbsolutePath().normalize();
            Path rel = f.startsWith(r) ? r.relativize(f) : null;
            if (rel != null && rel.getNameCount() == 2) {
                return Optional.of(rel.getName(0) + "/" + rel.getName(1));
            }
        }
        return Optional.empty();
    }

    /** The file that keeps the registered folders. */
    public Path registryFile() {
        return home.root().resolve(REGISTRY);
    }

    /**
     * Every checkpoint: the run store's, then other folders under {@code runs/}, then the registered
     * ones, then the shipped ones.
     */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(fromStore());
        all.addAll(fromRunsFolder(all));
        for (Map.Entry<String, Path> r : registered().entrySet()) {
            all.add(described(r.getKey(), r.getValue(), Source.REGISTERED));
        }
        all.addAll(fromShipped());
        return all;
    }

    /** {@code GROUP/NAME} for each checkpoint folder two levels below the shipped-models folder. */
    private List<Entry> fromShipped() {
        if (shipped == null || !Files.isDirectory(shipped)) {
            return List.of();
        }
        List<Entry> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(shipped, 2)) {
            for (Path dir : (Iterable<Path>) paths.filter(Files::isDirectory)::iterator) {
                if (shipped.relativize(dir).getNameCount() == 2 && Files.isRegularFile(dir.resolve("config.json"))) {
                    String name = shipped.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), "/");
                    Provenance p = provenance(dir);
                    found.add(new Entry(name, null, p == null || "imported".equals(p.stage()) ? null : p.stage(), null,
                            dir.toAbsolutePath().normalize(), Source.SHIPPED));
                }
            }
        } catch (IOException e) {
            return List.of(); // the shipped models are a convenience; an unreadable folder hides them
        }
        found.sort(Comparator.comparing(Entry::name));
        return found;
    }

    /** The entry called {@code name} ({@code RUN/STAGE}, {@code RUN/STAGE@STEP} or a registered name). */
    public Optional<Entry> find(String name) {
        return entries().stream().filter(e -> e.answersTo(name)).findFirst();
    }

    /**
     * The folder a {@code --checkpoint} value means: an existing path as given, else the catalogue
     * entry of that name. Anything else is bad input listing close names.
     */
    public Path resolve(String value) {
        if (value == null || value.isBlank()) {
            throw new BadInputException("--checkpoint is empty: give a checkpoint folder or a name from `npr checkpoints`");
        }
        try {
            Path p = Path.of(value);
            if (Files.exists(p)) {
                return p;
            }
        } catch (InvalidPathException e) {
            // not a path: look for the name
        }
        List<Entry> entries = entries();
        for (Entry e : entries) {
            if (e.answersTo(value)) {
                return e.folder();
            }
        }
        List<String> close = closeMatches(value, entries);
        throw new BadInputException("'" + value + "' is neither a checkpoint folder nor a checkpoint name in the "
                + "catalogue of " + home.root() + (close.isEmpty()
                ? "; `npr checkpoints` lists the names, `npr checkpoints add DIR` registers a folder"
                : "; close matches: " + String.join(", ", close)));
    }

    /**
     * Registers {@code folder} under {@code name} (its folder name when null); registering a folder
     * again renames it. A name another checkpoint has, or a folder that is not a checkpoint, is bad input.
     */
    public Entry add(Path folder, String name) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw BadInputException.inFile(dir, "not a folder; a checkpoint is a Hugging Face model folder");
        }
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw BadInputException.inFile(dir, "not a checkpoint folder: it has no config.json");
        }
        String n = name == null ? dir.getFileName().toString() : name.trim();
        if (n.isEmpty() || n.chars().anyMatch(Character::isWhitespace)) {
            throw new BadInputException("--name '" + n + "': a checkpoint name is one word without spaces");
        }
        for (Entry e : entries()) {
            if (e.answersTo(n) && !e.folder().equals(dir)) {
                throw new BadInputException("the name '" + n + "' is taken by " + e.folder()
                        + "; choose another with --name NAME");
            }
        }
        Map<String, Path> registry = registered();
        registry.values().removeIf(dir::equals);
        registry.put(n, dir);
        write(registry);
        return described(n, dir, Source.REGISTERED);
    }

    /** Forgets a registered name (the folder stays on disk); false when no registered folder has it. */
    public boolean remove(String name) {
        Map<String, Path> registry = registered();
        if (registry.remove(name) == null) {
            return false;
        }
        write(registry);
        return true;
    }

    private List<Entry> fromStore() {
        if (!Files.exists(RunStore.fileOf(home))) {
            return List.of();
        }
        List<Entry> found = new ArrayList<>();
        try (RunStore store = RunStore.open(home)) {
            for (RunInfo run : store.runs()) {
                List<CheckpointInfo> kept = store.checkpoints(run.id()).stream().filter(CheckpointInfo::kept).toList();
                Map<String, Long> latest = new LinkedHashMap<>();
                for (CheckpointInfo c : kept) {
                    latest.merge(c.stage().label(), c.step(), Math::max);
                }
                for (CheckpointInfo c : kept) {
                    String stage = c.stage().label();
                    String base = run.name() + "/" + stage;
                    String name = latest.get(stage) == c.step() ? base : base + "@" + c.step();
                    found.add(new Entry(name, run.name(), stage, c.step(),
                            Path.of(c.folder()).toAbsolutePath().normalize(), Source.RUN_STORE));
                }
            }
        }
        found.sort(Comparator.comparing(Entry::name));
        return found;
    }

    private List<Entry> fromRunsFolder(List<Entry> known) {
        Path runs = home.runs();
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<Entry> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(runs, RUNS_DEPTH)) {
            for (Path dir : (Iterable<Path>) paths.filter(Files::isDirectory)::iterator) {
                Path abs = dir.toAbsolutePath().normalize();
                if (dir.equals(runs) || !Files.isRegularFile(dir.resolve("config.json"))
                        || known.stream().anyMatch(e -> e.folder().equals(abs))) {
                    continue;
                }
                String name = runs.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), "/");
                String run = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
                Provenance p = provenance(abs);
                String stage = p != null && !"imported".equals(p.stage()) ? p.stage()
                        : name.contains("/") ? name.substring(name.indexOf('/') + 1) : null;
                found.add(new Entry(name, run, stage, p == null || p.run() == null ? null : p.step(), abs,
                        Source.RUNS_FOLDER));
            }
        } catch (IOException e) {
            throw BadInputException.inFile(runs, "cannot be listed (" + e.getMessage() + "); check its permissions");
        }
        found.sort(Comparator.comparing(Entry::name));
        return found;
    }

    private static Entry described(String name, Path folder, Source source) {
        Provenance p = provenance(folder);
        boolean fromRun = p != null && p.run() != null;
        return new Entry(name, fromRun ? p.run() : null, p == null || "imported".equals(p.stage()) ? null : p.stage(),
                fromRun ? p.step() : null, folder, source);
    }

    /** The folder's provenance, or null when it has none or it cannot be read (the folder is listed anyway). */
    private static Provenance provenance(Path folder) {
        if (!Files.isRegularFile(folder.resolve(Provenance.FILE))) {
            return null;
        }
        try {
            return Provenance.read(folder);
        } catch (BadInputException e) {
            return null;
        }
    }

    /** The registered names and folders, in registration order; a malformed registry is bad input naming it. */
    private Map<String, Path> registered() {
        Path file = registryFile();
        Map<String, Path> registry = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return registry;
        }
        String fix = "fix the file, or delete it and register the folders again with `npr checkpoints add DIR`";
        JsonObject json;
        try {
            json = JsonInput.parseObject(Files.readString(file, StandardCharsets.UTF_8), file.toString(), fix);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot be read (" + e.getMessage() + "); check its permissions");
        }
        JsonElement list = json.get("checkpoints");
        if (list == null || !list.isJsonArray()) {
            throw BadInputException.inFile(file, "expected {\"checkpoints\": [{\"name\": ..., \"folder\": ...}]}; " + fix);
        }
        int k = 0;
        for (JsonElement item : list.getAsJsonArray()) {
            if (!item.isJsonObject() || !isString(item.getAsJsonObject().get("name"))
                    || !isString(item.getAsJsonObject().get("folder"))) {
                throw BadInputException.inFile(file, "checkpoints[" + k + "] should have the strings \"name\" and "
                        + "\"folder\"; " + fix);
            }
            JsonObject o = item.getAsJsonObject();
            registry.put(o.get("name").getAsString(), Path.of(o.get("folder").getAsString()));
            k++;
        }
        return registry;
    }

    private static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    private void write(Map<String, Path> registry) {
        JsonArray list = new JsonArray();
        registry.forEach((name, folder) -> {
            JsonObject o = new JsonObject();
            o.addProperty("name", name);
            o.addProperty("folder", folder.toString());
            list.add(o);
        });
        JsonObject json = new JsonObject();
        json.add("checkpoints", list);
        Path file = registryFile();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".checkpoints", ".json");
            Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot be written (" + e.getMessage() + "); check the data home's permissions");
        }
    }

    /** Up to five names close to {@code wanted}: by edit distance, or containing it. */
    static List<String> closeMatches(String wanted, List<Entry> entries) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 3);
        record Scored(String name, int distance) {
        }
        return entries.stream().map(Entry::name).distinct()
                .map(n -> new Scored(n, distance(w, n.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= limit || s.name().toLowerCase(Locale.ROOT).contains(w)
                        || w.contains(s.name().toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(5).map(Scored::name).collect(Collectors.toList());
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int same = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + same);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
