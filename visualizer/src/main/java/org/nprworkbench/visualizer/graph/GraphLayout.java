package org.nprworkbench.visualizer.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.nprworkbench.engine.graph.ExecutionGraph;
import org.nprworkbench.engine.graph.GraphBreak;
import org.nprworkbench.engine.graph.GraphEdge;
import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.tags.NprTags;

/**
 * The computed drawing of an execution graph: time (position id) runs down the y axis, the branches
 * of a block stand side by side along x, blocks follow each other downwards. The same graph always
 * gives the same drawing (no force layout, no randomness), so two looks at one answer agree.
 *
 * <p><b>Time axis.</b> A node's box starts at the y of its first position id and ends at the y of
 * the position where its successor starts (the shared separator after {@code </guideline>} and a
 * branch's trailing separator share their position with the next node, so they do not push boxes
 * apart). Sibling steps therefore start at the same y as each other, right under their guideline, and
 * the takeaway starts under the longest branch. Between consecutive node boundaries the axis is
 * linear in positions up to four times the median node length and logarithmic beyond, with a
 * minimum height per stretch, so short nodes stay readable and one very long node does not flatten
 * the rest; the ruler ({@link #ticks()}) shows the true position ids. The prompt gets a fixed
 * height: its length is not part of the answer's time.
 *
 * <p><b>Branch axis.</b> Step k of a block with n branches is centred at
 * {@code (k - (n-1)/2) * (COLUMN + COLUMN_GAP)}; its guideline and takeaway span all n columns;
 * other sequential nodes are one column wide, centred at x = 0, except the malformed tail, which is drawn
 * under the node it continues (a branch, when the structure breaks inside a block).
 *
 * <p>Pure computation, no JavaFX: safe on any thread.
 */
public final class GraphLayout {
    /** Width of one branch column. */
    public static final double COLUMN = 30;
    /** Space between branch columns. */
    public static final double COLUMN_GAP = 4;
    /** Vertical space between a node and the next one on the time axis. */
    public static final double GAP = 2.5;
    /** Smallest height of one stretch of the time axis. */
    public static final double MIN_STRETCH = 4;
    /** Height the median node gets. */
    public static final double MEDIAN_HEIGHT = 9;
    /** Height of the prompt's box, whatever its length. */
    public static final double PROMPT_HEIGHT = 5;

    private final List<NodeBox> nodes;
    private final List<EdgeLine> edges;
    private final List<BlockBand> blocks;
    private final List<TimeTick> ticks;
    private final double minX;
    private final double maxX;
    private final double maxY;
    private final int[] boundaries;
    private final double[] boundaryY;

    private GraphLayout(List<NodeBox> nodes, List<EdgeLine> edges, List<BlockBand> blocks, List<TimeTick> ticks,
                        int[] boundaries, double[] boundaryY) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.blocks = List.copyOf(blocks);
        this.ticks = List.copyOf(ticks);
        this.boundaries = boundaries;
        this.boundaryY = boundaryY;
        this.minX = nodes.stream().mapToDouble(NodeBox::left).min().orElse(0);
        this.maxX = nodes.stream().mapToDouble(NodeBox::right).max().orElse(0);
        this.maxY = nodes.stream().mapToDouble(NodeBox::bottom).max().orElse(0);
    }

    /** Lays out {@code graph}. */
    public static GraphLayout of(ExecutionGraph graph) {
        List<GraphNode> gn = graph.nodes();
        int n = gn.size();
        int promptLength = graph.promptLength();

        // Time extent [start, end) of each node in position ids, clipped at its successors' start.
        int[] start = new int[n];
        int[] end = new int[n];
        int[] successorStart = new int[n];
        Arrays.fill(successorStart, Integer.MAX_VALUE);
        for (GraphEdge e : graph.edges()) {
            GraphNode to = gn.get(e.to());
            if (to.tokenCount() > 0) {
                successorStart[e.from()] = Math.min(successorStart[e.from()], to.firstPosition());
            }
        }
        int previousEnd = promptLength;
        for (GraphNode node : gn) {
            int i = node.id();
            if (node.kind() == NodeKind.PROMPT) {
                start[i] = 0;
                end[i] = promptLength;
                continue;
            }
            if (node.tokenCount() == 0) {
                start[i] = previousEnd;
                end[i] = previousEnd;
                continue;
            }
            start[i] = node.firstPosition();
            end[i] = Math.max(start[i] + 1, Math.min(node.lastPosition() + 1, successorStart[i]));
            previousEnd = Math.max(previousEnd, end[i]);
        }

        // The time axis: stretches between consecutive node boundaries of the response.
        TreeSet<Integer> marks = new TreeSet<>();
        marks.add(promptLength);
        List<Integer> lengths = new ArrayList<>();
        for (GraphNode node : gn) {
            if (node.kind() != NodeKind.PROMPT) {
                marks.add(start[node.id()]);
                marks.add(end[node.id()]);
                if (end[node.id()] > start[node.id()]) {
                    lengths.add(end[node.id()] - start[node.id()]);
                }
            }
        }
        int[] bounds = marks.stream().mapToInt(Integer::intValue).toArray();
        double median = median(lengths);
        double scale = MEDIAN_HEIGHT / median;
        double linearUpTo = 4 * median;
        double[] by = new double[bounds.length];
        by[0] = PROMPT_HEIGHT + GAP;
        for (int k = 1; k < bounds.length; k++) {
            int d = bounds[k] - bounds[k - 1];
            double h = d <= linearUpTo ? scale * d : scale * linearUpTo * (1 + Math.log(d / linearUpTo));
            by[k] = by[k - 1] + GAP + Math.max(MIN_STRETCH, h);
        }

        // Columns: branch k of n at (k - (n-1)/2) * pitch; guideline and takeaway span the block.
        int blockCount = 0;
        for (GraphNode node : gn) {
            blockCount = Math.max(blockCount, node.block() + 1);
        }
        int[] branches = new int[blockCount];
        for (GraphNode node : gn) {
            if (node.kind() == NodeKind.STEP) {
                branches[node.block()]++;
            }
        }
        boolean[] critical = CriticalPath.nodes(graph);
        double pitch = COLUMN + COLUMN_GAP;
        List<NodeBox> boxes = new ArrayList<>(n);
        for (GraphNode node : gn) {
            int i = node.id();
            double top;
            double height;
            if (node.kind() == NodeKind.PROMPT) {
                top = 0;
                height = PROMPT_HEIGHT;
            } else {
                top = yOf(start[i], bounds, by);
                height = end[i] > start[i] ? yOf(end[i], bounds, by) - top - GAP : MIN_STRETCH;
            }
            double x = 0;
            double width = COLUMN;
            int column = -1;
            if (node.kind() == NodeKind.MALFORMED && i > 0) {
                // The tail continues its predecessor's stream (a branch, when the break is inside a
                // block): draw it under that node, in its column, clear of the siblings.
                NodeBox before = boxes.get(i - 1);
                x = before.x();
                width = before.kind() == NodeKind.GUIDELINE || before.kind() == NodeKind.TAKEAWAY ? before.width() : COLUMN;
            } else if (node.kind() == NodeKind.STEP) {
                int k = branches[node.block()];
                column = node.branch();
                x = (column - (k - 1) / 2.0) * pitch;
            } else if (node.kind() == NodeKind.GUIDELINE || node.kind() == NodeKind.TAKEAWAY) {
                int k = Math.max(1, branches[node.block()]);
                width = k * COLUMN + (k - 1) * COLUMN_GAP;
            }
            NodeMark mark = mark(node);
            boxes.add(new NodeBox(i, node.kind(), x, top, width, height, column, node.block(), node.tokenCount(), critical[i],
                    mark, markNote(node, mark, graph.breakAt()), label(node)));
        }

        List<EdgeLine> lines = new ArrayList<>(graph.edges().size());
        for (GraphEdge e : graph.edges()) {
            lines.add(new EdgeLine(e.from(), e.to(), e.kind(), CriticalPath.edge(critical, e)));
        }

        List<BlockBand> bands = new ArrayList<>();
        for (int b = 0; b < blockCount; b++) {
            double top = Double.MAX_VALUE;
            double bottom = -Double.MAX_VALUE;
            double left = Double.MAX_VALUE;
            double right = -Double.MAX_VALUE;
            for (NodeBox box : boxes) {
                if (box.block() == b) {
                    top = Math.min(top, box.top());
                    bottom = Math.max(bottom, box.bottom());
                    left = Math.min(left, box.left());
                    right = Math.max(right, box.right());
                }
            }
            if (top <= bottom) {
                bands.add(new BlockBand(b, branches[b], top - GAP / 2, bottom + GAP / 2, left, right));
            }
        }
        return new GraphLayout(boxes, lines, bands, ticks(bounds, by), bounds, by);
    }

    private static double median(List<Integer> values) {
        if (values.isEmpty()) {
            return 1;
        }
        int[] v = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        return Math.max(1, v[v.length / 2]);
    }

    /** The y of position {@code p}: exact at node boundaries, linear in between. */
    private static double yOf(int p, int[] bounds, double[] by) {
        int k = Arrays.binarySearch(bounds, p);
        if (k >= 0) {
            return by[k];
        }
        int hi = -k - 1;
        if (hi == 0) {
            return by[0];
        }
        if (hi >= bounds.length) {
            return by[bounds.length - 1];
        }
        int lo = hi - 1;
        return by[lo] + (by[hi] - by[lo]) * (p - bounds[lo]) / (double) (bounds[hi] - bounds[lo]);
    }

    /** Ruler marks at round position ids, at least {@code 3 * GAP} apart on the axis. */
    private static List<TimeTick> ticks(int[] bounds, double[] by) {
        List<TimeTick> out = new ArrayList<>();
        int first = bounds[0];
        int last = bounds[bounds.length - 1];
        double height = by[by.length - 1] - by[0];
        int step = niceStep((last - first) / Math.max(1.0, height / 12));
        double lastY = -Double.MAX_VALUE;
        for (long p = (long) Math.ceil(first / (double) step) * step; p <= last; p += step) {
            double y = yOf((int) p, bounds, by);
            if (y - lastY >= 3 * GAP) {
                out.add(new TimeTick((int) p, y));
                lastY = y;
            }
        }
        return out;
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, ... that is at least {@code raw}. */
    static int niceStep(double raw) {
        long step = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (step * m >= raw) {
                    return (int) (step * m);
                }
            }
            step *= 10;
        }
    }

    private static NodeMark mark(GraphNode node) {
        String text = node.text();
        return switch (node.kind()) {
            case MALFORMED -> NodeMark.MALFORMED;
            case STEP -> text.contains(NprTags.STEP_CLOSE) ? NodeMark.NONE : NodeMark.CUT;
            case GUIDELINE -> text.contains(NprTags.GUIDELINE_CLOSE) ? NodeMark.NONE : NodeMark.CUT;
            case TAKEAWAY -> text.contains(NprTags.TAKEAWAY_CLOSE) ? NodeMark.NONE : NodeMark.CUT;
            default -> NodeMark.NONE;
        };
    }

    private static String markNote(GraphNode node, NodeMark mark, GraphBreak breakAt) {
        boolean holdsBreak = breakAt != null && breakAt.tokenIndex() >= node.firstToken()
                && breakAt.tokenIndex() < node.firstToken() + node.tokenCount();
        String reason = holdsBreak ? " (" + breakAt.rule() + ": " + breakAt.reason() + ")" : "";
        return switch (mark) {
            case NONE -> null;
            case MALFORMED -> "malformed from here" + reason;
            case CUT -> "cut short: ends before " + switch (node.kind()) {
                case STEP -> NprTags.STEP_CLOSE;
                case GUIDELINE -> NprTags.GUIDELINE_CLOSE;
                default -> NprTags.TAKEAWAY_CLOSE;
            } + reason;
        };
    }

    /** The box text: kind, plan label or plan count, token count. */
    static String label(GraphNode node) {
        String tokens = node.tokenCount() + " tok";
        return switch (node.kind()) {
            case PROMPT -> "prompt · " + tokens;
            case TEXT -> "text · " + tokens;
            case GUIDELINE -> "guideline · " + (node.plans() == null ? 0 : node.plans().size()) + " plans · " + tokens;
            case STEP -> "step " + (node.label() != null ? node.label() : String.valueOf(node.branch() + 1)) + " · " + tokens;
            case TAKEAWAY -> "takeaway · " + tokens;
            case ANSWER -> "answer · " + tokens;
            case MALFORMED -> "malformed · " + tokens;
        };
    }

    /** The node boxes, by node id. */
    public List<NodeBox> nodes() {
        return nodes;
    }

    /** The edges, in the graph's order. */
    public List<EdgeLine> edges() {
        return edges;
    }

    /** One band per block, in block order. */
    public List<BlockBand> blocks() {
        return blocks;
    }

    /** Ruler marks for the time axis. */
    public List<TimeTick> ticks() {
        return ticks;
    }

    /** The node whose box holds the point ({@code x}, {@code y}) (y downwards), or -1. */
    public int nodeAt(double x, double y) {
        for (NodeBox b : nodes) {
            if (x >= b.left() && x <= b.right() && y >= b.top() && y <= b.bottom()) {
                return b.id();
            }
        }
        return -1;
    }

    /** Where position id {@code p} of the response lies on the time axis. */
    public double y(int p) {
        return yOf(p, boundaries, boundaryY);
    }

    /** Left edge of the drawing. */
    public double minX() {
        return minX;
    }

    /** Right edge of the drawing. */
    public double maxX() {
        return maxX;
    }

    /** Bottom edge of the drawing (the top is 0). */
    public double maxY() {
        return maxY;
    }
}
