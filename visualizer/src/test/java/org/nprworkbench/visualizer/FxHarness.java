package org.nprworkbench.visualizer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.nprworkbench.visualizer.snapshot.PngSnapshot;
import org.nprworkbench.visualizer.theme.Theme;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Shows components in the TestFX primary stage under headless Monocle and takes screenshots. */
public final class FxHarness {
    private static final long TIMEOUT_S = 30;
    /** Where screenshots go so that a person can look at them: the module's build folder. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private FxHarness() {
    }

    /** Registers the primary stage (once per JVM is enough; safe to repeat). */
    public static Stage stage() throws Exception {
        return FxToolkit.registerPrimaryStage();
    }

    /** Puts {@code root} in a scene of the given size with the visualizer theme and shows it. */
    public static Scene show(Parent root, double width, double height) throws Exception {
        Stage stage = stage();
        return fx(() -> {
            Scene scene = new Scene(root, width, height);
            Theme.apply(scene);
            stage.setScene(scene);
            stage.show();
            return scene;
        });
    }

    /** Runs {@code call} on the JavaFX thread and waits for it. */
    public static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Runs {@code run} on the JavaFX thread and waits for it. */
    public static void fx(Runnable run) throws Exception {
        WaitForAsyncUtils.asyncFx(run).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Lets GraphStream's 40 ms frame timer and the JavaFX pulses catch up. */
    public static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(250, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes what {@code scene} shows to {@code target/screenshots/NAME.png} and returns the image. */
    public static BufferedImage screenshot(Scene scene, String name) throws Exception {
        settle();
        BufferedImage image = fx(() -> PngSnapshot.capture(scene));
        Files.createDirectories(SCREENSHOTS);
        try {
            PngSnapshot.write(image, SCREENSHOTS.resolve(name + ".png"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the screenshot " + name, e);
        }
        return image;
    }
}
