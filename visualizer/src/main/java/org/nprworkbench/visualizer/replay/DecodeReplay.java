package org.nprworkbench.visualizer.replay;

import java.util.Arrays;

import org.nprworkbench.visualizer.tokens.AnswerTokens;

/**
 * The decode replay of an answer: at which replay step each token comes into existence, so that the
 * graph and the text can be shown as they were at step s. Step 0 shows the prompt alone; the last
 * step, {@link #lastStep()}, shows the whole answer.
 *
 * <p>With engine decode steps ({@link Source#ENGINE}), step s is the s-th engine step of this
 * trajectory: a sampled token appears at the step that decided it, and a forced or prefilled token
 * (the {@code <step>} a branch is seeded with, the shared separators, the {@code <takeaway>} of a
 * join) appears together with the token of its own stream before it; a branch starts from its fork
 * and the stream after a join continues from the latest of its branches. Without them (imported
 * text, {@link Source#POSITIONS}), a token appears at its position id: the schedule of an ideal
 * parallel engine, one token per live branch per step.
 *
 * <p>Either way all branches of a block advance together. Pure, no JavaFX.
 */
public final class DecodeReplay {
    /** Where the replay schedule comes from. */
    public enum Source {
        /** The engine's recorded decode steps. */
        ENGINE,
        /** Position ids (no decode steps recorded): the schedule an ideal parallel engine would follow. */
        POSITIONS
    }

    private final AnswerTokens tokens;
    private final Source source;
    private final int[] appear;
    private final int lastStep;
    private final int[] sortedAppear;

    private DecodeReplay(AnswerTokens tokens, Source source, int[] appear) {
        this.tokens = tokens;
        this.source = source;
        this.appear = appear;
        this.lastStep = Arrays.stream(appear).max().orElse(0);
        this.sortedAppear = appear.clone();
        Arrays.sort(sortedAppear);
    }

    /** The replay of {@code tokens}: from the engine's decode steps when it recorded them, else from positions. */
    public static DecodeReplay of(AnswerTokens tokens) {
        int n = tokens.size();
        int prompt = tokens.promptLength();
        int[] appear = new int[n];
        if (!tokens.hasDecodeSteps()) {
            for (int i = prompt; i < n; i++) {
                appear[i] = tokens.position(i) - prompt + 1;
            }
            return new DecodeReplay(tokens, Source.POSITIONS, appear);
        }
        int first = Integer.MAX_VALUE;
        for (int i = prompt; i < n; i++) {
            if (tokens.decodeStep(i) >= 0) {
                first = Math.min(first, tokens.decodeStep(i));
            }
        }
        int mainLast = 1;        // the shared stream's latest replay step
        int branchLast = 0;      // the current branch's latest replay step
        int blockLast = 0;       // the latest replay step of any branch since the last shared token
        int previousSpan = -1;
        for (int i = prompt; i < n; i++) {
            int s = tokens.decodeStep(i);
            int own = s >= 0 ? s - first + 1 : -1;
            int span = tokens.span(i);
            if (span < 0) {
                if (previousSpan >= 0) {
                    mainLast = Math.max(mainLast, blockLast); // the join: continue after the latest branch
                    blockLast = 0;
                }
                appear[i] = own >= 0 ? own : mainLast;
                mainLast = Math.max(mainLast, appear[i]);
            } else {
                if (span != previousSpan) {
                    branchLast = mainLast; // the fork: the branch starts from the shared stream
                }
                appear[i] = own >= 0 ? own : branchLast;
                branchLast = Math.max(branchLast, appear[i]);
                blockLast = Math.max(blockLast, appear[i]);
            }
            previousSpan = span;
        }
        return new DecodeReplay(tokens, Source.ENGINE, appear);
    }

    /** The tokens replayed. */
    public AnswerTokens tokens() {
        return tokens;
    }

    /** Where the schedule comes from. */
    public Source source() {
        return source;
    }

    /** The last step: everything exists. */
    public int lastStep() {
        return lastStep;
    }

    /** The replay step at which token {@code i} appears (0 for prompt tokens). */
    public int appearStep(int i) {
        return appear[i];
    }

    /** Whether token {@code i} exists at step {@code step}. */
    public boolean present(int i, int step) {
        return appear[i] <= step;
    }

    /** How many tokens (prompt included) exist at step {@code step}. */
    public int tokensAt(int step) {
        int lo = 0;
        int hi = sortedAppear.length;
        while (lo < hi) { // the first index whose step is past {@code step}
            int mid = (lo + hi) >>> 1;
            if (sortedAppear[mid] <= step) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many of node {@code nodeId}'s tokens exist at step {@code step}. */
    public int nodeTokensAt(int nodeId, int step) {
        int count = 0;
        for (int i = tokens.nodeStart(nodeId); i < tokens.nodeEnd(nodeId); i++) {
            if (appear[i] <= step) {
                count++;
            }
        }
        return count;
    }

    /** The state of node {@code nodeId} at step {@code step}. */
    public NodeState nodeState(int nodeId, int step) {
        int total = tokens.nodeEnd(nodeId) - tokens.nodeStart(nodeId);
        int have = nodeTokensAt(nodeId, step);
        return have == 0 && total > 0 ? NodeState.ABSENT : have < total ? NodeState.GROWING : NodeState.COMPLETE;
    }

    /** Where a node stands at a replay step. */
    public enum NodeState {
        /** None of its tokens exists yet. */
        ABSENT,
        /** Some of its tokens exist. */
        GROWING,
        /** All of its tokens exist. */
        COMPLETE
    }
}
