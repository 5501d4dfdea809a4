package org.nprworkbench.trainer.rejection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;

/** Rejection sampling's acceptance rule, its first-accepted-of-K loop and the corpus file. */
class RejectionSamplerTest {
    private static Problem problem(int i) {
        return new Problem("id" + i, "arithmetic", Split.TRAIN, "What is " + i + " + 1?", "" + (i + 1));
    }

    @Test
    void acceptsOnlyCorrectAndPerfectlyFormatted() {
        assertTrue(RejectionSampler.accepts(true, 0.0));
        assertFalse(RejectionSampler.accepts(true, -0.2), "any format penalty rejects");
        assertFalse(RejectionSampler.accepts(true, -1.5));
        assertFalse(RejectionSampler.accepts(false, 0.0));
    }

    @Test
    void keepsTheFirstAcceptedTryOfAtMostKAndRetiresTheProblem() {
        List<Problem> problems = List.of(problem(0), problem(1), problem(2));
        List<List<String>> asked = new ArrayList<>();
        List<RejectionSampler.Round> rounds = new ArrayList<>();
        RejectionSampler.Result r = RejectionSampler.run(problems, 3, (open, round) -> {
            asked.add(open.stream().map(Problem::id).toList());
            List<RejectionSampler.Attempt> out = new ArrayList<>();
            for (Problem p : open) {
                out.add(switch (p.id()) {
                    // id0: correct but malformed first, then accepted on the second try; a later try would also pass
                    case "id0" -> round == 0 ? new RejectionSampler.Attempt("bad format", true, -0.4)
                            : new RejectionSampler.Attempt("good " + round, true, 0.0);
                    // id1: well formed but always wrong
                    case "id1" -> new RejectionSampler.Attempt("wrong", false, 0.0);
                    default -> new RejectionSampler.Attempt("first try", true, 0.0);
                });
            }
            return out;
        }, p -> "Q: " + p.text(), rounds::add);
        assertEquals(List.of(List.of("id0", "id1", "id2"), List.of("id0", "id1"), List.of("id1")), asked,
                "a solved problem is not tried again; an unsolved one is tried K = 3 times");
        assertEquals(6, r.tries());
        assertEquals(2, r.accepted().size());
        assertEquals(1, r.unsolved());
        AcceptedTrajectory a0 = r.accepted().get(0);
        assertEquals("id0", a0.problemId());
        assertEquals("good 1", a0.response());
        assertEquals(2, a0.tries());
        assertEquals("Q: What is 0 + 1?", a0.prompt());
        assertEquals("id2", r.accepted().get(1).problemId());
        assertEquals(1, r.accepted().get(1).tries());
        assertEquals(List.of(new RejectionSampler.Round(1, 3, 1, 2), new RejectionSampler.Round(2, 2, 2, 1),
                new RejectionSampler.Round(3, 1, 2, 1)), rounds);
    }

    @Test
    void corpusRoundTripsThroughJsonLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("corpus.jsonl");
        List<AcceptedTrajectory> corpus = List.of(new AcceptedTrajectory("a", "arithmetic", "1+1?", "<guideline>\n\"x\"\\ \\boxed{2}", 3),
                new AcceptedTrajectory("b", "countdown", "p", "r", 1));
        RejectionCorpus.write(f, corpus);
        assertEquals(2, Files.readAllLines(f).size());
        assertEquals(corpus, RejectionCorpus.read(f));
    }

    @Test
    void aBadCorpusLineIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("corpus.jsonl");
        Files.writeString(f, "{\"prompt\": \"p\", \"response\": \"r\"}\n{\"prompt\": \"p\"}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> RejectionCorpus.read(f));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("response"), e.getMessage());
    }
}
