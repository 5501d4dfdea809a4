package org.nprworkbench.trainer.store;

import java.time.Instant;
import java.util.List;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * A run as stored.
 *
 * @param id          the store's key for the run
 * @param status      as stored, or {@link RunStatus#INTERRUPTED} for a run recorded as running whose
 *                    process on this host is gone
 * @param finished    when it ended; null while running
 * @param pid         the process that last wrote it
 */
public record RunInfo(long id, String name, String task, String preset, List<StageKind> stages, String configJson,
                      RunStatus status, Instant created, Instant updated, Instant finished, Long seed,
                      String codeVersion, String host, Long pid, String device) {
    public RunInfo {
        stages = List.copyOf(stages);
    }
}
