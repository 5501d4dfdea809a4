package org.nprworkbench.engine.decode;

import java.util.ArrayList;
import java.util.List;

import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.tokenizer.TagIds;

/**
 * Teacher forcing: the tokens of a given response, fed step by step through the engine (the
 * "forced replay" of {@code npr bench engine}). In parallel mode the main stream reads the shared
 * tokens in order and branch k of block b reads the span of step k of block b, as
 * {@link ParallelLayout} assigns them; in sequential mode one cursor reads everything in order.
 * After the response the stream being read ends with eos, so a trace cut short (a prefix of a
 * trajectory, even inside a step) replays as a trajectory that stops there. A trace that breaks the
 * block grammar is laid out up to the break; the rest is read by whichever stream asks next, so the
 * engine meets the offending token where the trace puts it. A token the engine forces must equal the trace's
 * next token, otherwise the replay has diverged and {@link ReplayMismatch} is thrown.
 */
public final class ReplaySource implements TokenSource {
    private final int[] response;
    private final int eos;
    private final int[] mainOrder;
    private final int[] tail; // tokens from the first structural violation on: read by whichever stream reads next
    private final List<List<int[]>> branchOrders = new ArrayList<>(); // block -> branch -> indices

    /** Thrown when the engine's forced token differs from the trace. */
    public static final class ReplayMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReplayMismatch(String message) {
            super(message);
        }
    }

    /**
     * @param response the response tokens (no prompt), canonical NPR layout when replayed in parallel;
     *                 it may stop anywhere
     * @param parallel whether the engine that replays it forks
     */
    public ReplaySource(int[] response, TagIds tags, boolean parallel) {
        this.response = response.clone();
        this.eos = tags.eos();
        if (!parallel) {
            mainOrder = range(response.length);
            tail = new int[0];
            return;
        }
        int valid = response.length;
        ParallelLayout layout;
        while (true) {
            try {
                layout = ParallelLayout.ofPrefix(java.util.Arrays.copyOf(response, valid), 0, tags);
                break;
            } catch (MalformedStructureException e) {
                valid = Math.min(valid - 1, e.violation().tokenIndex());
            }
        }
        tail = java.util.Arrays.copyOfRange(response, valid, response.length);
        List<Integer> main = new ArrayList<>();
        for (int i = 0; i < valid; i++) {
            int block = layout.block(i);
            int branch = layout.branch(i);
            if (branch < 0) {
                main.add(i);
                continue;
            }
            while (branchOrders.size() <= block) {
                branchOrders.add(new ArrayList<>());
            }
            List<int[]> bl = branchOrders.get(block);
            while (bl.size() <= branch) {
                bl.add(new int[0]);
            }
            int[] old = bl.get(branch);
            int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = i;
            bl.set(branch, grown);
        }
        mainOrder = main.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    @Override
    public Chooser start(int sample) {
        return new Chooser() {
            private int mainCursor;
            private int block = -1;
            private int[] branchCursor = new int[0];
            private int tailCursor;

            private int[] order(int branch) {
                if (branch < 0) {
                    return mainOrder;
                }
                List<int[]> bl = block < branchOrders.size() ? branchOrders.get(block) : List.of();
                return branch < bl.size() ? bl.get(branch) : new int[0];
            }

            private int take(int branch) {
                int[] order = order(branch);
                int c = branch < 0 ? mainCursor++ : branchCursor[branch]++;
                if (c < order.length) {
                    return response[order[c]];
                }
                return tailCursor < tail.length ? tail[tailCursor++] : eos;
            }

            @Override
            public int next(int branch, float[] logits, int offset) {
                return take(branch);
            }

            @Override
            public void forced(int branch, int token) {
                int expected = take(branch);
                if (expected != token) {
                    throw new ReplayMismatch("the engine forced token " + token + " where the trace has "
                            + expected + (branch < 0 ? " (main stream)" : " (branch " + (branch + 1) + ")"));
                }
            }

            @Override
            public void fork(int n, double repetitionPenalty) {
                block++; // a trace with fewer steps than plans diverges at the first missing <step>
                branchCursor = new int[n];
            }

            @Override
            public void join() {
                branchCursor = new int[0];
            }
        };
    }
}
