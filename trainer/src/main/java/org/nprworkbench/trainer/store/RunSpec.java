package org.nprworkbench.trainer.store;

import java.util.List;

import org.nprworkbench.trainer.stage.StageKind;

/**
 * What a new run is, as given when it is created; the store adds the times, status, host, process
 * and code version.
 *
 * @param name       unique run name: letters, digits, '.', '_' and '-', at most 64 characters, starting
 *                   with a letter or digit (it names folders and catalogue entries such as {@code RUN/STAGE})
 * @param task       task family or benchmark the run trains on; null if none
 * @param preset     preset name (smoke, quickstart, ...); null if none
 * @param stages     the planned stages, in order (at least one)
 * @param configJson every hyper-parameter as run, one JSON object with snake_case keys
 * @param seed       the run's random seed; null if none
 * @param device     the device it trains on ({@code cpu}, {@code gpu(0)}, ...); null if unknown
 */
public record RunSpec(String name, String task, String preset, List<StageKind> stages, String configJson, Long seed,
                      String device) {
    public RunSpec {
        stages = List.copyOf(stages);
        configJson = configJson == null ? "{}" : configJson;
    }
}
