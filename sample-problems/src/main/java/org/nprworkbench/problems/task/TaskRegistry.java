package org.nprworkbench.problems.task;

import java.util.List;
import java.util.stream.Stream;

import org.nprworkbench.input.BadInputException;

/** The task families by name, and the verifiers (the families plus {@code math}). */
public final class TaskRegistry {
    private static final List<Task> TASKS = List.of(
            new ArithmeticTask(), new CountdownTask(), new CandidatesTask(), new CrossCheckTask(), new DigitSumTask());
    private static final MathVerifier MATH = new MathVerifier();

    private TaskRegistry() {
    }

    /** Every synthetic family, in a fixed order. */
    public static List<Task> tasks() {
        return TASKS;
    }

    /** The family named {@code name}; an unknown name is bad input listing the known ones. */
    public static Task get(String name) {
        return TASKS.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown task \"" + name + "\"; the task families are "
                        + names(TASKS.stream().map(Task::name))
                        + (name.equals(MathVerifier.NAME) ? " (math can only be checked, not generated)" : "")));
    }

    /** The verifier for {@code name}: a family, or {@code math} for graded benchmark answers. */
    public static Verifier verifier(String name) {
        if (name.equals(MathVerifier.NAME)) {
            return MATH;
        }
        return TASKS.stream().filter(t -> t.name().equals(name)).findFirst().map(t -> (Verifier) t)
                .orElseThrow(() -> new BadInputException("unknown task \"" + name + "\"; use one of "
                        + names(Stream.concat(TASKS.stream().map(Task::name), Stream.of(MathVerifier.NAME)))));
    }

    private static String names(Stream<String> names) {
        return String.join(", ", names.toList());
    }
}
