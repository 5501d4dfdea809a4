package org.nprworkbench.problems.task;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Family {@code candidates}: which of these numbers are prime / divisible by k / perfect squares. One
 * branch per candidate. Each candidate qualifies with probability one half, and non-qualifying
 * candidates are chosen to be not obviously so (odd composites not divisible by 5, near-squares).
 */
public final class CandidatesTask extends GeneratedTask<CandidateQuestion> {
    public static final String NAME = "candidates";
    private static final long[] DIVISORS = {3, 4, 6, 7, 8, 9, 11, 12, 13};

    private static final List<Knob> KNOBS = List.of(
            new Knob("count", "number of candidates", 2, 5, List.of(2, 3, 3, 4, 5)),
            new Knob("digits", "digits per candidate", 2, 4, List.of(2, 2, 3, 3, 4)));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "which of the given numbers are prime / divisible by k / perfect squares";
    }

    @Override
    public String answerFormat() {
        return "the qualifying numbers separated by commas, in the order given, e.g. \\boxed{97, 51}, or "
                + "\\boxed{none}; any order is accepted, each number once";
    }

    @Override
    public List<Knob> knobs() {
        return KNOBS;
    }

    @Override
    protected CandidateQuestion draw(RandomGenerator rnd, Knobs knobs) {
        CandidateQuestion.Property property = CandidateQuestion.Property.values()[rnd.nextInt(3)];
        long divisor = property == CandidateQuestion.Property.DIVISIBLE ? DIVISORS[rnd.nextInt(DIVISORS.length)] : 0;
        int digits = knobs.get("digits");
        long lo = (long) Math.pow(10, digits - 1);
        long hi = lo * 10 - 1;
        CandidateQuestion probe = new CandidateQuestion(property, divisor, List.of());
        List<Long> numbers = new ArrayList<>();
        while (numbers.size() < knobs.get("count")) {
            boolean want = rnd.nextBoolean();
            long n = want && property == CandidateQuestion.Property.SQUARE
                    ? square(rnd, lo, hi)
                    : rnd.nextLong(lo, hi + 1);
            if (!want && property == CandidateQuestion.Property.SQUARE) {
                n = nearSquare(rnd, lo, hi);
            }
            boolean plausible = property != CandidateQuestion.Property.PRIME || want
                    || (n % 2 != 0 && n % 5 != 0);
            if (probe.holds(n) == want && plausible && !numbers.contains(n)) {
                numbers.add(n);
            }
        }
        return new CandidateQuestion(property, divisor, numbers);
    }

    private static long square(RandomGenerator rnd, long lo, long hi) {
        long r = rnd.nextLong((long) Math.ceil(Math.sqrt(lo)), (long) Math.floor(Math.sqrt(hi)) + 1);
        return r * r;
    }

    private static long nearSquare(RandomGenerator rnd, long lo, long hi) {
        long s = square(rnd, lo, hi);
        long n = s + (rnd.nextBoolean() ? 1 : -1) * rnd.nextLong(1, 4);
        return Math.max(lo, Math.min(hi, n));
    }

    @Override
    public CandidateQuestion parse(String text) {
        return CandidateQuestion.parse(text);
    }
}
