package org.nprworkbench.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nprworkbench.engine.schema.TagSequence.TAGS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.tokenizer.TagIds;

/** Invariants of {@link ParallelLayout} over random well-formed trajectories. */
class RandomLayoutTest {
    private static final int TRACES = 300;

    /** A random trajectory with the block and span each token must get. */
    private static final class Trace {
        final List<Integer> tokens = new ArrayList<>();
        final List<Integer> block = new ArrayList<>();
        final List<Integer> span = new ArrayList<>();
        int prompt;

        void add(int token, int blk, int spn) {
            tokens.add(token);
            block.add(blk);
            span.add(spn);
        }

        void text(Random r, int max, int blk, int spn) {
            for (int i = r.nextInt(max + 1); i > 0; i--) {
                add(10 + r.nextInt(50), blk, spn);
            }
        }

        int[] ints(List<Integer> l) {
            return l.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** A random trace; {@code maxPlans} bounds the branching, {@code separators} allows text between tags. */
    private static Trace generate(Random r, int maxPlans, boolean separators) {
        TagIds t = TAGS;
        Trace tr = new Trace();
        tr.prompt = r.nextInt(5);
        for (int i = 0; i < tr.prompt; i++) {
            tr.add(r.nextBoolean() ? 10 + r.nextInt(50) : 100 + r.nextInt(8), -1, -1);
        }
        int sep = separators ? 2 : 0;
        int spans = 0;
        int blocks = r.nextInt(4);
        tr.text(r, 3, -1, -1);
        for (int b = 0; b < blocks; b++) {
            tr.add(t.guidelineOpen(), b, -1);
            int plans = 1 + r.nextInt(maxPlans);
            for (int p = 0; p < plans; p++) {
                tr.add(t.planOpen(), b, -1);
                tr.text(r, 4, b, -1);
                tr.add(t.planClose(), b, -1);
                tr.text(r, sep / 2, b, -1);
            }
            tr.add(t.guidelineClose(), b, -1);
            tr.text(r, sep, b, -1);
            for (int p = 0; p < plans; p++) {
                int s = spans++;
                tr.add(t.stepOpen(), b, s);
                tr.text(r, 8, b, s);
                tr.add(t.stepClose(), b, s);
                tr.text(r, sep, b, s);
            }
            tr.add(t.takeawayOpen(), b, -1);
            tr.text(r, 4, b, -1);
            tr.add(t.takeawayClose(), b, -1);
            tr.text(r, 3, -1, -1);
        }
        return tr;
    }

    @Test
    void spansBlocksAndPositionsFollowSection23() throws MalformedStructureException {
        Random r = new Random(20251207);
        for (int n = 0; n < TRACES; n++) {
            Trace tr = generate(r, 5, true);
            int[] tokens = tr.ints(tr.tokens);
            ParallelLayout l = ParallelLayout.of(tokens, tr.prompt, TAGS);
            assertArrayEquals(tr.ints(tr.span), l.spans(), "trace " + n);
            assertArrayEquals(tr.ints(tr.block), l.blocks(), "trace " + n);
            checkPositions(tokens, tr.prompt, l);
            assertEquals(tokens.length - tr.prompt, l.totalTokens());
            assertEquals(Arrays.stream(l.positions()).max().orElse(-1) + 1 - tr.prompt, l.criticalPath());
            assertTrue(l.criticalPath() <= l.totalTokens());
        }
    }

    private static void checkPositions(int[] tokens, int prompt, ParallelLayout l) {
        int g = -1;
        int maxLen = 0;
        for (int i = 0; i < tokens.length; i++) {
            int t = tokens[i];
            int p = l.position(i);
            if (i < prompt) {
                assertEquals(i, p, "prompt positions are plain");
            } else if (t == TAGS.stepOpen()) {
                assertEquals(g + 1, p, "every sibling's <step> sits at g+1");
            } else if (t == TAGS.takeawayOpen()) {
                assertEquals(g + maxLen + 1, p, "the takeaway continues after the longest branch");
            } else {
                assertEquals(i == 0 ? 0 : l.position(i - 1) + 1, p, "other tokens continue by one (token " + i + ")");
            }
            if (i >= prompt && t == TAGS.guidelineClose()) {
                g = p;
                maxLen = 0;
            } else if (i >= prompt && t == TAGS.stepClose()) {
                maxLen = Math.max(maxLen, p - g);
            }
        }
    }

    @Test
    void visibilityIsCausalMinusExactlyTheSiblingPairs() throws MalformedStructureException {
        Random r = new Random(7);
        for (int n = 0; n < TRACES; n++) {
            Trace tr = generate(r, 5, true);
            ParallelLayout l = ParallelLayout.of(tr.ints(tr.tokens), tr.prompt, TAGS);
            int len = l.length();
            for (int q = 0; q < len; q++) {
                for (int k = 0; k < len; k++) {
                    int sq = tr.span.get(q);
                    int sk = tr.span.get(k);
                    boolean siblings = sq >= 0 && sk >= 0 && sq != sk && tr.block.get(q).equals(tr.block.get(k));
                    assertEquals(k <= q && !siblings, l.visible(q, k), "trace " + n + " query " + q + " key " + k);
                }
            }
        }
    }

    @Test
    void singleBranchTrajectoriesWithoutSeparatorsHaveTOverCOne() throws MalformedStructureException {
        Random r = new Random(11);
        for (int n = 0; n < TRACES; n++) {
            Trace tr = generate(r, 1, false);
            ParallelLayout l = ParallelLayout.of(tr.ints(tr.tokens), tr.prompt, TAGS);
            assertEquals(l.totalTokens(), l.criticalPath(), "trace " + n);
        }
    }

    @Test
    void withoutSeparatorsTheCriticalPathIsTotalMinusTheShorterBranches() throws MalformedStructureException {
        Random r = new Random(13);
        for (int n = 0; n < TRACES; n++) {
            Trace tr = generate(r, 5, false);
            int[] tokens = tr.ints(tr.tokens);
            ParallelLayout l = ParallelLayout.of(tokens, tr.prompt, TAGS);
            int saved = 0;
            int sum = 0;
            int max = 0;
            int open = -1;
            for (int i = tr.prompt; i < tokens.length; i++) {
                if (tokens[i] == TAGS.stepOpen()) {
                    open = i;
                } else if (tokens[i] == TAGS.stepClose()) {
                    sum += i - open + 1;
                    max = Math.max(max, i - open + 1);
                } else if (tokens[i] == TAGS.takeawayOpen()) {
                    saved += sum - max;
                    sum = 0;
                    max = 0;
                }
            }
            assertEquals(l.totalTokens() - saved, l.criticalPath(), "trace " + n);
        }
    }

    @Test
    void everyPrefixLaysOutLikeTheWhole() throws MalformedStructureException {
        Random r = new Random(17);
        for (int n = 0; n < TRACES; n++) {
            Trace tr = generate(r, 5, true);
            int[] tokens = tr.ints(tr.tokens);
            ParallelLayout whole = ParallelLayout.of(tokens, tr.prompt, TAGS);
            int cut = tr.prompt + r.nextInt(tokens.length - tr.prompt + 1);
            ParallelLayout prefix = ParallelLayout.ofPrefix(Arrays.copyOf(tokens, cut), tr.prompt, TAGS);
            assertArrayEquals(Arrays.copyOf(whole.positions(), cut), prefix.positions(), "trace " + n + " cut " + cut);
            assertArrayEquals(Arrays.copyOf(whole.spans(), cut), prefix.spans(), "trace " + n + " cut " + cut);
        }
    }
}
