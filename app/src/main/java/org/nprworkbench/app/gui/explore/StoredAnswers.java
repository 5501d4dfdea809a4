package org.nprworkbench.app.gui.explore;

import java.util.List;

import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBuilder;
import org.nprworkbench.engine.graph.GraphJson;
import org.nprworkbench.engine.home.DataHome;
import org.nprworkbench.engine.tokenizer.HfTokenizer;
import org.nprworkbench.trainer.store.RolloutRecord;
import org.nprworkbench.trainer.store.RolloutRow;
import org.nprworkbench.trainer.store.RunInfo;
import org.nprworkbench.trainer.store.RunStore;
import org.nprworkbench.visualizer.explorer.ExplorerModel;
import org.nprworkbench.visualizer.totals.Verdict;

/**
 * Answers recorded in the run store (training rollouts and evaluation samples), read for the Explore
 * page: the runs, a run's samples, and one sample as an answer to explore. A sample with a stored
 * execution graph opens with it; one without is rebuilt from its text with the embedded tokenizer, as
 * imported traces are. Reads the database: call off the JavaFX thread.
 */
public final class StoredAnswers {
    private final DataHome home;

    /** The run store of {@code home}. */
    public StoredAnswers(DataHome home) {
        this.home = home;
    }

    /** Every recorded run's name, newest first as the store lists them; none when there is no store yet. */
    public List<String> runs() {
        if (!java.nio.file.Files.exists(RunStore.fileOf(home))) {
            return List.of();
        }
        try (RunStore store = RunStore.open(home)) {
            return store.runs().stream().map(RunInfo::name).toList();
        }
    }

    /** Every sample of run {@code name}, by stage, step, problem and sample (without graphs). */
    public List<RolloutRow> rollouts(String name) {
        try (RunStore store = RunStore.open(home)) {
            return store.rollouts(store.requireRun(name).id(), null, Long.MIN_VALUE, Long.MAX_VALUE, false);
        }
    }

    /** Sample {@code row} of run {@code run} as an answer, judged by its recorded correctness. */
    public ExploredAnswer open(String run, RolloutRow row) {
        RolloutRecord r = row.rollout();
        String title = "Run " + run + " \u00b7 " + r.stage().label() + " step " + r.step() + " \u00b7 " + r.kind().label()
                + " \u00b7 problem " + r.problemId() + " sample " + r.sample();
        return answer(row.id(), title, r.prompt(), r.response(),
                r.correct() == null ? null : new Verdict(r.correct(), null));
    }

    /** A sample handed over by another page: its id, texts and where it came from. */
    public ExploredAnswer open(long id, String title, String prompt, String response) {
        return answer(id, title, prompt, response, null);
    }

    private ExploredAnswer answer(long id, String title, String prompt, String response, Verdict verdict) {
        String json;
        try (RunStore store = RunStore.open(home)) {
            json = store.rolloutGraph(id).orElse(null);
        }
        try (HfTokenizer tokenizer = HfTokenizer.embedded()) {
            ExecutionGraph g = json != null ? GraphJson.read(json, "run store sample " + id)
                    : GraphBuilder.fromText(title, prompt, response, tokenizer);
            return new ExploredAnswer(title, prompt, ExplorerModel.build(g, tokenizer, verdict));
        }
    }
}
