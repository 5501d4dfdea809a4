package org.nprworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.nprworkbench.engine.bootstrap.DjlBootstrap;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root of the {@code npr} command line. Without a verb it opens the workbench window.
 * Bad input ends with one message on standard error and exit status 2: an option picocli cannot
 * parse, a bad data home (checked here for every verb), a bad file or value found by a verb. An
 * internal error ends with a short message, the stack trace written to the data home's log folder,
 * and exit status 1.
 */
@Command(name = "npr",
        mixinStandardHelpOptions = true,
        versionProvider = NprCommand.Version.class,
        description = "NPR Workbench: train, run and explore native parallel reasoning models.",
        subcommands = {
                WorkbenchCommand.class,
                ModelCommand.class,
                SolveCommand.class,
                TrainCommand.class,
                EvalCommand.class,
                RunsCommand.class,
                CheckpointsCommand.class,
                BenchCommand.class,
                GraphCommand.class,
                ProblemsCommand.class,
                CommandLine.HelpCommand.class
        })
public final class NprCommand implements Runnable {

    @Option(names = "--home", paramLabel = "DIR",
            description = "Data home for runs, checkpoints and logs (default: $NPR_HOME or ~/.npr-workbench).")
    Path home;

    @Override
    public void run() {
        new WorkbenchCommand().open(dataHome());
    }

    /** The data home chosen by {@code --home}, {@code NPR_HOME} or the default. */
    public DataHome dataHome() {
        return DataHome.resolve(home);
    }

    /** Runs the command line on the standard streams and returns the exit status. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        DjlBootstrap.init();
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The configured picocli command tree (for help output and tests). */
    public static CommandLine commandLine() {
        NprCommand root = new NprCommand();
        CommandLine cl = new CommandLine(root);
        cl.setParameterExceptionHandler(NprCommand::badArguments);
        // `--stages seed` and `--stages=seed` must mean the stage, not the `train seed` subcommand
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setExecutionStrategy(parseResult -> {
            if (!helpRequested(parseResult)) {
                try {
                    root.dataHome().requireFolderOrAbsent();
                } catch (BadInputException e) {
                    throw new CommandLine.ExecutionException(cl, e.getMessage(), e);
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> handle(ex, cmd, root));
        return cl;
    }

    private static boolean helpRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()
                    || p.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
                return true;
            }
        }
        return false;
    }

    /**
     * An option or argument picocli could not parse: one line naming it, and where to look, instead of
     * the whole usage. Exit status 2.
     */
    private static int badArguments(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = ex.getMessage()
                .replace("is not an int", "is not a whole number from -2147483648 to 2147483647")
                .replace("is not a long", "is not a whole number")
                .replace("is not a double", "is not a number")
                .replace("is not a float", "is not a number");
        cmd.getErr().println("npr: " + message + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
        cmd.getErr().flush();
        return 2;
    }

    private static int handle(Exception ex, CommandLine cmd, NprCommand root) {
        Throwable t = ex;
        while (t != null) {
            if (t instanceof BadInputException bad) {
                cmd.getErr().println("npr: " + bad.getMessage());
                cmd.getErr().flush();
                return 2;
            }
            t = t.getCause();
        }
        String where = writeCrashLog(ex, root);
        cmd.getErr().println("npr: internal error: " + ex);
        cmd.getErr().println(where == null ? "(no log could be written)" : "the stack trace is in " + where);
        cmd.getErr().flush();
        return 1;
    }

    private static String writeCrashLog(Exception ex, NprCommand root) {
        try {
            Path logs = root.dataHome().logs();
            Files.createDirectories(logs);
            Path file = logs.resolve("crash-" + LocalDateTime.now()
                    .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log");
            StringWriter sw = new StringWriter();
            ex.printStackTrace(new PrintWriter(sw));
            Files.writeString(file, sw.toString());
            return file.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Prints the project version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NprCommand.class.getPackage().getImplementationVersion();
            return new String[] {"npr " + (v == null ? "development" : v)};
        }
    }
}
