package org.nprworkbench.engine.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nprworkbench.input.BadInputException;

/**
 * The workbench's data home: the run database, checkpoints and logs. {@code ~/.npr-workbench} by
 * default; {@code --home DIR} or the {@code NPR_HOME} environment variable change it.
 */
public record DataHome(Path root) {

    /** The home chosen by an explicit flag (may be null), then {@code NPR_HOME}, then the default. */
    public static DataHome resolve(Path explicit) {
        if (explicit != null) {
            return new DataHome(explicit.toAbsolutePath().normalize());
        }
        String env = System.getenv("NPR_HOME");
        if (env != null && !env.isBlank()) {
            return new DataHome(Path.of(env).toAbsolutePath().normalize());
        }
        return new DataHome(Path.of(System.getProperty("user.home"), ".npr-workbench"));
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path runs() {
        return root.resolve("runs");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** The H2 run database file prefix (H2 appends {@code .mv.db}). */
    public Path database() {
        return root.resolve("db").resolve("runs");
    }

    /** Checks, creating nothing, that the home is a folder or does not exist yet; a file is bad input. */
    public DataHome requireFolderOrAbsent() {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new BadInputException(root + ": the data home is a file, not a folder; pass --home DIR "
                    + "(or set NPR_HOME) naming a folder");
        }
        return this;
    }

    /** Creates the folders if they are missing; a home that exists as a file is bad input. */
    public DataHome ensure() {
        requireFolderOrAbsent();
        try {
            Files.createDirectories(checkpoints());
            Files.createDirectories(runs());
            Files.createDirectories(logs());
            Files.createDirectories(database().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data home " + root, e);
        }
        return this;
    }
}
