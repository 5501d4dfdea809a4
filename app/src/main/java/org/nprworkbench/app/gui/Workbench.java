package org.nprworkbench.app.gui;

import org.nprworkbench.engine.home.DataHome;

/** Opens the workbench window. */
public final class Workbench {
    private Workbench() {
    }

    /** Blocks until the window is closed. */
    public static void launch(DataHome home) {
        throw new UnsupportedOperationException("the workbench window is being built");
    }
}
