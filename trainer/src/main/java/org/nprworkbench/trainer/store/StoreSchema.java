package org.nprworkbench.trainer.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The run store's schema, versioned by Flyway from the SQL files in
 * {@code org/nprworkbench/trainer/store/schema} ({@code V1__...}, {@code V2__...}). Opening a
 * database brings it to the newest version; a database whose history is ahead of this code is
 * refused before anything is written to it.
 */
final class StoreSchema {
    static final String LOCATION = "classpath:org/nprworkbench/trainer/store/schema";

    private StoreSchema() {
    }

    /** Flyway configured for the run store on {@code db}; {@code target} null means the newest version. */
    static Flyway flyway(DataSource db, String target) {
        var cfg = Flyway.configure()
                .dataSource(db)
                .locations(LOCATION)
                .loggers(QuietFlywayLogs.class.getName())
                .failOnMissingLocations(true);
        if (target != null) {
            cfg = cfg.target(target);
        }
        return cfg.load();
    }

    /** Refuses a database written by a newer version, then applies the pending migrations. */
    static void migrate(DataSource db, Path file) throws SQLException {
        Flyway flyway = flyway(db, null);
        try {
            MigrationInfo[] all = flyway.info().all();
            MigrationInfo[] future = Arrays.stream(all)
                    .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                    .toArray(MigrationInfo[]::new);
            if (future.length > 0) {
                MigrationVersion newest = Arrays.stream(future).map(MigrationInfo::getVersion)
                        .max(Comparator.naturalOrder()).orElseThrow();
                MigrationVersion known = Arrays.stream(all).filter(m -> m.getState().isResolved())
                        .map(MigrationInfo::getVersion).max(Comparator.naturalOrder()).orElse(MigrationVersion.EMPTY);
                throw new RunStoreException(RunStoreException.Problem.NEWER_SCHEMA, file,
                        "this run database has schema version " + newest + " (" + Arrays.stream(future)
                                .map(m -> "V" + m.getVersion() + " " + m.getDescription())
                                .collect(Collectors.joining(", "))
                                + "), written by a newer NPR Workbench; this one knows up to version " + known
                                + ". Open it with the newer version, or point --home (NPR_HOME) elsewhere "
                                + "to start a separate database; the file was not changed",
                        null);
            }
            flyway.migrate();
        } catch (FlywayException e) {
            SQLException sql = sqlCause(e);
            if (sql != null) {
                throw sql;
            }
            String m = String.valueOf(e.getMessage());
            if (m.contains("non-empty schema") || m.contains("no schema history")) {
                throw new RunStoreException(RunStoreException.Problem.FOREIGN, file,
                        "this database holds tables but no run-store schema history, so it is not an NPR "
                                + "Workbench run database; move it aside (or point --home elsewhere) and a new "
                                + "one is created; the file was not changed", e);
            }
            throw new RunStoreException(RunStoreException.Problem.CORRUPT, file,
                    "the run database's schema cannot be brought up to date: " + firstLine(m)
                            + ". Restore a backup, or move the file aside to start a new database", e);
        }
    }

    private static SQLException sqlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
