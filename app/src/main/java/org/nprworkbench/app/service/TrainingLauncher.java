package org.nprworkbench.app.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.pipeline.Pipeline;
import org.nprworkbench.trainer.pipeline.PipelineConfig;
import org.nprworkbench.trainer.pipeline.ProblemSource;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.RunStore;

/**
 * Starts training runs as child {@code npr train} processes of this JVM (same java, class path and main
 * class), so that a crash or an out-of-memory in training cannot take the window down, several runs can
 * go at once, and each has its own DJL gradient collector. Each child writes its output to
 * {@code train.log} in the run's folder; the window follows the run through the run store. Also builds
 * the command line that reproduces a run.
 */
public final class TrainingLauncher {
    /** The class every child starts. */
    public static final String MAIN_CLASS = "org.nprworkbench.app.Main";
    /** The log file each child writes, in the data home's {@code runs/NAME/}. */
    public static final String LOG_FILE = "train.log";

    private final DataHome home;
    private final List<String> jvm;
    private final Map<String, Child> children = new ConcurrentHashMap<>();

    /** A launcher for {@code home} that starts children like this JVM. */
    public TrainingLauncher(DataHome home) {
        this(home, currentJvm());
    }

    /**
     * A launcher for {@code home} whose children start with {@code jvm} (the java executable, its
     * options, the class path and the main class), followed by {@code --home HOME} and the verb.
     */
    public TrainingLauncher(DataHome home, List<String> jvm) {
        this.home = home;
        this.jvm = List.copyOf(jvm);
    }

    /**
     * What a new pipeline run is: {@code npr train (--task T | --benchmark FILE) --preset P --stages ...
     * --run NAME --set k=v...}.
     *
     * @param task      the task family, or null with a benchmark file
     * @param benchmark the benchmark file, or null with a task family
     * @param overrides the settings that differ from the preset's (the keys set explicitly)
     */
    public record Request(String task, Path benchmark, String preset, List<StageKind> stages, String run,
                          Map<String, String> overrides) {
        public Request {
            stages = List.copyOf(stages);
            overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        }

        /** A run on the task family {@code task}. */
        public Request(String task, String preset, List<StageKind> stages, String run, Map<String, String> overrides) {
            this(task, null, preset, stages, run, overrides);
        }
    }

    /** A child training process, its run and its log. */
    public record Child(String run, Process process, Path log, List<String> command, CompletableFuture<Integer> exit) {
        /** Whether the process is still going. */
        public boolean alive() {
            return process.isAlive();
        }

        /** The last {@code lines} lines of its log (empty if it has none yet). */
        public List<String> logTail(int lines) {
            return tail(log, lines);
        }
    }

    /**
     * Checks a request as {@code npr train} would before it starts (task or benchmark file, preset,
     * stages, name, every override), so the form can refuse it with the reason; returns the validated
     * configuration. A benchmark file is checked without reading it (it exists and is readable; the
     * settings a file run cannot have, {@link Pipeline#requireFileSettings}), so this is cheap enough
     * for every change of the form; {@link #start} reads it.
     *
     * @throws BadInputException naming the field (or file) and what is allowed
     */
    public static PipelineConfig validate(Request r) {
        if (r.benchmark() != null && r.task() != null) {
            throw new BadInputException("train on a task or on a benchmark file, not both");
        }
        if (r.benchmark() == null) {
            if (r.task() == null || r.task().isBlank()) {
                throw new BadInputException("choose a task or a benchmark file to train on");
            }
            org.nprworkbench.problems.task.TaskRegistry.get(r.task());
        } else {
            Path file = r.benchmark().toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw BadInputException.inFile(file, Files.isDirectory(file) ? "is a folder; choose a benchmark file"
                        : "no such file; choose an existing benchmark file (JSON Lines or a JSON array of problems)");
            }
            if (!Files.isReadable(file)) {
                throw BadInputException.inFile(file, "cannot be read (permissions); make it readable or choose another file");
            }
        }
        PipelineConfig cfg = PipelineConfig.preset(r.preset());
        if (r.stages().isEmpty()) {
            throw new BadInputException("choose at least one stage; the stages are " + StageKind.labels());
        }
        RunStore.requireValidName(r.run());
        for (Map.Entry<String, String> e : r.overrides().entrySet()) {
            cfg.set(e.getKey(), e.getValue());
        }
        if (r.benchmark() != null) {
            Pipeline.requireFileSettings(r.benchmark().toAbsolutePath(), r.stages(), cfg, r.overrides().keySet());
        }
        return cfg;
    }

    /** The arguments after {@code npr} that start {@code r}. */
    public static List<String> trainArguments(Request r) {
        List<String> args = new ArrayList<>(List.of("train"));
        if (r.benchmark() != null) {
            args.addAll(List.of("--benchmark", r.benchmark().toAbsolutePath().toString()));
        } else if (r.task() != null) {
            args.addAll(List.of("--task", r.task()));
        } // neither: the form has no source yet, and its command says so by leaving it out
        args.addAll(List.of("--preset", String.valueOf(r.preset())));
        if (!r.stages().equals(List.of(StageKind.values()))) {
            args.add("--stages");
            args.add(r.stages().stream().map(StageKind::label).collect(Collectors.joining(",")));
        }
        args.add("--run");
        args.add(r.run());
        r.overrides().forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        return args;
    }

    /** The arguments after {@code npr} that resume run {@code name}. */
    public static List<String> resumeArguments(String name) {
        return List.of("train", "--resume", name);
    }

    /**
     * The command line a user types to do the same ({@code npr [--home DIR] ARGS}), arguments quoted
     * for a POSIX shell where they need it; {@code --home} is left out for the default data home.
     */
    public String commandLine(List<String> args) {
        List<String> words = new ArrayList<>(List.of("npr"));
        if (!home.root().equals(DataHome.resolve(null).root())) {
            words.add("--home");
            words.add(home.root().toString());
        }
        words.addAll(args);
        return words.stream().map(TrainingLauncher::quote).collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./=:,@%+-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Starts a new pipeline run in a child process, validated first as {@link #validate} does; a
     * benchmark file is also read, so that one the loader refuses or one too small for the pools is
     * refused here, with its reason, rather than in the child. Reads files: call it off the JavaFX thread.
     */
    public Child start(Request r) {
        PipelineConfig cfg = validate(r);
        if (r.benchmark() != null) {
            ProblemSource.BenchmarkFile.load(r.benchmark()).requireUsable(cfg);
        }
        return launch(r.run(), trainArguments(r));
    }

    /** Resumes run {@code name} in a child process ({@code npr train --resume NAME}). */
    public Child resume(String name) {
        RunStore.requireValidName(name);
        Child c = children.get(name);
        if (c != null && c.alive()) {
            throw new BadInputException("run " + name + " is already training in this window; stop it first");
        }
        return launch(name, resumeArguments(name));
    }

    /**
     * Asks run {@code name} to stop at its next step boundary, through the run store
     * ({@link RunsService#stop}): the trainer saves a resumable checkpoint and ends the run
     * {@code stopped}. A run the store does not see running (its child started but has not yet
     * recorded it) has its child process ended instead (SIGTERM; the run then resumes from its last
     * checkpoint). Returns whether a stop was delivered. Reads the store: call it off the JavaFX thread.
     */
    public boolean stop(String name) {
        Optional<Child> child = child(name);
        try {
            new RunsService(home).stop(name);
            return true;
        } catch (BadInputException e) {
            child.filter(Child::alive).ifPresent(c -> c.process().destroy());
            return child.isPresent();
        }
    }

    /** The child of run {@code name} started by this launcher, if any (alive or not). */
    public Optional<Child> child(String name) {
        return Optional.ofNullable(children.get(name));
    }

    /** The children still training. */
    public List<Child> running() {
        return children.values().stream().filter(Child::alive).toList();
    }

    /** Ends every child still training (on quit when the user chose to stop them). */
    public void stopAll() {
        running().forEach(c -> stop(c.run()));
    }

    private Child launch(String run, List<String> args) {
        Path folder = home.runs().resolve(run);
        Path log = folder.resolve(LOG_FILE);
        List<String> command = new ArrayList<>(jvm);
        command.add("--home");
        command.add(home.root().toString());
        command.addAll(args);
        try {
            Files.createDirectories(folder);
            Files.writeString(log, "$ " + commandLine(args) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put("OPT_OUT_TRACKING", "true");
            // Runs that train at once share the cores: OpenMP threads that spin while they wait made two
            // runs on 2 cores take 25.5 s where one alone took 6.5 s; sleeping waits, 9.1 s (README).
            pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
            Process p = pb.start();
            Child c = new Child(run, p, log, List.copyOf(command), p.onExit().thenApply(Process::exitValue));
            children.put(run, c);
            return c;
        } catch (IOException e) {
            throw BadInputException.inFile(log, "cannot start the training process (" + e.getMessage()
                    + "); check that the data home is writable");
        }
    }

    /** This JVM's java executable, its class path and {@link #MAIN_CLASS}. */
    public static List<String> currentJvm() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-DOPT_OUT_TRACKING=true", "-cp", System.getProperty("java.class.path"), MAIN_CLASS);
    }

    /** The last lines of a log; progress bars redrawn with carriage returns count as lines. */
    static List<String> tail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try {
            List<String> all = java.util.Arrays.stream(new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                    .split("[\r\n]+")).filter(l -> !l.isBlank()).toList();
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
