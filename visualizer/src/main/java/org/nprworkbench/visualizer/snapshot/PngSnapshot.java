package org.nprworkbench.visualizer.snapshot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;

/**
 * Writes what a scene shows to a PNG file: {@link #capture} on the JavaFX thread, then
 * {@link #write} on any thread, so that the file IO stays off the JavaFX thread. Works on a real
 * display, under Xvfb and under headless Monocle.
 */
public final class PngSnapshot {
    private PngSnapshot() {
    }

    /** Renders the scene at its current size. Call on the JavaFX thread. */
    public static BufferedImage capture(Scene scene) {
        WritableImage image = scene.snapshot(null);
        return SwingFXUtils.fromFXImage(image, null);
    }

    /** Writes the image as PNG, replacing the file. */
    public static void write(BufferedImage image, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is available");
            }
        }
    }
}
