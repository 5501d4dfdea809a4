package org.nprworkbench.app;

import org.nprworkbench.app.cli.NprCommand;
import org.nprworkbench.engine.bootstrap.DjlBootstrap;

/**
 * The single entry point of the {@code npr} launcher and the workbench. A plain class (not a JavaFX
 * {@code Application}) so that it starts with JavaFX on the class path. It passes through
 * {@link DjlBootstrap} before anything can touch DJL.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        DjlBootstrap.init();
        System.exit(NprCommand.run(args));
    }
}
