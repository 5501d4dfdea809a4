package org.nprworkbench.problems.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nprworkbench.input.BadInputException;

class TaskSplitsTest {
    static List<Task> tasks() {
        return TaskRegistry.tasks();
    }

    /** No test problem appears in training data, whatever seeds generated either. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void testProblemsNeverAppearInTraining(Task task) {
        for (int level : new int[] {1, 3}) {
            Set<String> train = new HashSet<>();
            for (long seed = 1; seed <= 3; seed++) {
                task.generate(Split.TRAIN, 1000, seed, level).forEach(p -> train.add(key(task, p)));
            }
            List<Problem> test = task.generate(Split.TEST, 200, 42, level);
            List<Problem> val = task.generate(Split.VAL, 200, 42, level);
            for (Problem p : test) {
                assertTrue(!train.contains(key(task, p)), () -> "test problem in training data: " + p.text());
            }
            Set<String> testKeys = test.stream().map(p -> key(task, p)).collect(Collectors.toSet());
            assertTrue(val.stream().noneMatch(p -> testKeys.contains(key(task, p))), "val and test overlap");
            Set<String> trainTexts = new HashSet<>();
            train.forEach(trainTexts::add);
            assertTrue(test.stream().map(Problem::text).noneMatch(trainTexts::contains));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void everyProblemLiesInItsOwnSplitAndVerifies(Task task) {
        for (Split split : Split.values()) {
            for (Problem p : task.generate(split, 50, 7, 2)) {
                assertEquals(split, p.split());
                assertEquals(split, SplitPartition.of(task.name(), key(task, p)));
                assertEquals(task.name(), p.task());
                assertTrue(task.accepts(p.text(), p.answer()), p.text() + " -> " + p.answer());
                assertTrue(task.verify(p, "Work... The answer is \\boxed{" + p.answer() + "}."));
                assertTrue(p.text().chars().allMatch(c -> c >= 32 && c < 127), "printable ASCII: " + p.text());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void generationIsReproducibleAndSeedDependent(Task task) {
        List<Problem> a = task.generate(Split.TRAIN, 30, 5, 1);
        assertEquals(a, task.generate(Split.TRAIN, 30, 5, 1));
        assertNotEquals(a, task.generate(Split.TRAIN, 30, 6, 1));
        assertEquals(30, a.stream().map(Problem::id).distinct().count(), "distinct ids");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void difficultyScalesTheProblems(Task task) {
        double easy = task.generate(Split.TRAIN, 100, 1, 1).stream().mapToInt(p -> p.text().length()).average().orElseThrow();
        double hard = task.generate(Split.TRAIN, 100, 1, 5).stream().mapToInt(p -> p.text().length()).average().orElseThrow();
        assertTrue(hard > easy, task.name() + ": " + easy + " vs " + hard);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void knobsAreValidated(Task task) {
        String knob = task.knobs().get(0).name();
        int max = task.knobs().get(0).max();
        assertEquals(max, Knobs.of(task, 1, Map.of(knob, max)).get(knob));
        assertThrows(BadInputException.class, () -> Knobs.of(task, 1, Map.of(knob, max + 1)));
        assertThrows(BadInputException.class, () -> Knobs.of(task, 1, Map.of("nosuchknob", 1)));
        assertThrows(BadInputException.class, () -> Knobs.of(task, 0));
        assertThrows(BadInputException.class, () -> Knobs.of(task, Task.MAX_DIFFICULTY + 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void foreignTextIsBadInput(Task task) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> task.verify("What is the capital of France?", "Paris", "\\boxed{Paris}"));
        assertTrue(e.getMessage().contains(task.name()), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void aWrongReferenceAnswerIsBadInput(Task task) {
        Problem p = task.generate(Split.TEST, 1, 3, 1).get(0);
        assertThrows(BadInputException.class, () -> task.verify(p.text(), "123456789", "\\boxed{1}"));
    }

    @org.junit.jupiter.api.Test
    void exhaustedSpaceIsBadInput() {
        Task t = TaskRegistry.get(ArithmeticTask.NAME);
        BadInputException e = assertThrows(BadInputException.class,
                () -> t.generate(Split.TEST, 100_000, 1, Knobs.of(t, 1)));
        assertTrue(e.getMessage().contains("distinct test problems"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void unknownTaskNamesTheKnownOnes() {
        BadInputException e = assertThrows(BadInputException.class, () -> TaskRegistry.get("sudoku"));
        assertTrue(e.getMessage().contains("countdown") && e.getMessage().contains("sudoku"), e.getMessage());
        assertThrows(BadInputException.class, () -> TaskRegistry.verifier("sudoku"));
        assertEquals("math", TaskRegistry.verifier("math").name());
        assertThrows(BadInputException.class, () -> Split.parse("training"));
        assertEquals(Split.VAL, Split.parse("validation"));
    }

    private static String key(Task task, Problem p) {
        return ((GeneratedTask<?>) task).parse(p.text()).key();
    }
}
