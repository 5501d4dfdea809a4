package org.nprworkbench.problems.seed;

import org.nprworkbench.tags.NprTags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.grade.AnswerExtractor;
import org.nprworkbench.problems.task.ArithmeticTask;
import org.nprworkbench.problems.task.Knobs;
import org.nprworkbench.problems.task.Problem;
import org.nprworkbench.problems.task.Split;
import org.nprworkbench.problems.task.Task;
import org.nprworkbench.problems.task.TaskRegistry;

class SeedCorpusTest {
    /** One block in exactly the canonical layout; group 1 = plans, group 2 = steps, group 3 = takeaway. */
    private static final Pattern BLOCK = Pattern.compile(
            "<guideline>\\n((?:<plan>[^<\\n]*</plan>\\n)+)</guideline>\\n((?:<step>[^<\\n]*</step>\\n)+)"
                    + "<takeaway>([^<\\n]*)</takeaway>\\n");
    private static final Pattern ITEM = Pattern.compile("<(plan|step)>(\\d+): ([^<]*)</\\1>");
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
            assertTrue(s.length() <= 420, s.length() + " characters:\n" + s);
            total += s.length();
        }
        assertTrue(total / problems.size() <= 360, "average " + total / problems.size());
    }

    @Test
    void blocksUseOneToFivePlansAndStepsMayUseSiblings() {
        Task task = TaskRegistry.get(ArithmeticTask.NAME);
        Set<Integer> sizes = new HashSet<>();
        boolean siblingUse = false;
        Random rnd = new Random(14);
        for (Problem p : task.generate(Split.TRAIN, 150, 2, 5)) {
            String s = SeedCorpus.solution(p, SolutionStyle.NPR, rnd);
            Matcher b = BLOCK.matcher(s);
            while (b.find()) {
                List<String> steps = ITEM.matcher(b.group(2)).results().map(r -> r.group(3)).toList();
                sizes.add(steps.size());
                // a step that starts from a product its sibling computes: simulated parallelism
                for (int i = 0; i < steps.size() && !siblingUse; i++) {
                    String result = steps.get(i).replaceAll(".* = ", "").replace(".", "");
                    for (int j = i + 1; j < steps.size(); j++) {
                        siblingUse |= steps.get(j).matches("(.*[^0-9])?" + Pattern.quote(result) + "[-+].*");
                    }
                }
            }
        }
        assertEquals(Set.of(1, 2, 3, 4, 5), sizes);
        assertTrue(siblingUse, "no block where a step uses a sibling's result");
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
