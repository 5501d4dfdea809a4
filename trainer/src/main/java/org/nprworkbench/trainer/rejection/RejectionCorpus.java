package org.nprworkbench.trainer.rejection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.nprworkbench.input.JsonRecordReader;

import com.google.gson.JsonObject;

/**
 * The rejection-sampled corpus as JSON Lines, one accepted trajectory per line:
 * {@code {"problem_id": ..., "task": ..., "prompt": ..., "response": ..., "tries": ...}}.
 */
public final class RejectionCorpus {
    private RejectionCorpus() {
    }

    /** Writes {@code corpus} to {@code file} (replacing it). */
    public static void write(Path file, List<AcceptedTrajectory> corpus) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (AcceptedTrajectory a : corpus) {
                JsonObject o = new JsonObject();
                o.addProperty("problem_id", a.problemId());
                o.addProperty("task", a.task());
                o.addProperty("prompt", a.prompt());
                o.addProperty("response", a.response());
                o.addProperty("tries", a.tries());
                w.write(o.toString());
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Reads a corpus; {@code prompt} and {@code response} are required, the other fields optional. A
     * malformed line is bad input naming the file and line.
     */
    public static List<AcceptedTrajectory> read(Path file) {
        return JsonRecordReader.read(file, false, r -> {
            int tries = 1;
            if (r.has("tries")) {
                try {
                    tries = Integer.parseInt(r.requireText("tries"));
                } catch (NumberFormatException e) {
                    throw r.problem("\"tries\" must be a whole number");
                }
            }
            return new AcceptedTrajectory(r.text("problem_id").orElse(""), r.text("task").orElse(""),
                    r.requireText("prompt"), r.requireText("response"), tries);
        }).items();
    }
}
