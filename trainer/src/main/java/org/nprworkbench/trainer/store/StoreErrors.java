package org.nprworkbench.trainer.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.h2.api.ErrorCode;

/**
 * Why the run database cannot be used, in words: each H2 failure that means "locked", "damaged",
 * "unreadable" or "not ours" becomes a {@link RunStoreException} that names the file and says what
 * to do.
 */
final class StoreErrors {
    private StoreErrors() {
    }

    static void checkAccess(Path file) {
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RunStoreException(RunStoreException.Problem.UNREADABLE, file,
                    "cannot create the folder " + dir + " (" + e.getMessage() + "); check --home and its permissions", e);
        }
        if (Files.exists(file)) {
            if (!Files.isRegularFile(file)) {
                throw new RunStoreException(RunStoreException.Problem.UNREADABLE, file,
                        "is not a file; move it aside so that the run database can be created", null);
            }
            if (!Files.isReadable(file) || !Files.isWritable(file)) {
                throw new RunStoreException(RunStoreException.Problem.UNREADABLE, file,
                        "the run database cannot be " + (Files.isReadable(file) ? "written" : "read")
                                + " by this user; fix its permissions (chmod u+rw) or point --home elsewhere", null);
            }
        }
        if (!Files.isWritable(dir)) {
            throw new RunStoreException(RunStoreException.Problem.UNREADABLE, file,
                    "the folder " + dir + " is not writable (H2 keeps a lock file beside the database); "
                            + "fix its permissions or point --home elsewhere", null);
        }
    }

    static RunStoreException unusable(Path file, SQLException e) {
        RunStoreException r = e.getErrorCode() == ErrorCode.IO_EXCEPTION_1 || e.getErrorCode() == ErrorCode.IO_EXCEPTION_2
                ? null : unusableOrNull(file, e);
        // the file passed the permission checks, so an I/O error while opening it means it is damaged
        return r != null ? r : corrupt(file, e);
    }

    private static RunStoreException corrupt(Path file, SQLException e) {
        return new RunStoreException(RunStoreException.Problem.CORRUPT, file,
                "the run database is damaged or is not an H2 " + org.h2.engine.Constants.VERSION + " database (H2: "
                        + detail(file, e) + "). It was left as it is. Move it aside (for example rename it to "
                        + file.getFileName() + ".bad) and the next start creates a new, empty database, or restore a "
                        + "backup; H2's Recover tool (java -cp h2.jar org.h2.tools.Recover -dir " + file.getParent()
                        + ") extracts what is still readable", e);
    }

    /** A {@link RunStoreException} when {@code e} says the file is unusable; null for other SQL errors. */
    static RunStoreException unusableOrNull(Path file, SQLException e) {
        switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1:
                return new RunStoreException(RunStoreException.Problem.LOCKED, file,
                        "the run database is in use by another process that does not share it (H2: " + detail(file, e)
                                + "). Close the other program (an H2 console, or an npr process started with other "
                                + "settings or on another machine) and try again; if none is running, the stale lock "
                                + "file " + file.resolveSibling(lockName(file)) + " may be removed", e);
            case ErrorCode.FILE_CORRUPTED_1:
            case ErrorCode.FILE_VERSION_ERROR_1:
            case ErrorCode.FILE_ENCRYPTION_ERROR_1:
                return corrupt(file, e);
            case ErrorCode.IO_EXCEPTION_1:
            case ErrorCode.IO_EXCEPTION_2:
            case ErrorCode.FILE_NOT_FOUND_1:
            case ErrorCode.FILE_CREATION_FAILED_1:
            case ErrorCode.DATABASE_IS_READ_ONLY:
                return new RunStoreException(RunStoreException.Problem.UNREADABLE, file,
                        "the run database cannot be read or written (H2: " + detail(file, e) + "); check the "
                                + "file's permissions and the free disk space", e);
            case ErrorCode.WRONG_USER_OR_PASSWORD:
                return new RunStoreException(RunStoreException.Problem.FOREIGN, file,
                        "this H2 database was created by another program (its user is not the run store's); "
                                + "move it aside or point --home elsewhere", e);
            default:
                return null;
        }
    }

    /**
     * What H2 says went wrong, in one line without the file name (the message already starts with
     * it): the innermost storage error's text, plus the operating system's reason if there is one.
     */
    private static String detail(Path file, SQLException e) {
        String text = cleanMessage(e);
        String os = null;
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c.getClass().getName().startsWith("org.h2.mvstore") && c.getMessage() != null) {
                text = c.getMessage();
            } else if (c instanceof java.io.EOFException) {
                os = "the file ends early";
            } else if (c instanceof IOException && c.getMessage() != null) {
                os = c.getMessage();
            }
        }
        text = text.replace("\"" + file + "\"", "").replace(file.toString(), "")
                .replaceAll("\\s*\\[[0-9.]+(/|-)[0-9]+]", "")
                .replaceAll("[a-z.]+\\.FileChannelImpl@\\w+ ", "")
                .replaceAll("\\. Possible solution.*$", "")
                .replaceAll("[:\\s]+$", "").trim();
        return os == null ? text : text + ": " + os;
    }

    private static String lockName(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ".mv.db".length()) + ".lock.db";
    }

    /** H2's message without its error-code suffix, first line only. */
    static String cleanMessage(SQLException e) {
        String m = StoreSchema.firstLine(String.valueOf(e.getMessage()));
        return m.replaceAll("\\s*\\[\\d+-\\d+]$", "").replaceAll("\\s*;\\s*SQL statement:.*$", "");
    }
}
