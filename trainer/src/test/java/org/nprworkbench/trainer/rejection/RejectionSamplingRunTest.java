package org.nprworkbench.trainer.rejection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.engine.checkpoint.Checkpoint;
import org.nprworkbench.engine.sampling.SamplingParams;
import org.nprworkbench.engine.schema.FormatScore;
import org.nprworkbench.problems.prompt.PromptTemplate;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.TaskRegistry;
import org.nprworkbench.trainer.batch.Attention;
import org.nprworkbench.trainer.rollout.MemorisedModel;
import org.nprworkbench.trainer.rollout.RolloutGenerator;
import org.nprworkbench.trainer.sft.CorpusSft;

/** Rejection sampling on the micro model, its corpus file, and parallel SFT on that corpus. */
class RejectionSamplingRunTest {
    @Test
    void acceptedTrajectoriesAreCorrectWellFormedAndTrainable(@TempDir Path dir) {
        try (Checkpoint.Loaded ck = MemorisedModel.load()) {
            RolloutGenerator gen = RolloutGenerator.of(ck, PromptTemplate.bare());
            List<Problem> problems = MemorisedModel.problems();
            RejectionSampler.Result r = RejectionSampler.sample(gen, problems,
                    new RejectionSampler.Config(4, MemorisedModel.longestResponse() + 20, new SamplingParams(1.0, 1.0, 0, 1.0, 3)),
                    null);
            assertTrue(r.accepted().size() >= 1, "the model is right about half the time: 4 tries find an answer");
            assertTrue(r.tries() <= 4 * problems.size());
            Set<String> ids = new HashSet<>();
            for (AcceptedTrajectory a : r.accepted()) {
                assertTrue(ids.add(a.problemId()), "at most one trajectory per problem");
                Problem p = problems.stream().filter(x -> x.id().equals(a.problemId())).findFirst().orElseThrow();
                assertTrue(TaskRegistry.verifier(p.task()).verify(p, a.response()), a.response());
                assertEquals(0.0, FormatScore.score(a.response()).score(), a.response());
                assertEquals(p.text(), a.prompt(), "the bare template: the user message is the problem");
                assertTrue(a.tries() >= 1 && a.tries() <= 4);
            }
            Path file = dir.resolve("corpus.jsonl");
            RejectionCorpus.write(file, r.accepted());
            List<AcceptedTrajectory> back = RejectionCorpus.read(file);
            assertEquals(r.accepted(), back);
            CorpusSft.Result sft = CorpusSft.train(ck, back, new CorpusSft.Config(Attention.PARALLEL, 1, 8, 1e-4, 0.0, 0.1, 1), null);
            assertEquals(back.size(), sft.examples());
            assertEquals(0, sft.malformedDropped());
            assertTrue(Double.isFinite(sft.loss()));
        }
    }
}
