package org.nprworkbench.input;

import java.nio.file.Path;

/**
 * A user-facing error caused by bad input (a file, a line, a tensor, a flag). Its message names the
 * place and says what to do; the command line prints only that message and exits with status 2, the
 * GUI shows it in a dialog. Never thrown for programming errors.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A message of the form {@code FILE: PROBLEM}. */
    public static BadInputException inFile(Path file, String problem) {
        return new BadInputException(file + ": " + problem);
    }

    /** A message of the form {@code FILE:LINE: PROBLEM}. */
    public static BadInputException atLine(Path file, long line, String problem) {
        return new BadInputException(file + ":" + line + ": " + problem);
    }
}
