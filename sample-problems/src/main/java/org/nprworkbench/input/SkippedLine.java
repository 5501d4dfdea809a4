package org.nprworkbench.input;

import java.nio.file.Path;

/**
 * A line (JSON Lines) or record (JSON array) that was left out of a load because the caller asked to
 * skip bad lines; {@link #toString()} is the message to show the user.
 *
 * @param file the file it came from
 * @param location {@code "line 7"} or {@code "record 7"}; {@code "line 7, column 12"} for a JSON syntax error
 * @param reason what was wrong with it
 */
public record SkippedLine(Path file, String location, String reason) {
    @Override
    public String toString() {
        return file + ": " + location + ": " + reason;
    }
}
