package org.nprworkbench.app.gui.environment;

import java.nio.file.Path;
import java.util.List;

import org.nprworkbench.engine.home.DataHome;

/** The first commands a new user can try, written out for this data home (paths quoted for the shell). */
public final class StarterCommands {
    private StarterCommands() {
    }

    /** The folder the starter commands create: {@code <home>/checkpoints/tiny}. */
    public static Path starterCheckpoint(DataHome home) {
        return home.checkpoints().resolve("tiny");
    }

    /** Creates a fresh embedded-default checkpoint where the Models view will find it. */
    public static String init(DataHome home) {
        return "npr model init --size tiny --out " + quote(starterCheckpoint(home));
    }

    /** init, info, score, bench and help, in the order to try them. */
    public static List<String> all(DataHome home) {
        String dir = quote(starterCheckpoint(home));
        return List.of(
                init(home),
                "npr model info " + dir,
                "npr model score " + dir + " --text \"2+3=5\"",
                "npr bench model",
                "npr --help");
    }

    /** The path as a shell word: {@code ~/...} below the user's home, quoted when it needs it. */
    static String quote(Path path) {
        Path user = Path.of(System.getProperty("user.home"));
        if (path.startsWith(user) && !path.equals(user) && safe(user.relativize(path).toString())) {
            return "~/" + user.relativize(path);
        }
        String s = path.toString();
        return safe(s) ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static boolean safe(String word) {
        return word.matches("[A-Za-z0-9_./:+=@%-]+");
    }
}
