package org.nprworkbench.trainer.store;

import java.nio.file.Path;

import org.nprworkbench.input.BadInputException;

/**
 * The run database cannot be used: it is locked by a process this one cannot reach, corrupt,
 * unreadable, written by a newer version, or not a run database at all. The message names the file
 * and says what to do; the file is left exactly as it was (never recreated, nothing deleted).
 */
public final class RunStoreException extends BadInputException {
    private static final long serialVersionUID = 1L;

    /** Why the database cannot be used. */
    public enum Problem {
        /** Another process holds it and does not share it. */
        LOCKED,
        /** Not a readable H2 database (damaged, truncated, or not a database). */
        CORRUPT,
        /** The file or its folder cannot be read or written. */
        UNREADABLE,
        /** Its schema is newer than this version of the workbench knows. */
        NEWER_SCHEMA,
        /** A database with tables but without the run store's schema history. */
        FOREIGN
    }

    private final Problem problem;
    private final transient Path file;

    RunStoreException(Problem problem, Path file, String what, Throwable cause) {
        super(file + ": " + what, cause);
        this.problem = problem;
        this.file = file;
    }

    public Problem problem() {
        return problem;
    }

    /** The database file ({@code ....mv.db}). */
    public Path file() {
        return file;
    }
}
