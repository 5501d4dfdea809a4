package org.nprworkbench.visualizer.tokens;

import java.util.Arrays;
import java.util.List;

import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.engine.tokenizer.TextTokenizer;

/**
 * Every token of one answer (prompt included, in the graph's merged order) with what is known about
 * it: id, text, the node it belongs to, log-probability, entropy, RoPE position id and decode step.
 * Positions and attention visibility come from {@link ParallelLayout}, the one mask/position
 * function, run over the graph's tokens; the result is checked against the positions the graph
 * recorded, so a tokenizer whose tags differ from the one that built the graph is refused.
 *
 * <p>Past a mid-sequence break (the {@link NodeKind#MALFORMED} tail) the block grammar no longer
 * holds and the layout is undefined: tail positions continue by one (as in the graph) and tail
 * tokens are shown as plain causal.
 *
 * <p>Pure; build it off the JavaFX thread.
 */
public final class AnswerTokens {
    private final ExecutionGraph graph;
    private final int[] ids;
    private final String[] texts;
    private final int[] node;
    private final float[] logProbs;
    private final float[] entropies;
    private final int[] positions;
    private final int[] decodeSteps;
    private final ParallelLayout layout;
    private final boolean hasLogProbs;
    private final boolean hasEntropies;
    private final boolean hasDecodeSteps;

    private AnswerTokens(ExecutionGraph graph, int[] ids, String[] texts, int[] node, float[] logProbs,
                         float[] entropies, int[] positions, int[] decodeSteps, ParallelLayout layout) {
        this.graph = graph;
        this.ids = ids;
        this.texts = texts;
        this.node = node;
        this.logProbs = logProbs;
        this.entropies = entropies;
        this.positions = positions;
        this.decodeSteps = decodeSteps;
        this.layout = layout;
        this.hasLogProbs = anyKnown(logProbs, graph.promptLength());
        this.hasEntropies = anyKnown(entropies, graph.promptLength());
        this.hasDecodeSteps = Arrays.stream(decodeSteps).anyMatch(s -> s >= 0);
    }

    /**
     * The tokens of {@code graph}; {@code tokenizer} must be the one that built it (its tag ids lay
     * out the structure and its token strings are the texts shown).
     *
     * @throws IllegalArgumentException when the tokenizer's tags do not reproduce the graph's positions
     */
    public static AnswerTokens of(ExecutionGraph graph, TextTokenizer tokenizer) {
        List<GraphNode> nodes = graph.nodes();
        int n = nodes.stream().mapToInt(GraphNode::tokenCount).sum();
        int[] ids = new int[n];
        String[] texts = new String[n];
        int[] owner = new int[n];
        float[] lp = new float[n];
        float[] ent = new float[n];
        int[] steps = new int[n];
        Arrays.fill(lp, Float.NaN);
        Arrays.fill(ent, Float.NaN);
        Arrays.fill(steps, -1);
        int validEnd = n;
        for (GraphNode g : nodes) {
            int a = g.firstToken();
            if (a + g.tokenCount() > n) {
                throw new IllegalArgumentException("node " + g.id() + " runs past the graph's " + n + " tokens");
            }
            for (int k = 0; k < g.tokenCount(); k++) {
                ids[a + k] = g.tokens()[k];
                owner[a + k] = g.id();
                if (g.logProbs() != null) {
                    lp[a + k] = g.logProbs()[k];
                }
                if (g.entropies() != null) {
                    ent[a + k] = g.entropies()[k];
                }
                if (g.decodeSteps() != null) {
                    steps[a + k] = g.decodeSteps()[k];
                }
            }
            if (g.kind() == NodeKind.MALFORMED) {
                validEnd = Math.min(validEnd, a);
            }
        }
        for (int i = 0; i < n; i++) {
            texts[i] = tokenizer.tokenString(ids[i]);
        }
        TagIds tags = tokenizer.tags();
        ParallelLayout layout;
        try {
            layout = ParallelLayout.ofPrefix(Arrays.copyOf(ids, validEnd), graph.promptLength(), tags);
        } catch (MalformedStructureException e) {
            throw new IllegalArgumentException("the graph's tokens do not lay out with this tokenizer's tags ("
                    + e.getMessage() + "): open it with the tokenizer that built it", e);
        }
        int[] pos = Arrays.copyOf(layout.positions(), n);
        for (int i = validEnd; i < n; i++) {
            pos[i] = i == 0 ? 0 : pos[i - 1] + 1;
        }
        for (GraphNode g : nodes) {
            if (g.tokenCount() > 0 && (pos[g.firstToken()] != g.firstPosition()
                    || pos[g.firstToken() + g.tokenCount() - 1] != g.lastPosition())) {
                throw new IllegalArgumentException("node " + g.id() + " (" + g.kind() + ") starts at position "
                        + g.firstPosition() + " in the graph but at " + pos[g.firstToken()]
                        + " with this tokenizer's tags: open the graph with the tokenizer that built it");
            }
        }
        return new AnswerTokens(graph, ids, texts, owner, lp, ent, pos, steps, layout);
    }

    private static boolean anyKnown(float[] values, int from) {
        for (int i = from; i < values.length; i++) {
            if (!Float.isNaN(values[i])) {
                return true;
            }
        }
        return false;
    }

    /** The graph these tokens come from. */
    public ExecutionGraph graph() {
        return graph;
    }

    /** Number of tokens L, prompt included. */
    public int size() {
        return ids.length;
    }

    /** Number of prompt tokens (the index of the first response token). */
    public int promptLength() {
        return graph.promptLength();
    }

    /** Token id of token {@code i}. */
    public int id(int i) {
        return ids[i];
    }

    /** The token's text as the tokenizer shows it. */
    public String text(int i) {
        return texts[i];
    }

    /** Id of the graph node holding token {@code i}. */
    public int node(int i) {
        return node[i];
    }

    /** Index of the first token of node {@code nodeId}. */
    public int nodeStart(int nodeId) {
        return graph.nodes().get(nodeId).firstToken();
    }

    /** Index one past the last token of node {@code nodeId}. */
    public int nodeEnd(int nodeId) {
        GraphNode g = graph.nodes().get(nodeId);
        return g.firstToken() + g.tokenCount();
    }

    /** Log-probability of the token, NaN when unknown (the prompt, imported text). */
    public float logProb(int i) {
        return logProbs[i];
    }

    /** Entropy (nats) of the distribution the token was chosen from, NaN when unknown. */
    public float entropy(int i) {
        return entropies[i];
    }

    /** RoPE position id of the token. */
    public int position(int i) {
        return positions[i];
    }

    /** Engine decode step that produced the token; -1 for forced, prefilled and prompt tokens, or when unknown. */
    public int decodeStep(int i) {
        return decodeSteps[i];
    }

    /** Whether any response token has a log-probability. */
    public boolean hasLogProbs() {
        return hasLogProbs;
    }

    /** Whether any response token has an entropy. */
    public boolean hasEntropies() {
        return hasEntropies;
    }

    /** Whether the graph recorded engine decode steps. */
    public boolean hasDecodeSteps() {
        return hasDecodeSteps;
    }

    /** Number of tokens the parallel layout covers (all of them unless the graph has a malformed tail). */
    public int layoutLength() {
        return layout.length();
    }

    /** The step branch (global span id) of token {@code i}; -1 when shared or in the malformed tail. */
    public int span(int i) {
        return i < layout.length() ? layout.span(i) : -1;
    }

    /** The block of token {@code i}; -1 outside blocks and in the malformed tail. */
    public int block(int i) {
        return i < layout.length() ? layout.block(i) : -1;
    }

    /**
     * Whether token {@code query} may attend to token {@code key} under the parallel mask
     * ({@link ParallelLayout#visible}); plain causal once either lies in the malformed tail.
     */
    public boolean visible(int query, int key) {
        if (query < layout.length() && key < layout.length()) {
            return layout.visible(query, key);
        }
        return key <= query;
    }
}
