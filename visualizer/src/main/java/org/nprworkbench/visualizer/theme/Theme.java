package org.nprworkbench.visualizer.theme;

import javafx.scene.Scene;

/**
 * The shared look of the visualizer components: a stylesheet that defines the palette as looked-up
 * colours ({@code -npr-accent}, {@code -npr-surface}, ...) and styles the generic components
 * (empty states, command snippets, the task indicator). An application adds it first and its own
 * stylesheet after, so that it can override anything.
 */
public final class Theme {
    private Theme() {
    }

    /** The stylesheet's URL, for {@code getStylesheets().add(...)}. */
    public static String stylesheet() {
        return Theme.class.getResource("visualizer.css").toExternalForm();
    }

    /** Adds the stylesheet to a scene, ahead of any stylesheet already there. */
    public static void apply(Scene scene) {
        scene.getStylesheets().add(0, stylesheet());
    }
}
