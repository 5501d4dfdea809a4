package org.nprworkbench.problems.seed;

import org.nprworkbench.tags.NprTags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.grade.AnswerExtractor;
import org.nprworkbench.problems.task.Knobs;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.Task;
import org.nprworkbench.problems.task.TaskRegistry;

class SeedCorpusTest {
    /** Text of one line that holds no tag. */
    private static final String LINE = "(?:(?!</?(?:guideline|plan|step|takeaway)>)[^\\n])*";
    /** One block in exactly the canonical layout; group 1 = plans, group 2 = steps, group 3 = takeaway. */
    private static final Pattern BLOCK = Pattern.compile(
            "<guideline>\\n((?:<plan>" + LINE + "</plan>\\n)+)</guideline>\\n((?:<step>" + LINE + "</step>\\n)+)"
                    + "<takeaway>(" + LINE + ")</takeaway>\\n");
    private static final Pattern ITEM = Pattern.compile("<(plan|step)>(\\d+): (" + LINE + ")</\\1>");
    private static final Pattern FINAL = Pattern.compile("[^<]*\\\\boxed\\{[^<]+}[^<]*");

    static List<Task> tasks() {
        return TaskRegistry.tasks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void nprSolutionsHaveTheCanonicalLayoutAndAreCorrect(Task task) {
        Random rnd = new Random(11);
        for (int level = 1; level <= Task.MAX_DIFFICULTY; level++) {
            for (Problem p : task.generate(Split.TRAIN, level < 4 ? 60 : 25, level, level)) {
                String s = SeedCorpus.solution(p, SolutionStyle.NPR, rnd);
                int end = checkBlocks(s);
                String last = s.substring(end);
                assertTrue(FINAL.matcher(last).matches(), "final answer text: " + last);
                assertEquals(1, last.split("\\\\boxed\\{", -1).length - 1, "exactly one boxed answer");
                assertTrue(task.verify(p, s), "wrong answer in\n" + p.text() + "\n" + s);
                assertTrue(s.chars().allMatch(c -> c == '\n' || c >= 32 && c < 127), "printable ASCII");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void cotSolutionsEndInTheBoxedAnswerAndHaveNoTags(Task task) {
        Random rnd = new Random(12);
        for (Problem p : task.generate(Split.TRAIN, 60, 3, 2)) {
            String s = SeedCorpus.solution(p, SolutionStyle.COT, rnd);
            assertTrue(s.endsWith("\\boxed{" + p.answer() + "}.") || task.accepts(p.text(),
                    AnswerExtractor.extract(s).orElseThrow()), s);
            assertTrue(s.stripTrailing().endsWith("}."), s);
            NprTags.ALL.forEach(tag -> assertFalse(s.contains(tag), s));
            assertTrue(task.verify(p, s), s);
        }
    }

    /** At the easiest difficulty a problem plus its full NPR solution stays short. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void easiestProblemsAreShort(Task task) {
        Random rnd = new Random(13);
        int total = 0;
        List<Problem> problems = task.generate(Split.TRAIN, 200, 1, 1);
        for (Problem p : problems) {
            String s = p.text() + "\n" + SeedCorpus.solution(p, SolutionStyle.NPR, rnd);
            assertTrue(s.length() <= 440, s.length() + " characters:\n" + s);
            total += s.length();
        }
        assertTrue(total / problems.size() <= 380, "average " + total / problems.size());
    }

    /**
     * Issue 8 §6: over thousands of solutions of every family, each number a step uses comes from the
     * problem, its own plan, its own earlier text or an earlier block's takeaway, never a sibling.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void noStepUsesASibling(Task task) {
        Random rnd = new Random(15);
        int solutions = 0;
        int[] perLevel = {700, 600, 400, 150, 150};
        for (int level = 1; level <= Task.MAX_DIFFICULTY; level++) {
            for (Problem p : task.generate(Split.TRAIN, perLevel[level - 1], 20 + level, level)) {
                String s = SeedCorpus.solution(p, SolutionStyle.NPR, rnd);
                List<StepGrounding.Ungrounded> bad = StepGrounding.check(p.text(), NprSolution.parse(s),
                        StepGrounding.Visibility.EARLIER_TAKEAWAYS);
                assertEquals(List.of(), bad, () -> p.text() + "\n" + s);
                solutions++;
            }
        }
        assertEquals(2000, solutions);
    }

    /** The block structure keeps every dependency across blocks, for random dependency graphs too. */
    @Test
    void blocksNeverHoldAMoveWithWhatItNeeds() {
        Random rnd = new Random(16);
        for (int trial = 0; trial < 2000; trial++) {
            List<Move> moves = new ArrayList<>();
            int n = rnd.nextInt(1, 13);
            for (int i = 0; i < n; i++) {
                List<Integer> needs = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    if (rnd.nextInt(4) == 0) {
                        needs.add(j);
                    }
                }
                moves.add(new Move("p" + i, "w" + i, "r" + i, needs));
            }
            Trace t = new Trace(moves, "x");
            List<List<Integer>> blocks = SolutionWriter.blocks(t, rnd, rnd.nextDouble());
            int[] blockOf = new int[n];
            List<Integer> seen = new ArrayList<>();
            for (int b = 0; b < blocks.size(); b++) {
                assertTrue(blocks.get(b).size() >= 1 && blocks.get(b).size() <= SolutionWriter.MAX_PLANS);
                for (int i : blocks.get(b)) {
                    blockOf[i] = b;
                    seen.add(i);
                }
            }
            assertEquals(n, seen.size());
            assertEquals(n, new HashSet<>(seen).size());
            for (int i = 0; i < n; i++) {
                for (int need : moves.get(i).needs()) {
                    assertTrue(blockOf[need] < blockOf[i], "move " + i + " shares or precedes the block of " + need);
                }
            }
        }
    }

    /**
     * Independent work (the tries of a countdown, the candidates, the ways of a crosscheck, the numbers
     * of a digitsum) sits in one block of parallel plans more often than in a chain of one-plan blocks;
     * digitsum always in one block. Block sizes 1 to 5 all occur.
     */
    @Test
    void independentWorkIsMostlyOneParallelBlock() {
        Set<Integer> sizes = new HashSet<>();
        for (String name : List.of("countdown", "candidates", "crosscheck", "digitsum")) {
            Task task = TaskRegistry.get(name);
            Random rnd = new Random(17);
            int parallel = 0;
            int chain = 0;
            int total = 0;
            for (Problem p : task.generate(Split.TRAIN, 600, 3, 2)) {
                NprSolution s = NprSolution.parse(SeedCorpus.solution(p, SolutionStyle.NPR, rnd));
                int moves = s.blocks().stream().mapToInt(b -> b.steps().size()).sum();
                s.blocks().forEach(b -> sizes.add(b.steps().size()));
                if (moves < 2) {
                    continue;
                }
                total++;
                parallel += s.blocks().size() == 1 ? 1 : 0;
                chain += s.blocks().size() == moves ? 1 : 0;
            }
            double share = parallel / (double) total;
            assertTrue(parallel > 2 * chain, name + ": " + parallel + " one-block, " + chain + " chains of " + total);
            if (name.equals("digitsum")) {
                assertEquals(total, parallel);
            } else {
                assertTrue(share > 0.65 && share < 0.85, name + ": one-block share " + share);
                assertTrue(chain > 0, name + ": no chains at all");
            }
        }
        Task digitsum = TaskRegistry.get("digitsum");
        Random rnd = new Random(19);
        for (int level = 3; level <= 4; level++) {
            for (Problem p : digitsum.generate(Split.TRAIN, 20, 5, level)) {
                NprSolution.parse(SeedCorpus.solution(p, SolutionStyle.NPR, rnd)).blocks()
                        .forEach(b -> sizes.add(b.steps().size()));
            }
        }
        assertEquals(Set.of(1, 2, 3, 4, 5), sizes);
    }

    /**
     * T/C of the NPR solutions (tokens of the character-level tokenizer, tags one token each): printed
     * per family and difficulty for the README; digitsum, the family made for the small model, runs
     * its work in parallel: T/C at least 2 from difficulty 4 on.
     */
    @Test
    void parallelSpeedupOfTheSolutions() {
        StringBuilder table = new StringBuilder("mean T/C of NPR solutions (d1..d5):\n");
        for (Task task : TaskRegistry.tasks()) {
            table.append(String.format("%-11s", task.name()));
            Random rnd = new Random(18);
            for (int level = 1; level <= Task.MAX_DIFFICULTY; level++) {
                double sum = 0;
                List<Problem> problems = task.generate(Split.TRAIN, 100, 30 + level, level);
                for (Problem p : problems) {
                    String s = SeedCorpus.solution(p, SolutionStyle.NPR, rnd);
                    sum += NprSolution.totalTokens(s) / (double) NprSolution.criticalPath(s);
                }
                double mean = sum / problems.size();
                table.append(String.format(Locale.ROOT, " %5.2f", mean));
                assertTrue(mean >= 1.0);
                if (task.name().equals("digitsum") && level >= 4) {
                    assertTrue(mean >= 2.0, "digitsum T/C at difficulty " + level + ": " + mean);
                }
            }
            table.append('\n');
        }
        System.out.print(table);
    }

    @Test
    void examplesComeFromTrainingOnlyAndMixStyles() {
        Task task = TaskRegistry.get("countdown");
        List<SeedExample> ex = SeedCorpus.examples(task, 80, 9, Knobs.of(task, 2), 0.5);
        assertEquals(80, ex.size());
        assertTrue(ex.stream().allMatch(e -> e.problem().split() == Split.TRAIN));
        long npr = ex.stream().filter(e -> e.style() == SolutionStyle.NPR).count();
        assertTrue(npr > 20 && npr < 60, "npr share " + npr);
        assertEquals(ex, SeedCorpus.examples(task, 80, 9, Knobs.of(task, 2), 0.5));
    }

    @Test
    void benchmarkProblemsHaveNoSolver() {
        Problem p = new Problem("x", "math", Split.TEST, "What is 1+1?", "2");
        assertThrows(BadInputException.class, () -> SeedCorpus.solution(p, SolutionStyle.COT, new Random(1)));
    }

    @Test
    void tagsMatchTheSchema() {
        assertEquals(List.of("<guideline>", "</guideline>", "<plan>", "</plan>", "<step>", "</step>", "<takeaway>",
                "</takeaway>"), NprTags.ALL);
    }

    /** Checks the blocks at the start of {@code s}; returns where the final answer text begins. */
    private static int checkBlocks(String s) {
        Matcher b = BLOCK.matcher(s);
        int pos = 0;
        int blocks = 0;
        while (b.find(pos) && b.start() == pos) {
            List<Item> plans = items(b.group(1));
            List<Item> steps = items(b.group(2));
            assertTrue(plans.size() >= 1 && plans.size() <= 5, "plans per block: " + plans.size());
            assertEquals(plans.size(), steps.size(), "steps = plans");
            for (int i = 0; i < plans.size(); i++) {
                assertEquals(i + 1, plans.get(i).label);
                assertEquals(i + 1, steps.get(i).label);
                assertTrue(nonSpace(plans.get(i).label + ":" + plans.get(i).text) >= 3);
                assertTrue(nonSpace(steps.get(i).text) >= 6, "step too short: " + steps.get(i).text);
            }
            assertTrue(nonSpace(b.group(3)) >= 6, "takeaway too short: " + b.group(3));
            pos = b.end();
            blocks++;
        }
        assertTrue(blocks >= 1, "no block at the start of\n" + s);
        return pos;
    }

    private record Item(int label, String text) {
    }

    private static List<Item> items(String region) {
        Matcher m = ITEM.matcher(region);
        List<Item> out = new ArrayList<>();
        int count = region.split("</(plan|step)>", -1).length - 1;
        while (m.find()) {
            out.add(new Item(Integer.parseInt(m.group(2)), m.group(3)));
        }
        assertEquals(count, out.size(), "every item is labelled k: " + region);
        return out;
    }

    private static int nonSpace(String s) {
        return s.replaceAll("\\s", "").length();
    }
}
