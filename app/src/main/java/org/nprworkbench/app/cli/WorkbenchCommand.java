package org.nprworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.shell.Workbench;
import org.nprworkbench.app.gui.shell.WorkbenchOptions;
import org.nprworkbench.app.service.CheckpointCatalogue;
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

    @Option(names = "--checkpoint", paramLabel = "CK",
            description = "The checkpoint (folder or catalogue name) the Explore page solves with; with --view "
                    + "explore it opens on a test problem solved on it.")
    String checkpoint;

    @Option(names = "--compare", paramLabel = "CK", split = ",",
            description = "Checkpoints (folders or catalogue names, comma-separated, at least two) the Compare "
                    + "page compares on its default problems when the window opens, e.g. quickstart/npr,quickstart/sr.")
    List<String> compare;

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
        CheckpointCatalogue catalogue = new CheckpointCatalogue(parent.dataHome());
        Path ck = checkpoint == null ? null : catalogue.resolve(checkpoint);
        if (ck != null && !Files.isDirectory(ck)) {
            throw BadInputException.inFile(ck, "--checkpoint: not a folder; give a checkpoint folder or a catalogue "
                    + "name (npr model init --size tiny --out DIR makes one)");
        }
        List<String> cks = compare == null ? List.of() : compare;
        if (cks.size() == 1) {
            throw new BadInputException("--compare " + cks.get(0) + ": name two or more checkpoints, separated by commas");
        }
        for (String c : cks) {
            catalogue.resolve(c); // an unknown name fails here, with the close names, before the window opens
        }
        if (trace != null && !Files.isRegularFile(trace)) {
            throw BadInputException.inFile(trace, "--trace: no such file; give a text or JSON Lines trace file");
        }
        return new WorkbenchOptions(file, exitAfterMs == null ? null : Duration.ofMillis(exitAfterMs),
                view == null ? null : Section.fromKey("train".equalsIgnoreCase(view) ? "training" : view),
                ck == null ? null : ck.toAbsolutePath().normalize(),
                trace == null ? null : trace.toAbsolutePath().normalize(), cks, run);
    }
}
