package org.nprworkbench.trainer.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.stage.StageKind;

/**
 * Opening databases of other versions and damaged ones: a version-1 database is migrated with its
 * data intact; a newer, foreign or corrupt one is refused with a message naming the file, and left
 * as it was.
 */
class SchemaMigrationTest {
    @TempDir
    Path dir;

    private Path base() {
        return dir.resolve("db").resolve("runs");
    }

    private Path file() {
        return dir.resolve("db").resolve("runs.mv.db");
    }

    private static JdbcDataSource dataSource(Path base) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(RunStore.url(base));
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    @Test
    void aVersionOneDatabaseIsMigratedWithItsDataIntact() throws Exception {
        Files.createDirectories(base().getParent());
        JdbcDataSource ds = dataSource(base());
        StoreSchema.flyway(ds, "1").migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // rows as version 1 of the store wrote them
            s.executeUpdate("insert into runs (id, name, task, stages, config, status, created_at, updated_at, seed) "
                    + "values (1, 'old', 'countdown', 'seed,zero', '{\"lr\":0.001}', 'finished', "
                    + "timestamp with time zone '2026-01-01 10:00:00+00', timestamp with time zone '2026-01-01 11:00:00+00', 3)");
            s.executeUpdate("insert into stages (id, run_id, ordinal, kind, status, total_steps) values "
                    + "(1, 1, 0, 'seed', 'finished', 2), (2, 1, 1, 'zero', 'pending', null)");
            s.executeUpdate("insert into metrics (run_id, stage_id, step, name, val, wall_time) values "
                    + "(1, 1, 1, 'train/loss', 3.5, current_timestamp), (1, 1, 2, 'train/loss', 2.5, current_timestamp)");
            s.executeUpdate("insert into checkpoints (run_id, stage_id, step, folder, metrics, saved_at) values "
                    + "(1, 1, 2, '/somewhere/seed', '{\"loss\":2.5}', current_timestamp)");
            try (ResultSet rs = s.executeQuery("select count(*) from information_schema.tables where table_name = 'EVENTS'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "version 1 has no events table");
            }
        }

        try (RunStore store = RunStore.open(base())) {
            RunInfo run = store.requireRun("old");
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals("countdown", run.task());
            assertEquals(List.of(StageKind.SEED, StageKind.ZERO), run.stages());
            assertEquals(List.of(3.5, 2.5), store.metrics(run.id(), null, null).stream().map(MetricRow::value).toList());
            assertEquals("/somewhere/seed", store.checkpoints(run.id()).get(0).folder());
            // what version 2 added works on the migrated data
            store.recordEvent(run.id(), StageKind.SEED, 2L, EventKind.RESUME, "resumed from step 2");
            assertEquals("resumed from step 2", store.events(run.id()).get(0).message());
            assertEquals(2L, store.metricsSince(run.id(), 0).size());
            // and what version 3 added: a finished run refuses a stop request, its column reads null
            assertFalse(store.stopRequested(run.id()));
            assertThrows(BadInputException.class, () -> store.requestStop("old"));
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select max(cast(\"version\" as int)) from \"flyway_schema_history\" where \"success\"")) {
            rs.next();
            assertEquals(3, rs.getInt(1));
        }
    }

    @Test
    void aDatabaseFromANewerVersionIsRefusedAndKept() throws Exception {
        try (RunStore store = RunStore.open(base())) {
            store.createRun(new RunSpec("mine", null, null, List.of(StageKind.SEED), "{}", null, null));
        }
        Flyway.configure().dataSource(dataSource(base()))
                .locations(StoreSchema.LOCATION, "classpath:org/nprworkbench/trainer/store/future")
                .loggers(QuietFlywayLogs.class.getName()).load().migrate();

        RunStoreException e = assertThrows(RunStoreException.class, () -> RunStore.open(base()));
        assertEquals(RunStoreException.Problem.NEWER_SCHEMA, e.problem());
        assertTrue(e.getMessage().startsWith(file() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        assertTrue(e.getMessage().contains("knows up to version 3"), e.getMessage());
        try (Connection c = DriverManager.getConnection(RunStore.url(base()), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from runs, future_things")) {
            rs.next(); // both tables are still there
        }
    }

    @Test
    void aCorruptDatabaseIsRefusedAndLeftByteForByte() throws Exception {
        Files.createDirectories(file().getParent());
        byte[] garbage = new byte[64 * 1024];
        new Random(5).nextBytes(garbage);
        Files.write(file(), garbage);

        RunStoreException e = assertThrows(RunStoreException.class, () -> RunStore.open(base()));
        assertEquals(RunStoreException.Problem.CORRUPT, e.problem());
        assertEquals(file(), e.file());
        assertTrue(e.getMessage().startsWith(file() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("left as it is") && e.getMessage().contains("Move it aside"), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(file()), "the file is untouched");
        // and again: a second attempt neither repairs nor replaces it
        assertThrows(RunStoreException.class, () -> RunStore.open(base()));
        assertArrayEquals(garbage, Files.readAllBytes(file()));
    }

    @Test
    void anotherProgramsDatabaseIsNotTakenOver() throws Exception {
        try (Connection c = DriverManager.getConnection(RunStore.url(base()), "sa", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("create table customers (id int primary key, name varchar(20))");
            s.executeUpdate("insert into customers values (1, 'Ada')");
        }
        RunStoreException e = assertThrows(RunStoreException.class, () -> RunStore.open(base()));
        assertEquals(RunStoreException.Problem.FOREIGN, e.problem());
        assertTrue(e.getMessage().startsWith(file() + ": "), e.getMessage());
        try (Connection c = DriverManager.getConnection(RunStore.url(base()), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select name from customers")) {
            assertTrue(rs.next());
            assertEquals("Ada", rs.getString(1));
        }
    }

    @Test
    void aFolderWhereTheFileShouldBeIsNamed() throws Exception {
        Files.createDirectories(file());
        RunStoreException e = assertThrows(RunStoreException.class, () -> RunStore.open(base()));
        assertEquals(RunStoreException.Problem.UNREADABLE, e.problem());
        assertTrue(e.getMessage().startsWith(file() + ": is not a file"), e.getMessage());
        assertTrue(Files.isDirectory(file()));
    }

    @Test
    void anUnreadableFileIsNamed() throws Exception {
        try (RunStore store = RunStore.open(base())) {
            store.createRun(new RunSpec("x", null, null, List.of(StageKind.SEED), "{}", null, null));
        }
        assertTrue(file().toFile().setReadable(false, false) && file().toFile().setWritable(false, false));
        try {
            Assumptions.assumeFalse(Files.isReadable(file()), "permissions are not enforced for this user (root)");
            RunStoreException e = assertThrows(RunStoreException.class, () -> RunStore.open(base()));
            assertEquals(RunStoreException.Problem.UNREADABLE, e.problem());
            assertTrue(e.getMessage().startsWith(file() + ": ") && e.getMessage().contains("permissions"), e.getMessage());
        } finally {
            file().toFile().setReadable(true, true);
            file().toFile().setWritable(true, true);
        }
    }
}
