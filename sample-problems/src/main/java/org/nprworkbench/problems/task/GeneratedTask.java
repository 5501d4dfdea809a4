package org.nprworkbench.problems.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.nprworkbench.input.BadInputException;
import org.nprworkbench.problems.grade.AnswerExtractor;

/**
 * The generation loop, split filter and verification that every synthetic family shares: a family
 * supplies how to draw a random instance and how to parse one back from its text.
 *
 * @param <I> the family's instance type
 */
public abstract class GeneratedTask<I extends TaskInstance> implements Task {
    /** Draws in a row without a new problem of the wanted split after which the space counts as exhausted. */
    private static final int GIVE_UP_AFTER = 50_000;

    /** A random instance at {@code knobs}; any split (the loop keeps those of the wanted split). */
    protected abstract I draw(RandomGenerator rnd, Knobs knobs);

    /** The instance whose text is {@code text}; text of another family is bad input. */
    public abstract I parse(String text);

    @Override
    public List<Problem> generate(Split split, int n, long seed, Knobs knobs) {
        if (n < 0) {
            throw new BadInputException("the number of problems must not be negative (got " + n + ")");
        }
        RandomGenerator rnd = new Random(SplitPartition.streamSeed(seed, name(), split));
        Map<String, Problem> out = new LinkedHashMap<>();
        for (int misses = 0; out.size() < n; misses++) {
            if (misses >= GIVE_UP_AFTER) {
                throw new BadInputException("only " + out.size() + " distinct " + split.label() + " problems of "
                        + name() + " were found at " + knobs + "; ask for fewer or raise the difficulty");
            }
            I inst = draw(rnd, knobs);
            String key = inst.key();
            if (SplitPartition.of(name(), key) == split && !out.containsKey(key)) {
                String id = name() + "-" + split.label() + "-"
                        + String.format("%012x", SplitPartition.hash(name(), key) >>> 16);
                out.put(key, new Problem(id, name(), split, inst.text(), inst.answer()));
                misses = -1;
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * Whether the content of the last non-empty {@code \boxed{}} of {@code response} is a correct answer.
     * A response without one is wrong, whatever else it says: no fallback to an "answer is" line or
     * the last number, so a truncated or unboxed response never counts by accident.
     */
    @Override
    public boolean verify(String problemText, String referenceAnswer, String response) {
        I inst = parse(problemText);
        if (referenceAnswer != null && !referenceAnswer.isBlank() && !inst.accepts(referenceAnswer)) {
            throw new BadInputException("the reference answer \"" + referenceAnswer
                    + "\" is not a correct answer to \"" + problemText + "\"");
        }
        return AnswerExtractor.lastNonEmptyBoxed(response).map(inst::accepts).orElse(false);
    }

    @Override
    public boolean accepts(String problemText, String answer) {
        return parse(problemText).accepts(answer);
    }

    /** Bad input for text that is not a problem of this family. */
    protected BadInputException notOurs(String text) {
        return new BadInputException("not a " + name() + " problem: \"" + text + "\"");
    }
}
