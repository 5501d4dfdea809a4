package org.nprworkbench.problems.task;

import java.nio.charset.StandardCharsets;

/**
 * Assigns every problem to a split by a stable hash of its family name and canonical content key:
 * 80% train, 10% val, 10% test. Because membership depends on content alone, no seed, knob or run
 * can produce a test problem in the training split. The canonical key treats reorderings that do not
 * change the problem (the order of candidates, of Countdown numbers, of factors) as the same problem.
 */
public final class SplitPartition {
    private SplitPartition() {
    }

    /** The split that owns the problem with canonical key {@code key} in family {@code task}. */
    public static Split of(String task, String key) {
        int bucket = (int) Long.remainderUnsigned(hash(task, key), 100);
        return bucket < 80 ? Split.TRAIN : bucket < 90 ? Split.VAL : Split.TEST;
    }

    /** A 64-bit hash of the family name and key (FNV-1a, then a SplitMix64 finaliser). */
    public static long hash(String task, String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (task + '\u0000' + key).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return finish(h);
    }

    /** A well-mixed 64-bit seed for one generator stream. */
    static long streamSeed(long seed, String task, Split split) {
        return finish(seed * 0x9E3779B97F4A7C15L + hash(task, split.label()));
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
