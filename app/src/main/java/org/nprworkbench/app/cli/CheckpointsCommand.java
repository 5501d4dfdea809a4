package org.nprworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nprworkbench.app.service.CheckpointCatalogue;
import org.nprworkbench.input.BadInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code npr checkpoints ...}: the checkpoint catalogue (run checkpoints and registered folders) and its names. */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
        description = {"Every checkpoint the data home knows, with the name --checkpoint accepts: the runs' "
                + "checkpoints (RUN/STAGE for a stage's latest, RUN/STAGE@STEP) and folders registered with "
                + "`npr checkpoints add DIR`."},
        subcommands = {CheckpointsCommand.Add.class, CheckpointsCommand.Remove.class})
final class CheckpointsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array: name, run, stage, step, folder, source.")
    boolean json;

    @Override
    public void run() {
        List<CheckpointCatalogue.Entry> entries = CheckpointNames.catalogue(spec).entries();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (CheckpointCatalogue.Entry e : entries) {
                list.add(json(e));
            }
            out.println(CliJson.PRETTY.newBuilder().serializeNulls().create().toJson(list));
        } else if (entries.isEmpty()) {
            out.println("no checkpoints yet (npr train seed --run NAME saves one; npr checkpoints add DIR registers a folder)");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "RUN", "STAGE", "STEP", "SOURCE", "FOLDER"});
            for (CheckpointCatalogue.Entry e : entries) {
                rows.add(new String[] {e.name(), dash(e.run()), dash(e.stage()), e.step() == null ? "-" : e.step().toString(),
                        e.source().label(), e.folder().toString()});
            }
            int[] width = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int k = 0; k < r.length; k++) {
                    width[k] = Math.max(width[k], r[k].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int k = 0; k < r.length; k++) {
                    line.append(k == r.length - 1 ? r[k] : String.format("%-" + (width[k] + 2) + "s", r[k]));
                }
                out.println(line.toString().stripTrailing());
            }
        }
        out.flush();
    }

    static Map<String, Object> json(CheckpointCatalogue.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("run", e.run());
        m.put("stage", e.stage());
        m.put("step", e.step());
        m.put("folder", e.folder().toString());
        m.put("source", e.source().label());
        return m;
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    /** {@code npr checkpoints add DIR [--name NAME]}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register a checkpoint folder under a name (default: the folder's name).")
    static final class Add implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "The checkpoint folder.")
        Path dir;

        @Option(names = "--name", paramLabel = "NAME", description = "The name --checkpoint will accept.")
        String name;

        @Override
        public void run() {
            CheckpointCatalogue.Entry e = CheckpointNames.catalogue(spec).add(dir, name);
            spec.commandLine().getOut().println("registered " + e.folder() + " as " + e.name());
            spec.commandLine().getOut().flush();
        }
    }

    /** {@code npr checkpoints remove NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Forget a registered name (the folder stays on disk).")
    static final class Remove implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "A registered name.")
        String name;

        @Override
        public void run() {
            if (!CheckpointNames.catalogue(spec).remove(name)) {
                throw new BadInputException("no registered checkpoint is named '" + name
                        + "' (run checkpoints are not registered; `npr checkpoints` lists the names)");
            }
            spec.commandLine().getOut().println("removed " + name + " from the catalogue (the folder stays on disk)");
            spec.commandLine().getOut().flush();
        }
    }
}
