package org.nprworkbench.engine.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.nprworkbench.engine.parallel.ParallelLayout;
import org.nprworkbench.engine.schema.FormatReport;
import org.nprworkbench.engine.schema.FormatScore;
import org.nprworkbench.engine.schema.MalformedStructureException;
import org.nprworkbench.engine.schema.PlanLabel;
import org.nprworkbench.engine.schema.StructureViolation;
import org.nprworkbench.tags.NprTags;
import org.nprworkbench.engine.tokenizer.TagIds;
import org.nprworkbench.engine.tokenizer.TextTokenizer;
import org.nprworkbench.problems.grade.AnswerExtractor;

/**
 * Builds {@link ExecutionGraph}s, from the engine's tokens or from plain NPR text (traces of other
 * NPR implementations, such as the official NPR-4B evaluation outputs). Positions, spans and blocks
 * come from {@link ParallelLayout}, so the graph agrees with the engine and the trainers. Malformed
 * input still yields a graph: the well-formed prefix is laid out as usual, the rest becomes one
 * {@link NodeKind#MALFORMED} node whose positions continue by one, and {@code breakAt} says where and
 * why.
 */
public final class GraphBuilder {
    private static final Pattern TAG = Pattern.compile(
            NprTags.ALL.stream().map(Pattern::quote).collect(Collectors.joining("|")));

    private GraphBuilder() {
    }

    /**
     * The graph of an answer given as text. Tags are recognised as text and become single tokens;
     * the text between them is encoded with {@code tokenizer}, so T and C count that tokenizer's tokens.
     *
     * @param origin   where the text came from (kept in the graph)
     * @param prompt   the prompt text, or null when unknown
     * @param response the response text
     */
    public static ExecutionGraph fromText(String origin, String prompt, String response, TextTokenizer tokenizer) {
        TagIds tags = tokenizer.tags();
        int[] promptTokens = prompt == null || prompt.isEmpty() ? new int[0] : tokenizer.encode(prompt);
        List<Integer> ids = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        Matcher m = TAG.matcher(response);
        int at = 0;
        while (m.find()) {
            addRun(tokenizer.encode(response.substring(at, m.start())), at, ids, offsets);
            ids.add(tags.idOf(m.group()));
            offsets.add(m.start());
            at = m.end();
        }
        addRun(tokenizer.encode(response.substring(at)), at, ids, offsets);
        int[] tokens = new int[promptTokens.length + ids.size()];
        System.arraycopy(promptTokens, 0, tokens, 0, promptTokens.length);
        int[] charAt = new int[ids.size() + 1];
        for (int i = 0; i < ids.size(); i++) {
            tokens[promptTokens.length + i] = ids.get(i);
            charAt[i] = offsets.get(i);
        }
        charAt[ids.size()] = response.length();
        return build(origin, tokens, promptTokens.length, prompt == null ? "" : prompt, response, charAt,
                tags, DecodeTrace.NONE, false, null);
    }

    /**
     * The graph of an answer given as tokens, as the engine has it.
     *
     * @param tokens          prompt and response tokens
     * @param promptLength    number of prompt tokens
     * @param trace           per-response-token decode steps, log-probs and entropies ({@link DecodeTrace#NONE} when unknown)
     * @param forked          whether the engine really forked
     * @param wallTimeSeconds generation wall time, or null
     */
    public static ExecutionGraph fromTokens(String origin, int[] tokens, int promptLength, TextTokenizer tokenizer,
                                            DecodeTrace trace, boolean forked, Double wallTimeSeconds) {
        int n = tokens.length - promptLength;
        for (Object a : new Object[] {trace.decodeSteps(), trace.logProbs(), trace.entropies()}) {
            int len = a == null ? n : a instanceof int[] ints ? ints.length : ((float[]) a).length;
            if (len != n) {
                throw new IllegalArgumentException("decode trace arrays must have one entry per response token ("
                        + n + "), not " + len);
            }
        }
        TagIds tags = tokenizer.tags();
        StringBuilder text = new StringBuilder();
        int[] charAt = new int[n + 1];
        Arrays.fill(charAt, -1);
        for (int i = 0; i < n; ) {
            int t = tokens[promptLength + i];
            charAt[i] = text.length();
            if (tags.isTag(t)) {
                text.append(tags.tagText(t));
                i++;
                continue;
            }
            int j = i;
            while (j < n && !tags.isTag(tokens[promptLength + j])) {
                j++;
            }
            text.append(tokenizer.decode(Arrays.copyOfRange(tokens, promptLength + i, promptLength + j)));
            i = j;
        }
        charAt[n] = text.length();
        String prompt = tokenizer.decode(Arrays.copyOf(tokens, promptLength));
        return build(origin, tokens, promptLength, prompt, text.toString(), charAt, tags, trace, forked, wallTimeSeconds);
    }

    private static void addRun(int[] run, int charStart, List<Integer> ids, List<Integer> offsets) {
        for (int k = 0; k < run.length; k++) {
            ids.add(run[k]);
            offsets.add(k == 0 ? charStart : -1);
        }
    }

    /**
     * The common part. {@code charAt[i]} is the offset in {@code response} of response token i, exact
     * at every tag and at the first token after a tag (all node boundaries and break points), -1 where
     * not needed; {@code charAt[n]} is the response length.
     */
    private static ExecutionGraph build(String origin, int[] tokens, int promptLength, String prompt, String response,
                                        int[] charAt, TagIds tags, DecodeTrace trace, boolean forked,
                                        Double wallTimeSeconds) {
        int len = tokens.length;
        StructureViolation broken = null;
        ParallelLayout layout;
        try {
            layout = ParallelLayout.of(tokens, promptLength, tags);
        } catch (MalformedStructureException e) {
            broken = e.violation();
            int validEnd = broken.rule().atEnd() ? len : broken.tokenIndex();
            try {
                layout = ParallelLayout.ofPrefix(Arrays.copyOf(tokens, validEnd), promptLength, tags);
            } catch (MalformedStructureException impossible) {
                throw new IllegalStateException("the prefix before a break must lay out", impossible);
            }
        }
        int validEnd = layout.length();
        int[] pos = Arrays.copyOf(layout.positions(), len);
        for (int i = validEnd; i < len; i++) {
            pos[i] = i == 0 ? 0 : pos[i - 1] + 1;
        }
        Nodes nodes = new Nodes(tokens, promptLength, response, charAt, pos, tags, trace);
        nodes.add(NodeKind.PROMPT, -1, -1, 0, promptLength, prompt);
        boolean[] inTakeaway = new boolean[layout.blockCount()];
        int segStart = promptLength;
        NodeKind segKind = null;
        for (int i = promptLength; i <= validEnd; i++) {
            NodeKind kind = null;
            if (i < validEnd) {
                int b = layout.block(i);
                if (b >= 0 && tokens[i] == tags.takeawayOpen()) {
                    inTakeaway[b] = true;
                }
                kind = b < 0 ? NodeKind.TEXT : layout.span(i) >= 0 ? NodeKind.STEP
                        : inTakeaway[b] ? NodeKind.TAKEAWAY : NodeKind.GUIDELINE;
            }
            if (i > segStart && (kind != segKind || layout.block(i) != layout.block(segStart)
                    || layout.span(i) != layout.span(segStart))) {
                NodeKind k = segKind == NodeKind.TEXT && i == len ? NodeKind.ANSWER : segKind;
                nodes.add(k, layout.block(segStart), layout.branch(segStart), segStart, i, null);
                segStart = i;
            }
            segKind = kind;
        }
        if (validEnd < len) {
            nodes.add(NodeKind.MALFORMED, -1, -1, validEnd, len, null);
        }
        int maxPos = -1;
        for (int i = promptLength; i < len; i++) {
            maxPos = Math.max(maxPos, pos[i]);
        }
        int total = len - promptLength;
        int critical = total == 0 ? 0 : maxPos + 1 - promptLength;
        GraphBreak breakAt = broken == null ? null : new GraphBreak(broken.tokenIndex(),
                nodes.charOffset(broken.tokenIndex()), broken.rule(), broken.reason());
        FormatReport format = FormatScore.score(response);
        return new ExecutionGraph(ExecutionGraph.SCHEMA, origin, forked, promptLength, total, critical,
                critical == 0 ? 1.0 : (double) total / critical, layout.blockCount(), layout.branchesPerBlock(),
                broken == null, breakAt, format.score(), format.violations(),
                AnswerExtractor.extract(response).orElse(null), wallTimeSeconds, nodes.list, edges(nodes.list));
    }

    /** Fork, join and sequence edges over nodes in token order. */
    private static List<GraphEdge> edges(List<GraphNode> nodes) {
        List<GraphEdge> edges = new ArrayList<>();
        int current = 0;
        int guideline = -1;
        List<Integer> steps = new ArrayList<>();
        for (GraphNode n : nodes) {
            switch (n.kind()) {
                case PROMPT -> current = n.id();
                case TEXT, ANSWER -> {
                    edges.add(new GraphEdge(current, n.id(), EdgeKind.SEQUENCE));
                    current = n.id();
                }
                case GUIDELINE -> {
                    edges.add(new GraphEdge(current, n.id(), EdgeKind.SEQUENCE));
                    current = n.id();
                    guideline = n.id();
                    steps.clear();
                }
                case STEP -> {
                    edges.add(new GraphEdge(guideline, n.id(), EdgeKind.FORK));
                    steps.add(n.id());
                }
                case TAKEAWAY -> {
                    if (steps.isEmpty()) {
                        edges.add(new GraphEdge(guideline, n.id(), EdgeKind.SEQUENCE));
                    }
                    for (int s : steps) {
                        edges.add(new GraphEdge(s, n.id(), EdgeKind.JOIN));
                    }
                    current = n.id();
                }
                case MALFORMED -> edges.add(new GraphEdge(n.id() - 1, n.id(), EdgeKind.SEQUENCE));
                default -> throw new IllegalStateException(n.kind().name());
            }
        }
        return edges;
    }

    /** Accumulates nodes over one token sequence. */
    private static final class Nodes {
        final List<GraphNode> list = new ArrayList<>();
        private final int[] tokens;
        private final int promptLength;
        private final String response;
        private final int[] charAt;
        private final int[] pos;
        private final TagIds tags;
        private final DecodeTrace trace;

        Nodes(int[] tokens, int promptLength, String response, int[] charAt, int[] pos, TagIds tags, DecodeTrace trace) {
            this.tokens = tokens;
            this.promptLength = promptLength;
            this.response = response;
            this.charAt = charAt;
            this.pos = pos;
            this.tags = tags;
            this.trace = trace;
        }

        /** Offset in the response text of response token {@code index} (an index into the whole sequence). */
        int charOffset(int index) {
            int c = charAt[index - promptLength];
            if (c < 0) {
                throw new IllegalStateException("no character offset recorded for token " + index);
            }
            return c;
        }

        /** Adds the node for tokens [from, to); {@code text} is given for the prompt and read from the response otherwise. */
        void add(NodeKind kind, int block, int branch, int from, int to, String text) {
            String t = text != null ? text : response.substring(charOffset(from), charOffset(to));
            int[] ids = Arrays.copyOfRange(tokens, from, to);
            String label = kind == NodeKind.STEP ? PlanLabel.read(t.substring(NprTags.STEP_OPEN.length())) : null;
            List<PlanItem> plans = kind == NodeKind.GUIDELINE ? plans(from, to) : null;
            int firstStep = -1;
            int lastStep = -1;
            float[] logProbs = null;
            float[] entropies = null;
            int[] decodeSteps = null;
            if (kind != NodeKind.PROMPT) {
                int a = from - promptLength;
                int b = to - promptLength;
                if (trace.decodeSteps() != null) {
                    for (int k = a; k < b; k++) {
                        int s = trace.decodeSteps()[k];
                        if (s >= 0) {
                            firstStep = firstStep < 0 ? s : Math.min(firstStep, s);
                            lastStep = Math.max(lastStep, s);
                        }
                    }
                }
                logProbs = trace.logProbs() == null ? null : Arrays.copyOfRange(trace.logProbs(), a, b);
                entropies = trace.entropies() == null ? null : Arrays.copyOfRange(trace.entropies(), a, b);
                decodeSteps = trace.decodeSteps() == null ? null : Arrays.copyOfRange(trace.decodeSteps(), a, b);
            }
            list.add(new GraphNode(list.size(), kind, block, branch, label, plans, t, ids, ids.length, from,
                    to > from ? pos[from] : -1, to > from ? pos[to - 1] : -1, firstStep, lastStep, logProbs, entropies,
                    decodeSteps));
        }

        /** The plans of the guideline in tokens [from, to): each {@code <plan>} up to the next tag. */
        private List<PlanItem> plans(int from, int to) {
            List<PlanItem> plans = new ArrayList<>();
            for (int i = from; i < to; i++) {
                if (tokens[i] != tags.planOpen()) {
                    continue;
                }
                int j = i + 1;
                while (j < to && !tags.isTag(tokens[j])) {
                    j++;
                }
                String text = response.substring(charOffset(i) + NprTags.PLAN_OPEN.length(), charOffset(j));
                plans.add(new PlanItem(PlanLabel.read(text), text));
            }
            return plans;
        }
    }
}
