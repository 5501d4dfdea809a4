package org.nprworkbench.trainer.store;

import static org.nprworkbench.trainer.store.Columns.all;
import static org.nprworkbench.trainer.store.Columns.getBoolean;
import static org.nprworkbench.trainer.store.Columns.getDouble;
import static org.nprworkbench.trainer.store.Columns.getInt;
import static org.nprworkbench.trainer.store.Columns.getLong;
import static org.nprworkbench.trainer.store.Columns.generatedKey;
import static org.nprworkbench.trainer.store.Columns.instant;
import static org.nprworkbench.trainer.store.Columns.one;
import static org.nprworkbench.trainer.store.Columns.setDouble;
import static org.nprworkbench.trainer.store.Columns.setInt;
import static org.nprworkbench.trainer.store.Columns.setLong;
import static org.nprworkbench.trainer.store.Columns.time;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.trainer.metrics.MetricNames;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.Columns.RowReader;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

/**
 * The durable record of training runs: runs, their stages, metrics, checkpoints, rollouts and
 * evaluation samples, and events, in an H2 file database in the data home ({@code db/runs.mv.db}).
 *
 * <p>Several processes use one database at once through H2's automatic mixed mode
 * ({@code AUTO_SERVER=TRUE}): the first process to open the file serves it on a loopback port and
 * the others connect to it; when that process exits, another takes over. A training run on the
 * command line writes while the workbench window reads.
 *
 * <p>Each write is one transaction (a step's metrics together). One row exists per (run, stage,
 * step, metric name): writing a step again replaces its values and gives the rows fresh ids, so a
 * reader tailing with {@link #metricsSince} sees them. Recording a checkpoint and finishing a stage
 * or run also force the database file to disk, so a run killed afterwards finds them.
 *
 * <p>A database that is locked by a process this one cannot reach, corrupt, unreadable, written by
 * a newer version, or not a run database is refused with a {@link RunStoreException} naming the file;
 * it is never recreated or changed. Thread-safe: every call takes a pooled connection.
 */
public final class RunStore implements AutoCloseable {
    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MESSAGE_LIMIT = 4000;
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private static final Type METRIC_MAP = new TypeToken<LinkedHashMap<String, Double>>() { }.getType();
    private static final String CODE_VERSION = readCodeVersion();
    private static volatile String localHost;

    private final Path file;
    private final JdbcConnectionPool pool;
    private final Map<Long, Map<StageKind, Long>> stageIds = new ConcurrentHashMap<>();

    private RunStore(Path file, JdbcConnectionPool pool) {
        this.file = file;
        this.pool = pool;
    }

    /** Opens (creating on first use, migrating if older) the run database of {@code home}. */
    public static RunStore open(DataHome home) {
        return open(home.database());
    }

    /**
     * Opens the run database at {@code prefix} (H2 appends {@code .mv.db}), creating it and its folder
     * if there is none, migrating an older schema.
     *
     * @throws RunStoreException when it is locked, corrupt, unreadable, newer or foreign
     */
    public static RunStore open(Path prefix) {
        Path base = prefix.toAbsolutePath().normalize();
        Path file = fileOf(base);
        if (base.toString().contains(";")) {
            throw new RunStoreException(RunStoreException.Problem.UNREADABLE, file,
                    "a run database path may not contain ';' (H2 reads it as a URL separator); choose another --home",
                    null);
        }
        StoreErrors.checkAccess(file);
        JdbcConnectionPool pool = JdbcConnectionPool.create(url(base), "sa", "");
        try {
            try (Connection c = pool.getConnection()) {
                c.isValid(1);
            }
            StoreSchema.migrate(pool, file);
            return new RunStore(file, pool);
        } catch (SQLException e) {
            pool.dispose();
            throw StoreErrors.unusable(file, e);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    /**
     * The JDBC URL of the database at {@code base}: automatic mixed mode (several processes), and
     * every commit written to the file at once (H2 otherwise waits up to half a second, and a process
     * killed in that time would lose transactions that other processes had already read). Even so a
     * commit that meets a store already in progress is written with the next one, so the writes a
     * killed trainer must not lose (a step's metrics, status changes, checkpoints) are each followed
     * by {@code checkpoint sync} ({@link #sync}).
     */
    static String url(Path base) {
        return "jdbc:h2:file:" + base + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /** The database file of {@code home} ({@code db/runs.mv.db}), whether it exists or not. */
    public static Path fileOf(DataHome home) {
        return fileOf(home.database().toAbsolutePath().normalize());
    }

    private static Path fileOf(Path base) {
        return base.resolveSibling(base.getFileName() + ".mv.db");
    }

    /** The database file ({@code .../runs.mv.db}). */
    public Path file() {
        return file;
    }

    /** Closes this process's connections; if it served the file to others, one of them takes over. */
    @Override
    public void close() {
        pool.dispose();
    }

    // ------------------------------------------------------------------------------------------
    // runs

    /**
     * Records a new run, status running, with a pending row for each planned stage.
     *
     * @throws BadInputException for an invalid or taken name, no stages, or a configuration that is not a JSON object
     */
    public RunInfo createRun(RunSpec spec) {
        checkName(spec.name(), "run name");
        if (spec.stages().isEmpty()) {
            throw new BadInputException("run " + spec.name() + ": no stages to run");
        }
        if (spec.stages().stream().distinct().count() != spec.stages().size()) {
            throw new BadInputException("run " + spec.name() + ": a stage is listed twice in " + spec.stages());
        }
        checkJsonObject(spec.configJson(), "run " + spec.name() + " configuration");
        Instant now = Instant.now();
        long id = write(c -> {
            long runId;
            try (PreparedStatement ps = c.prepareStatement("insert into runs (name, task, preset, stages, config, "
                    + "status, created_at, updated_at, seed, code_version, host, pid, device) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, spec.name());
                ps.setString(2, spec.task());
                ps.setString(3, spec.preset());
                ps.setString(4, labels(spec.stages()));
                ps.setString(5, spec.configJson());
                ps.setString(6, RunStatus.RUNNING.label());
                ps.setObject(7, time(now));
                ps.setObject(8, time(now));
                setLong(ps, 9, spec.seed());
                ps.setString(10, CODE_VERSION);
                ps.setString(11, localHost());
                ps.setLong(12, ProcessHandle.current().pid());
                ps.setString(13, spec.device());
                ps.executeUpdate();
                runId = generatedKey(ps);
            } catch (SQLException e) {
                if (e.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) {
                    throw new BadInputException("a run named '" + spec.name() + "' already exists in " + file
                            + "; choose another name, or delete it first (npr runs delete " + spec.name() + ")");
                }
                throw e;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into stages (run_id, ordinal, kind, status) values (?, ?, ?, ?)")) {
                for (int i = 0; i < spec.stages().size(); i++) {
                    ps.setLong(1, runId);
                    ps.setInt(2, i);
                    ps.setString(3, spec.stages().get(i).label());
                    ps.setString(4, RunStatus.PENDING.label());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return runId;
        });
        return run(id).orElseThrow();
    }

    /** The run named {@code name}, if there is one. */
    public Optional<RunInfo> run(String name) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(RUN_COLUMNS + " where name = ?")) {
                ps.setString(1, name);
                return one(ps, RunStore::runInfo);
            }
        });
    }

    /** The run with key {@code id}, if there is one. */
    public Optional<RunInfo> run(long id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(RUN_COLUMNS + " where id = ?")) {
                ps.setLong(1, id);
                return one(ps, RunStore::runInfo);
            }
        });
    }

    /** The run named {@code name}; bad input naming the database if there is none. */
    public RunInfo requireRun(String name) {
        return run(name).orElseThrow(() -> new BadInputException("no run named '" + name + "' in " + file
                + " (npr runs lists the runs)"));
    }

    /** Every run, oldest first. */
    public List<RunInfo> runs() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(RUN_COLUMNS + " order by created_at, id")) {
                return all(ps, RunStore::runInfo);
            }
        });
    }

    /** Every run with its last step and best headline metric (see {@link RunSummary}), oldest first. */
    public List<RunSummary> summaries() {
        return read(c -> {
            List<RunSummary> out = new ArrayList<>();
            List<RunInfo> runs;
            try (PreparedStatement ps = c.prepareStatement(RUN_COLUMNS + " order by created_at, id")) {
                runs = all(ps, RunStore::runInfo);
            }
            for (RunInfo r : runs) {
                StageKind lastStage = null;
                Long lastStep = null;
                try (PreparedStatement ps = c.prepareStatement("select s.kind, max(m.step) from metrics m "
                        + "join stages s on s.id = m.stage_id where m.run_id = ? group by s.kind, s.ordinal "
                        + "order by s.ordinal desc limit 1")) {
                    ps.setLong(1, r.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            lastStage = StageKind.parse(rs.getString(1));
                            lastStep = rs.getLong(2);
                        }
                    }
                }
                out.add(new RunSummary(r, lastStage, lastStep, best(c, r.id())));
            }
            return out;
        });
    }

    private static MetricRow best(Connection c, long runId) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select distinct name from metrics where run_id = ? order by name")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        String name = names.stream().filter(MetricNames::isValMean).findFirst().orElse(null);
        boolean highest = true;
        if (name == null && names.contains(MetricNames.SCORE_MEAN)) {
            name = MetricNames.SCORE_MEAN;
        } else if (name == null && names.contains(MetricNames.TRAIN_LOSS)) {
            name = MetricNames.TRAIN_LOSS;
            highest = false;
        }
        if (name == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement(METRIC_COLUMNS + " where m.run_id = ? and m.name = ? "
                + "and m.val = m.val order by m.val " + (highest ? "desc" : "asc") + ", s.ordinal, m.step limit 1")) {
            ps.setLong(1, runId);
            ps.setString(2, name);
            return one(ps, RunStore::metricRow).orElse(null);
        }
    }

    /**
     * Asks the process training run {@code name} to stop at its next step boundary (it saves a
     * resumable checkpoint, then ends the stage and the run stopped). Returns the run as it was.
     *
     * @throws BadInputException when there is no such run, or it is not running (finished, failed,
     *                           stopped, or its process is gone)
     */
    public RunInfo requestStop(String name) {
        RunInfo run = requireRun(name);
        if (run.status() != RunStatus.RUNNING) {
            String why = switch (run.status()) {
                case INTERRUPTED -> "was interrupted (its process " + run.pid() + " is gone); npr train --resume "
                        + name + " continues it";
                case STOPPED -> "is already stopped; npr train --resume " + name + " continues it";
                case FAILED -> "has failed; npr train --resume " + name + " continues it";
                default -> "has " + run.status().label() + "; there is nothing to stop";
            };
            throw new BadInputException("run " + name + " " + why);
        }
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update runs set stop_requested_at = "
                    + "coalesce(stop_requested_at, ?), updated_at = ? where id = ?")) {
                Instant now = Instant.now();
                ps.setObject(1, time(now));
                ps.setObject(2, time(now));
                ps.setLong(3, run.id());
                requireUpdated(ps.executeUpdate(), run.id());
            }
            return null;
        });
        sync();
        return run;
    }

    /** Whether a stop has been requested for the run since it (last) started running. */
    public boolean stopRequested(long runId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select stop_requested_at is not null from runs where id = ?")) {
                ps.setLong(1, runId);
                return one(ps, rs -> rs.getBoolean(1)).orElse(false);
            }
        });
    }

    /** Sets a run running again in this process (on resume): clears its end time and any stop request, records host and process. */
    public void markRunning(long runId, String device) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update runs set status = ?, finished_at = null, stop_requested_at = null, "
                    + "updated_at = ?, host = ?, pid = ?, device = coalesce(?, device), code_version = ? where id = ?")) {
                ps.setString(1, RunStatus.RUNNING.label());
                ps.setObject(2, time(Instant.now()));
                ps.setString(3, localHost());
                ps.setLong(4, ProcessHandle.current().pid());
                ps.setString(5, device);
                ps.setString(6, CODE_VERSION);
                ps.setLong(7, runId);
                requireUpdated(ps.executeUpdate(), runId);
            }
            return null;
        });
    }

    /** Ends a run with {@code status} (finished, failed or stopped) and forces the file to disk. */
    public void finishRun(long runId, RunStatus status) {
        requireEnd(status);
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update runs set status = ?, finished_at = ?, updated_at = ? where id = ?")) {
                Instant now = Instant.now();
                ps.setString(1, status.label());
                ps.setObject(2, time(now));
                ps.setObject(3, time(now));
                ps.setLong(4, runId);
                requireUpdated(ps.executeUpdate(), runId);
            }
            return null;
        });
        sync();
    }

    /**
     * Deletes a run and everything recorded with it (stages, metrics, checkpoint rows, rollouts,
     * events); the checkpoint folders on disk are not touched. Returns false if there was no such run.
     */
    public boolean deleteRun(String name) {
        Optional<RunInfo> run = run(name);
        if (run.isEmpty()) {
            return false;
        }
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from runs where id = ?")) {
                ps.setLong(1, run.get().id());
                ps.executeUpdate();
            }
            return null;
        });
        stageIds.remove(run.get().id());
        return true;
    }

    /**
     * Renames a run in the store (its checkpoint folders keep their paths).
     *
     * @throws BadInputException if there is no run {@code from}, {@code to} is invalid or taken
     */
    public void renameRun(String from, String to) {
        checkName(to, "new run name");
        RunInfo run = requireRun(from);
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update runs set name = ?, updated_at = ? where id = ?")) {
                ps.setString(1, to);
                ps.setObject(2, time(Instant.now()));
                ps.setLong(3, run.id());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (e.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) {
                    throw new BadInputException("cannot rename '" + from + "' to '" + to
                            + "': a run with that name already exists in " + file);
                }
                throw e;
            }
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------
    // stages

    /**
     * Marks a stage running (adding it to the run if it was not planned). A stage started again (on
     * resume) keeps its first start time.
     *
     * @param totalSteps       the steps it plans; null if unknown
     * @param parentCheckpoint the checkpoint it starts from; null for a fresh model
     */
    public StageInfo startStage(long runId, StageKind stage, Long totalSteps, String parentCheckpoint) {
        write(c -> {
            Instant now = Instant.now();
            int updated;
            try (PreparedStatement ps = c.prepareStatement("update stages set status = ?, total_steps = ?, "
                    + "started_at = coalesce(started_at, ?), ended_at = null, parent_checkpoint = ?, message = null "
                    + "where run_id = ? and kind = ?")) {
                ps.setString(1, RunStatus.RUNNING.label());
                setLong(ps, 2, totalSteps);
                ps.setObject(3, time(now));
                ps.setString(4, parentCheckpoint);
                ps.setLong(5, runId);
                ps.setString(6, stage.label());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("insert into stages (run_id, ordinal, kind, status, "
                        + "total_steps, started_at, parent_checkpoint) select ?, coalesce(max(ordinal) + 1, 0), ?, ?, ?, ?, ? "
                        + "from stages where run_id = ?")) {
                    ps.setLong(1, runId);
                    ps.setString(2, stage.label());
                    ps.setString(3, RunStatus.RUNNING.label());
                    setLong(ps, 4, totalSteps);
                    ps.setObject(5, time(now));
                    ps.setString(6, parentCheckpoint);
                    ps.setLong(7, runId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "update runs set stages = stages || ',' || ? where id = ?")) {
                    ps.setString(1, stage.label());
                    ps.setLong(2, runId);
                    requireUpdated(ps.executeUpdate(), runId);
                }
            }
            touch(c, runId, now);
            return null;
        });
        return stages(runId).stream().filter(s -> s.kind() == stage).findFirst().orElseThrow();
    }

    /**
     * Ends a stage with {@code status} (finished, failed or stopped) and forces the file to disk.
     *
     * @param message why it failed or stopped; null if it finished
     */
    public void finishStage(long runId, StageKind stage, RunStatus status, String message) {
        requireEnd(status);
        write(c -> {
            Instant now = Instant.now();
            try (PreparedStatement ps = c.prepareStatement(
                    "update stages set status = ?, ended_at = ?, message = ? where id = ?")) {
                ps.setString(1, status.label());
                ps.setObject(2, time(now));
                ps.setString(3, clip(message));
                ps.setLong(4, stageId(c, runId, stage));
                ps.executeUpdate();
            }
            touch(c, runId, now);
            return null;
        });
        sync();
    }

    /** The run's stages in plan order. */
    public List<StageInfo> stages(long runId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id, kind, status, total_steps, started_at, "
                    + "ended_at, parent_checkpoint, message from stages where run_id = ? order by ordinal")) {
                ps.setLong(1, runId);
                return all(ps, rs -> new StageInfo(rs.getLong(1), StageKind.parse(rs.getString(2)),
                        RunStatus.of(rs.getString(3)), getLong(rs, 4), instant(rs, 5), instant(rs, 6),
                        rs.getString(7), rs.getString(8)));
            }
        });
    }

    // ------------------------------------------------------------------------------------------
    // metrics

    /**
     * Records one step's metrics in one transaction; a name already recorded for this (run, stage,
     * step) is replaced. NaN and infinite values are stored as they are.
     */
    public void recordMetrics(long runId, StageKind stage, long step, Map<String, Double> values, Instant wallTime) {
        if (values.isEmpty()) {
            return;
        }
        write(c -> {
            long stageId = stageId(c, runId, stage);
            // replace = delete the key's row and insert it anew, so the row gets a fresh id and a
            // reader tailing by id sees it (a MERGE updating in place would keep the old id)
            try (PreparedStatement del = c.prepareStatement(
                    "delete from metrics where run_id = ? and stage_id = ? and step = ? and name = ?");
                 PreparedStatement ins = c.prepareStatement(
                    "insert into metrics (run_id, stage_id, step, name, val, wall_time) values (?, ?, ?, ?, ?, ?)")) {
                OffsetDateTime at = time(wallTime);
                for (Map.Entry<String, Double> e : values.entrySet()) {
                    checkMetricName(e.getKey());
                    del.setLong(1, runId);
                    del.setLong(2, stageId);
                    del.setLong(3, step);
                    del.setString(4, e.getKey());
                    del.addBatch();
                    ins.setLong(1, runId);
                    ins.setLong(2, stageId);
                    ins.setLong(3, step);
                    ins.setString(4, e.getKey());
                    ins.setDouble(5, e.getValue());
                    ins.setObject(6, at);
                    ins.addBatch();
                }
                del.executeBatch();
                ins.executeBatch();
            }
            touch(c, runId, Instant.now());
            return null;
        });
        sync(); // a step's rows are on disk before the trainer goes on: a killed trainer loses none it reported
    }

    private static final String METRIC_COLUMNS = "select m.id, s.kind, m.step, m.name, m.val, m.wall_time "
            + "from metrics m join stages s on s.id = m.stage_id";

    /**
     * The run's metric rows in stage order, then step, then name.
     *
     * @param names only these names; empty or null for all
     * @param stage only this stage; null for all
     */
    public List<MetricRow> metrics(long runId, Collection<String> names, StageKind stage) {
        return read(c -> {
            StringBuilder sql = new StringBuilder(METRIC_COLUMNS).append(" where m.run_id = ?");
            if (stage != null) {
                sql.append(" and s.kind = ?");
            }
            List<String> wanted = names == null ? List.of() : List.copyOf(names);
            if (!wanted.isEmpty()) {
                sql.append(" and m.name in (").append(wanted.stream().map(n -> "?").collect(Collectors.joining(", ")))
                        .append(')');
            }
            sql.append(" order by s.ordinal, m.step, m.name");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setLong(i++, runId);
                if (stage != null) {
                    ps.setString(i++, stage.label());
                }
                for (String n : wanted) {
                    ps.setString(i++, n);
                }
                return all(ps, RunStore::metricRow);
            }
        });
    }

    /**
     * The run's metric rows written (or re-written) after the row with id {@code afterId}, in write
     * order: a live reader calls it with the largest id it has seen (0 at first). Assumes one writer
     * per run, as training runs are.
     */
    public List<MetricRow> metricsSince(long runId, long afterId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(METRIC_COLUMNS + " where m.run_id = ? and m.id > ? order by m.id")) {
                ps.setLong(1, runId);
                ps.setLong(2, afterId);
                return all(ps, RunStore::metricRow);
            }
        });
    }

    /** Each metric name of the run with its row count and latest value, by name. */
    public List<MetricSummary> metricSummaries(long runId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select name, cnt, kind, step, val from ("
                    + "select m.name, s.kind, m.step, m.val, count(*) over (partition by m.name) cnt, "
                    + "row_number() over (partition by m.name order by s.ordinal desc, m.step desc) rn "
                    + "from metrics m join stages s on s.id = m.stage_id where m.run_id = ?) t where rn = 1 order by name")) {
                ps.setLong(1, runId);
                return all(ps, rs -> new MetricSummary(rs.getString(1), rs.getLong(2), StageKind.parse(rs.getString(3)),
                        rs.getLong(4), rs.getDouble(5)));
            }
        });
    }

    /** Deletes the stage's metric rows after {@code step} (a resumed run re-writes them); returns how many. */
    public int deleteMetricsAfter(long runId, StageKind stage, long step) {
        return deleteAfter("metrics", runId, stage, step);
    }

    /** Deletes the stage's rollouts and evaluation samples after {@code step}; returns how many. */
    public int deleteRolloutsAfter(long runId, StageKind stage, long step) {
        return deleteAfter("rollouts", runId, stage, step);
    }

    private int deleteAfter(String table, long runId, StageKind stage, long step) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where run_id = ? and stage_id = ? and step > ?")) {
                ps.setLong(1, runId);
                ps.setLong(2, stageId(c, runId, stage));
                ps.setLong(3, step);
                return ps.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------------------------------
    // checkpoints

    /**
     * Records a saved checkpoint (replacing the row of the same stage and step) and forces the file
     * to disk; returns the row's key.
     */
    public long recordCheckpoint(long runId, CheckpointRecord ck) {
        long id = write(c -> {
            long stageId = stageId(c, runId, ck.stage());
            try (PreparedStatement ps = c.prepareStatement("merge into checkpoints (run_id, stage_id, step, folder, "
                    + "parent, metrics, kept, saved_at) key (run_id, stage_id, step) values (?, ?, ?, ?, ?, ?, true, ?)")) {
                ps.setLong(1, runId);
                ps.setLong(2, stageId);
                ps.setLong(3, ck.step());
                ps.setString(4, ck.folder().toAbsolutePath().normalize().toString());
                ps.setString(5, ck.parent());
                ps.setString(6, GSON.toJson(new LinkedHashMap<>(ck.metrics()), METRIC_MAP));
                ps.setObject(7, time(Instant.now()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from checkpoints where run_id = ? and stage_id = ? and step = ?")) {
                ps.setLong(1, runId);
                ps.setLong(2, stageId);
                ps.setLong(3, ck.step());
                return one(ps, rs -> rs.getLong(1)).orElseThrow();
            }
        });
        sync();
        return id;
    }

    /** Notes that a checkpoint's folder was pruned from disk (its row stays, for the lineage). */
    public void markCheckpointPruned(long checkpointId) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update checkpoints set kept = false where id = ?")) {
                ps.setLong(1, checkpointId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The run's checkpoints in stage order, then step. */
    public List<CheckpointInfo> checkpoints(long runId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select k.id, s.kind, k.step, k.folder, k.parent, k.metrics, "
                    + "k.kept, k.saved_at from checkpoints k join stages s on s.id = k.stage_id where k.run_id = ? "
                    + "order by s.ordinal, k.step")) {
                ps.setLong(1, runId);
                return all(ps, rs -> new CheckpointInfo(rs.getLong(1), StageKind.parse(rs.getString(2)), rs.getLong(3),
                        rs.getString(4), rs.getString(5), GSON.fromJson(rs.getString(6), METRIC_MAP), rs.getBoolean(7),
                        instant(rs, 8)));
            }
        });
    }

    // ------------------------------------------------------------------------------------------
    // rollouts and evaluation samples

    /** Records samples (any stages and steps of one run) in one transaction, graphs gzip-compressed. */
    public void recordRollouts(long runId, List<RolloutRecord> rollouts) {
        if (rollouts.isEmpty()) {
            return;
        }
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into rollouts (run_id, stage_id, step, kind, "
                    + "problem_id, sample, prompt, response, reward, correct, format_score, tokens, critical_path, "
                    + "branches, graph_gzip, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                OffsetDateTime now = time(Instant.now());
                for (RolloutRecord r : rollouts) {
                    ps.setLong(1, runId);
                    ps.setLong(2, stageId(c, runId, r.stage()));
                    ps.setLong(3, r.step());
                    ps.setString(4, r.kind().label());
                    ps.setString(5, r.problemId());
                    ps.setInt(6, r.sample());
                    ps.setString(7, r.prompt());
                    ps.setString(8, r.response());
                    setDouble(ps, 9, r.reward());
                    if (r.correct() == null) {
                        ps.setNull(10, Types.BOOLEAN);
                    } else {
                        ps.setBoolean(10, r.correct());
                    }
                    setDouble(ps, 11, r.formatScore());
                    setInt(ps, 12, r.tokens());
                    setInt(ps, 13, r.criticalPath());
                    setInt(ps, 14, r.branches());
                    ps.setBytes(15, r.graphJson() == null ? null : gzip(r.graphJson()));
                    ps.setObject(16, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            touch(c, runId, Instant.now());
            return null;
        });
    }

    /**
     * Samples of a run between two steps (inclusive), by stage order, step, problem and sample.
     *
     * @param stage      only this stage; null for all
     * @param withGraphs whether to decompress each execution graph (otherwise {@code graphJson} is null;
     *                   {@link #rolloutGraph} reads one)
     */
    public List<RolloutRow> rollouts(long runId, StageKind stage, long fromStep, long toStep, boolean withGraphs) {
        return read(c -> {
            String sql = "select r.id, s.kind, r.step, r.kind, r.problem_id, r.sample, r.prompt, r.response, r.reward, "
                    + "r.correct, r.format_score, r.tokens, r.critical_path, r.branches, "
                    + (withGraphs ? "r.graph_gzip" : "null") + ", r.recorded_at from rollouts r join stages s on "
                    + "s.id = r.stage_id where r.run_id = ? and r.step between ? and ?"
                    + (stage == null ? "" : " and s.kind = ?") + " order by s.ordinal, r.step, r.problem_id, r.sample, r.id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, runId);
                ps.setLong(2, fromStep);
                ps.setLong(3, toStep);
                if (stage != null) {
                    ps.setString(4, stage.label());
                }
                return all(ps, rs -> {
                    byte[] graph = rs.getBytes(15);
                    RolloutRecord r = new RolloutRecord(StageKind.parse(rs.getString(2)), rs.getLong(3),
                            RolloutKind.of(rs.getString(4)), rs.getString(5), rs.getInt(6), rs.getString(7),
                            rs.getString(8), getDouble(rs, 9), getBoolean(rs, 10), getDouble(rs, 11), getInt(rs, 12),
                            getInt(rs, 13), getInt(rs, 14), graph == null ? null : gunzip(graph));
                    return new RolloutRow(rs.getLong(1), r, instant(rs, 16));
                });
            }
        });
    }

    /** The execution graph JSON of one stored sample, if it has one. */
    public Optional<String> rolloutGraph(long rolloutId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select graph_gzip from rollouts where id = ?")) {
                ps.setLong(1, rolloutId);
                return one(ps, rs -> rs.getBytes(1)).map(RunStore::gunzip);
            }
        });
    }

    // ------------------------------------------------------------------------------------------
    // events

    /**
     * Records an event of the run.
     *
     * @param stage null for the run as a whole
     * @param step  null if not tied to a step
     */
    public void recordEvent(long runId, StageKind stage, Long step, EventKind kind, String message) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into events (run_id, stage_id, step, kind, message, "
                    + "occurred_at) values (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, runId);
                setLong(ps, 2, stage == null ? null : stageId(c, runId, stage));
                setLong(ps, 3, step);
                ps.setString(4, kind.label());
                ps.setString(5, clip(message == null ? "" : message));
                ps.setObject(6, time(Instant.now()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The run's events, oldest first. */
    public List<EventInfo> events(long runId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select e.id, s.kind, e.step, e.kind, e.message, e.occurred_at "
                    + "from events e left join stages s on s.id = e.stage_id where e.run_id = ? order by e.id")) {
                ps.setLong(1, runId);
                return all(ps, rs -> new EventInfo(rs.getLong(1), rs.getString(2) == null ? null
                        : StageKind.parse(rs.getString(2)), getLong(rs, 3), EventKind.of(rs.getString(4)),
                        rs.getString(5), instant(rs, 6)));
            }
        });
    }

    // ------------------------------------------------------------------------------------------
    // plumbing

    /** Work inside one transaction. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T write(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private <T> T read(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Forces committed changes to the file (H2 otherwise writes them within about half a second). */
    private void sync() {
        read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("checkpoint sync");
            }
            return null;
        });
    }

    private RuntimeException failure(SQLException e) {
        RunStoreException unusable = StoreErrors.unusableOrNull(file, e);
        return unusable != null ? unusable : new IllegalStateException("run store " + file + ": " + StoreErrors.cleanMessage(e), e);
    }

    private long stageId(Connection c, long runId, StageKind stage) throws SQLException {
        Long cached = stageIds.getOrDefault(runId, Map.of()).get(stage);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement ps = c.prepareStatement("select id from stages where run_id = ? and kind = ?")) {
            ps.setLong(1, runId);
            ps.setString(2, stage.label());
            long id = one(ps, rs -> rs.getLong(1)).orElseThrow(() -> new IllegalStateException(
                    "run " + runId + " has no stage " + stage + " in " + file + " (start the stage first)"));
            stageIds.computeIfAbsent(runId, k -> new ConcurrentHashMap<>()).put(stage, id);
            return id;
        }
    }

    private static void touch(Connection c, long runId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update runs set updated_at = ? where id = ?")) {
            ps.setObject(1, time(now));
            ps.setLong(2, runId);
            requireUpdated(ps.executeUpdate(), runId);
        }
    }

    private static void requireUpdated(int rows, long runId) {
        if (rows == 0) {
            throw new IllegalStateException("no run with id " + runId + " in the run store");
        }
    }

    private static void requireEnd(RunStatus status) {
        if (status != RunStatus.FINISHED && status != RunStatus.FAILED && status != RunStatus.STOPPED) {
            throw new IllegalArgumentException("an end status is finished, failed or stopped, not " + status.label());
        }
    }

    private static final String RUN_COLUMNS = "select id, name, task, preset, stages, config, status, created_at, "
            + "updated_at, finished_at, seed, code_version, host, pid, device from runs";

    private static RunInfo runInfo(ResultSet rs) throws SQLException {
        RunStatus status = RunStatus.of(rs.getString(7));
        String host = rs.getString(13);
        Long pid = getLong(rs, 14);
        if (status == RunStatus.RUNNING && pid != null && localHost().equals(host)
                && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
            status = RunStatus.INTERRUPTED;
        }
        return new RunInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                StageKind.parseList(rs.getString(5)), rs.getString(6), status, instant(rs, 8), instant(rs, 9),
                instant(rs, 10), getLong(rs, 11), rs.getString(12), host, pid, rs.getString(15));
    }

    private static MetricRow metricRow(ResultSet rs) throws SQLException {
        return new MetricRow(rs.getLong(1), StageKind.parse(rs.getString(2)), rs.getLong(3), rs.getString(4),
                rs.getDouble(5), instant(rs, 6));
    }

    private static String labels(List<StageKind> stages) {
        return stages.stream().map(StageKind::label).collect(Collectors.joining(","));
    }

    private static String clip(String s) {
        return s == null || s.length() <= MESSAGE_LIMIT ? s : s.substring(0, MESSAGE_LIMIT - 1) + "…";
    }

    /** Refuses a run name that is not 1-64 letters, digits, '.', '_' or '-' starting with a letter or digit. */
    public static void requireValidName(String name) {
        checkName(name, "run name");
    }

    private static void checkName(String name, String what) {
        if (name == null || !RUN_NAME.matcher(name).matches()) {
            throw new BadInputException(what + " '" + name + "': use 1 to 64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
    }

    private static void checkMetricName(String name) {
        if (name == null || name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("metric name must have 1 to 200 characters: '" + name + "'");
        }
    }

    private static void checkJsonObject(String json, String what) {
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new BadInputException(what + " is not a JSON object: " + json);
            }
        } catch (JsonParseException e) {
            throw new BadInputException(what + " is not valid JSON: " + json);
        }
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String gunzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored execution graph does not decompress", e);
        }
    }

    /** This machine's host name, as recorded with the runs it writes. */
    public static String localHost() {
        String h = localHost;
        if (h == null) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e) {
                h = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
            }
            localHost = h;
        }
        return h;
    }

    /** The version of the code writing runs: the project version of this build. */
    public static String codeVersion() {
        return CODE_VERSION;
    }

    private static String readCodeVersion() {
        try (InputStream in = RunStore.class.getResourceAsStream("code-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
