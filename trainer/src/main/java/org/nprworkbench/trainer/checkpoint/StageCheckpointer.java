package org.nprworkbench.trainer.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.checkpoint.Provenance;
import org.nprworkbench.engine.optim.AdamW;
import org.nprworkbench.trainer.events.TrainingEvent.CheckpointSaved;
import org.nprworkbench.trainer.events.TrainingListener;
import org.nprworkbench.trainer.stage.StageKind;
import org.nprworkbench.trainer.store.CheckpointInfo;
import org.nprworkbench.trainer.store.CheckpointRecord;
import org.nprworkbench.trainer.store.RunStore;

import com.google.gson.JsonObject;

/**
 * Saves one stage's checkpoints: every {@link CheckpointPolicy#every} steps into
 * {@code stepFolder/STAGE-step-NNNNNN}, and at the stage's end into the stage's own folder, each a
 * Hugging Face folder with provenance (run, stage, step, parent) plus the {@link TrainingState} beside
 * it. After each step checkpoint the older step checkpoints beyond the last {@code keepLast} and the
 * best by the policy's metric are deleted and marked pruned in the run store (the stage's end
 * checkpoint is never pruned). Any stage uses it: the loop hands over its optimiser state and its own
 * {@code extra} JSON; {@link #latest} finds where a resumed stage starts.
 */
public final class StageCheckpointer {
    private final Checkpoint.Loaded ck;
    private final StageKind stage;
    private final String provenanceStage;
    private final CheckpointPolicy policy;
    private final Path stepFolder;
    private final Path stageFolder;
    private final String run;
    private final String task;
    private final String parent;
    private final TrainingListener events;
    private final RunStore store;

    /**
     * @param ck          the model being trained and its tokenizer (saved as they are at each call)
     * @param provenanceStage the stage name written to {@code npr.json} (the stage names: "seed", "zero", "beta", ...)
     * @param stepFolder  where step checkpoints go (created on first save)
     * @param stageFolder where the stage's end checkpoint goes; null when the stage's driver saves it
     * @param run         the run's name (provenance and the run store's rows); null outside a run
     * @param task        the task recorded in the provenance; null if none
     * @param parent      the checkpoint the stage started from; null for a fresh model
     * @param events      told of each checkpoint saved
     * @param store       the run store whose rows pruned checkpoints are marked in; null without a run
     */
    public StageCheckpointer(Checkpoint.Loaded ck, StageKind stage, String provenanceStage, CheckpointPolicy policy, Path stepFolder,
                             Path stageFolder, String run, String task, String parent, TrainingListener events,
                             RunStore store) {
        this.ck = ck;
        this.stage = stage;
        this.provenanceStage = provenanceStage;
        this.policy = policy;
        this.stepFolder = stepFolder;
        this.stageFolder = stageFolder;
        this.run = run;
        this.task = task;
        this.parent = parent;
        this.events = events;
        this.store = store;
    }

    /** Whether step {@code step} of {@code total} saves a step checkpoint. */
    public boolean due(long step, long total) {
        return policy.due(step, total);
    }

    /** The stage's end checkpoint folder; null when the stage's driver saves it itself. */
    public Path stageFolder() {
        return stageFolder;
    }

    /** Whether the training loop saves the stage's end checkpoint here (false: its driver does). */
    public boolean savesStageEnd() {
        return stageFolder != null;
    }

    /** The stage whose checkpoints these are. */
    public StageKind stage() {
        return stage;
    }

    /**
     * Saves the model with its training state after {@code step}; {@code stageEnd} saves the stage's
     * end checkpoint instead of a step checkpoint. Returns the folder.
     */
    public Path save(long step, boolean stageEnd, AdamW.State optimizer, JsonObject extra, Map<String, Double> metrics) {
        Path folder = stageEnd ? stageFolder : stepFolder.resolve(stage.label() + "-step-" + String.format("%06d", step));
        try {
            Files.createDirectories(folder.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder.getParent() + ": " + e.getMessage(), e);
        }
        Checkpoint.save(ck.model(), ck.tokenizer(), folder, new Provenance(provenanceStage, parent, run, step, task,
                metrics, Instant.now().toString()), ck.folder());
        new TrainingState(stage, step, optimizer, extra).write(folder);
        events.checkpointSaved(new CheckpointSaved(new CheckpointRecord(stage, step, folder, parent, metrics)));
        if (!stageEnd) {
            prune();
        }
        return folder;
    }

    /** Deletes step checkpoints other than the last {@code keepLast} and the best, marking their rows pruned. */
    private void prune() {
        if (store == null || run == null) {
            return;
        }
        long runId = store.requireRun(run).id();
        Path under = stepFolder.toAbsolutePath().normalize();
        List<CheckpointInfo> steps = new ArrayList<>(store.checkpoints(runId).stream()
                .filter(c -> c.stage() == stage && c.kept() && Path.of(c.folder()).startsWith(under)).toList());
        steps.sort(Comparator.comparingLong(CheckpointInfo::step));
        Set<Long> keep = new HashSet<>();
        for (int i = Math.max(0, steps.size() - policy.keepLast()); i < steps.size(); i++) {
            keep.add(steps.get(i).id());
        }
        best(steps).ifPresent(b -> keep.add(b.id()));
        for (CheckpointInfo c : steps) {
            if (!keep.contains(c.id())) {
                deleteTree(Path.of(c.folder()));
                store.markCheckpointPruned(c.id());
            }
        }
    }

    private Optional<CheckpointInfo> best(List<CheckpointInfo> steps) {
        String metric = policy.bestMetric();
        if (metric == null) {
            return Optional.empty();
        }
        Comparator<CheckpointInfo> by = Comparator.comparingDouble(c -> c.metrics().get(metric));
        return steps.stream().filter(c -> c.metrics().containsKey(metric) && Double.isFinite(c.metrics().get(metric)))
                .max(policy.higherIsBetter() ? by : by.reversed());
    }

    /**
     * The stage's newest kept checkpoint with a complete training state, for a resume; empty when the
     * stage never saved one (it starts over).
     */
    public static Optional<CheckpointInfo> latest(RunStore store, long runId, StageKind stage) {
        return store.checkpoints(runId).stream()
                .filter(c -> c.stage() == stage && c.kept() && TrainingState.presentIn(Path.of(c.folder())))
                .max(Comparator.comparingLong(CheckpointInfo::step));
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune the checkpoint " + p + ": " + e.getMessage(), e);
        }
    }
}
