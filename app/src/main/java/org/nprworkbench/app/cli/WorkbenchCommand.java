package org.nprworkbench.app.cli;

import org.nprworkbench.app.gui.Workbench;
import org.nprworkbench.engine.home.DataHome;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code npr workbench}: opens the workbench window (also what {@code npr} alone does). */
@Command(name = "workbench", mixinStandardHelpOptions = true,
        description = "Open the workbench window (the default when no verb is given).")
final class WorkbenchCommand implements Runnable {
    @ParentCommand
    NprCommand parent;

    @Override
    public void run() {
        open(parent.dataHome());
    }

    void open(DataHome home) {
        Workbench.launch(home.ensure());
    }
}
