package org.nprworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.shell.Workbench;
import org.nprworkbench.app.gui.shell.WorkbenchOptions;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code npr workbench}: opens the workbench window (also what {@code npr} alone does). */
@Command(name = "workbench", mixinStandardHelpOptions = true,
        description = "Open the workbench window (the default when no verb is given).")
final class WorkbenchCommand implements Runnable {
    @ParentCommand
    NprCommand parent;

    @Option(names = "--screenshot", paramLabel = "FILE",
            description = "Write a PNG of the window once it has settled (first layout done, checkpoints "
                    + "scanned), then exit. Needs a display and GTK 3 (libgtk-3-0): on a headless machine "
                    + "install xvfb and libgtk-3-0 and use xvfb-run.")
    Path screenshot;

    @Option(names = "--view", paramLabel = "SECTION",
            description = "The section to open on: overview (the default), models, training (alias train), runs, "
                    + "explore, compare or problems.")
    String view;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "The checkpoint the Explore page solves with; with --view explore it opens on a test "
                    + "problem solved on it.")
    Path checkpoint;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "A trace file (text, JSON Lines or JSON) the Explore page opens.")
    Path trace;

    @Option(names = "--run", paramLabel = "NAME",
            description = "A run of the run store: the Training page follows it and the Runs page shows its page.")
    String run;

    @Option(names = "--exit-after-ms", paramLabel = "N",
            description = "Close the window N milliseconds after it has settled "
                    + "(with --screenshot: take the screenshot then).")
    Long exitAfterMs;

    @Override
    public void run() {
        open(parent.dataHome());
    }

    void open(DataHome home) {
        WorkbenchOptions options = options();
        if (run != null) {
            new org.nprworkbench.app.service.RunsService(home).show(run); // an unknown run is bad input, before the window
        }
        Workbench.launch(home.ensure(), options);
    }

    private WorkbenchOptions options() {
        if (exitAfterMs != null) {
            OptionRange.atLeast("--exit-after-ms", exitAfterMs, 0);
        }
        Path file = screenshot == null ? null : screenshot.toAbsolutePath().normalize();
        if (file != null && !Files.isDirectory(file.getParent())) {
            throw BadInputException.inFile(file, "cannot write the screenshot: the folder "
                    + file.getParent() + " does not exist");
        }
        if (checkpoint != null && !Files.isDirectory(checkpoint)) {
            throw BadInputException.inFile(checkpoint, "--checkpoint: not a folder; give a checkpoint folder "
                    + "(npr model init --size tiny --out DIR makes one)");
        }
        if (trace != null && !Files.isRegularFile(trace)) {
            throw BadInputException.inFile(trace, "--trace: no such file; give a text or JSON Lines trace file");
        }
        return new WorkbenchOptions(file, exitAfterMs == null ? null : Duration.ofMillis(exitAfterMs),
                view == null ? null : Section.fromKey("train".equalsIgnoreCase(view) ? "training" : view),
                checkpoint == null ? null : checkpoint.toAbsolutePath().normalize(),
                trace == null ? null : trace.toAbsolutePath().normalize(), run);
    }
}
