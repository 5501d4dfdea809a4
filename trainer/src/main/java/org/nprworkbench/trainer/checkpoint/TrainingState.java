package org.nprworkbench.trainer.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.nprworkbench.engine.checkpoint.SafetensorsReader;
import org.nprworkbench.engine.checkpoint.SafetensorsWriter;
import org.nprworkbench.engine.checkpoint.TensorDtype;
import org.nprworkbench.engine.optim.AdamW;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.input.JsonInput;
import org.nprworkbench.trainer.stage.StageKind;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * What a stage needs beyond the weights to continue exactly where it saved: the optimiser state
 * ({@value #OPTIMIZER_FILE}: tensors {@code m.I} and {@code v.I} per parameter, F32) and a JSON file
 * ({@value #STATE_FILE}: stage, step, optimiser step count, and the stage's own {@code extra} object,
 * e.g. its data order, cursor and random-generator state). Both lie beside the Hugging Face files of
 * the checkpoint folder, not inside them; {@value #STATE_FILE} is written last, by an atomic rename,
 * so a folder whose state file is present has a complete training state.
 *
 * @param extra the stage's own state (never null; an empty object if it has none)
 */
public record TrainingState(StageKind stage, long step, AdamW.State optimizer, JsonObject extra) {
    public static final String STATE_FILE = "trainer_state.json";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    private static final int FORMAT = 1;

    public TrainingState {
        extra = extra == null ? new JsonObject() : extra.deepCopy();
    }

    /** Writes the two files into {@code folder} (the state file last, atomically). */
    public void write(Path folder) {
        try {
            SafetensorsWriter w = new SafetensorsWriter().metadata("format", "npr-adamw")
                    .metadata("steps", Long.toString(optimizer.steps()));
            for (int i = 0; i < optimizer.m().size(); i++) {
                float[] m = optimizer.m().get(i);
                float[] v = optimizer.v().get(i);
                w.add("m." + i, TensorDtype.F32, new long[] {m.length}, m);
                w.add("v." + i, TensorDtype.F32, new long[] {v.length}, v);
            }
            w.write(folder.resolve(OPTIMIZER_FILE));
            JsonObject o = new JsonObject();
            o.addProperty("format", FORMAT);
            o.addProperty("stage", stage.label());
            o.addProperty("step", step);
            o.addProperty("optimizer_steps", optimizer.steps());
            o.addProperty("optimizer_tensors", optimizer.m().size());
            o.add("extra", extra);
            Path temp = folder.resolve("." + STATE_FILE + ".tmp");
            Files.writeString(temp, new GsonBuilder().setPrettyPrinting().create().toJson(o), StandardCharsets.UTF_8);
            Files.move(temp, folder.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training state to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code folder} holds a complete training state. */
    public static boolean presentIn(Path folder) {
        return Files.isRegularFile(folder.resolve(STATE_FILE)) && Files.isRegularFile(folder.resolve(OPTIMIZER_FILE));
    }

    /** Reads the training state of {@code folder}; a missing or malformed file is bad input naming it. */
    public static TrainingState read(Path folder) {
        Path file = folder.resolve(STATE_FILE);
        JsonObject o;
        try {
            o = JsonInput.parseObject(Files.readString(file, StandardCharsets.UTF_8), file.toString(),
                    "the checkpoint's training state is damaged; resume from an earlier checkpoint");
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read the training state: " + e.getMessage());
        }
        try {
            if (o.get("format").getAsInt() != FORMAT) {
                throw BadInputException.inFile(file, "training state format " + o.get("format") + " is not " + FORMAT);
            }
            StageKind stage = StageKind.parse(o.get("stage").getAsString());
            long step = o.get("step").getAsLong();
            long optSteps = o.get("optimizer_steps").getAsLong();
            int n = o.get("optimizer_tensors").getAsInt();
            JsonObject extra = o.getAsJsonObject("extra");
            List<float[]> m = new ArrayList<>(n);
            List<float[]> v = new ArrayList<>(n);
            try (SafetensorsReader r = SafetensorsReader.open(folder.resolve(OPTIMIZER_FILE))) {
                for (int i = 0; i < n; i++) {
                    m.add(r.readFloats("m." + i));
                    v.add(r.readFloats("v." + i));
                }
            }
            return new TrainingState(stage, step, new AdamW.State(optSteps, m, v), extra);
        } catch (RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw BadInputException.inFile(file, "malformed training state (" + e.getMessage()
                    + "); resume from an earlier checkpoint");
        }
    }

    /** A random generator's exact state as text (Java serialisation, Base64), for {@link #extra}. */
    public static String encode(Random rnd) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rnd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** The random generator {@link #encode} wrote, continuing exactly where it was. */
    public static Random decodeRandom(String text) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(text)))) {
            return (Random) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a saved random generator: " + e.getMessage(), e);
        }
    }
}
