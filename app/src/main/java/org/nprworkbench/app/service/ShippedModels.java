package org.nprworkbench.app.service;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the checkpoints shipped with the workbench live: {@code app/models} of the source tree
 * ({@code models/GROUP/NAME}, catalogue name {@code GROUP/NAME}, e.g. {@code quickstart/npr}). The
 * {@code npr} launcher names the folder with {@code -Dnpr.models=DIR}; without it the folder is found
 * next to the running code ({@code app/target/classes} or the app jar). {@code -Dnpr.models=none}
 * turns the shipped models off (the tests do, so that each test sees only the checkpoints it made).
 */
public final class ShippedModels {
    /** The system property naming the folder, or {@code none}. */
    public static final String PROPERTY = "npr.models";

    private ShippedModels() {
    }

    /** The shipped-models folder, when there is one. */
    public static Optional<Path> folder() {
        String p = System.getProperty(PROPERTY);
        if (p != null) {
            if (p.isBlank() || p.equals("none")) {
                return Optional.empty();
            }
            Path dir = Path.of(p);
            return Files.isDirectory(dir) ? Optional.of(dir.toAbsolutePath().normalize()) : Optional.empty();
        }
        return besideTheCode();
    }

    /** {@code app/models} found from the code's location: {@code app/target/classes} or {@code app/target/*.jar}. */
    private static Optional<Path> besideTheCode() {
        try {
            var source = ShippedModels.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path dir = Path.of(source.getLocation().toURI()).toAbsolutePath();
            for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
                Path models = dir.resolve("models");
                if (Files.isDirectory(models) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    return Optional.of(models.normalize());
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // an unusual class loader: no shipped models
        }
        return Optional.empty();
    }
}
