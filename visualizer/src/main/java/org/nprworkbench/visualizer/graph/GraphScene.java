package org.nprworkbench.visualizer.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nprworkbench.engine.graph.EdgeKind;
import org.nprworkbench.engine.graph.NodeKind;
import org.nprworkbench.visualizer.theme.NodeColours;

/**
 * What the graph view hands to GraphStream for one {@link GraphLayout}: the graph's nodes as boxes,
 * its edges, the invisible ports that let fork and join edges run straight down their branch's
 * column, two empty corners that make "fit" include the ruler and the block names, and the style
 * sheet. Each element carries exactly one style class, so no cascade decides between two rules.
 * Labels, block bands and the ruler are not GraphStream elements: GraphStream 2.0's JavaFX renderer
 * builds a JavaFX {@code Text} node per label per frame, so the view draws them itself
 * ({@link GraphOverlay}); arrows are left out for the same reason (time runs down, so direction is
 * never in doubt). Positions are in graph units with y up, as GraphStream has it. Pure, no JavaFX.
 */
public final class GraphScene {
    /** Id prefix of the graph's own nodes ({@code n0}, {@code n1}, ...); every other element is scenery. */
    public static final String NODE_PREFIX = "n";
    /** Room left of the drawing for the ruler. */
    public static final double RULER_SPACE = 16;
    /** Room right of the drawing for the block names. */
    public static final double LABEL_SPACE = 34;

    /**
     * One GraphStream node.
     *
     * @param id         its GraphStream id
     * @param x          x in graph units
     * @param y          y in graph units, up
     * @param styleClass its style class
     * @param hidden     true for ports, which only anchor edges
     */
    public record Element(String id, double x, double y, String styleClass, boolean hidden) {
    }

    /** One GraphStream edge between two elements. */
    public record Link(String id, String from, String to, String styleClass) {
    }

    private final GraphLayout layout;
    private final List<Element> elements = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final String[] nodeClass;
    private final Map<String, String> styleOfClass = new LinkedHashMap<>();
    private final double left;
    private final double right;
    private final double bottom;

    /** The scene of {@code layout}. */
    public GraphScene(GraphLayout layout) {
        this.layout = layout;
        this.nodeClass = new String[layout.nodes().size()];
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (NodeBox b : layout.nodes()) {
            double w = round(b.width());
            double h = round(b.height());
            int size = sizes.computeIfAbsent(w + "x" + h, k -> sizes.size());
            String base = "k" + b.kind().ordinal() + "s" + size + (b.critical() ? "c" : "")
                    + (b.mark() == NodeMark.CUT ? "x" : "");
            nodeClass[b.id()] = base;
            styleOfClass.computeIfAbsent(base, c -> nodeStyle(b));
            elements.add(new Element(NODE_PREFIX + b.id(), b.x(), -b.centerY(), base, false));
        }
        // Fork edges leave the guideline's bottom edge straight above their branch, join edges enter
        // the takeaway's top edge straight below theirs, so a short branch's wait for the join shows.
        for (int e = 0; e < layout.edges().size(); e++) {
            EdgeLine l = layout.edges().get(e);
            String cls = switch (l.kind()) {
                case FORK -> "fork";
                case JOIN -> "join";
                case SEQUENCE -> "seq";
            } + (l.critical() ? "c" : "");
            NodeBox from = layout.nodes().get(l.from());
            NodeBox to = layout.nodes().get(l.to());
            if (l.kind() == EdgeKind.FORK) {
                elements.add(new Element("p" + e, to.x(), -from.bottom(), "port", true));
                links.add(new Link("e" + e, "p" + e, NODE_PREFIX + l.to(), cls));
            } else if (l.kind() == EdgeKind.JOIN) {
                elements.add(new Element("p" + e, from.x(), -to.top(), "port", true));
                links.add(new Link("e" + e, NODE_PREFIX + l.from(), "p" + e, cls));
            } else {
                links.add(new Link("e" + e, NODE_PREFIX + l.from(), NODE_PREFIX + l.to(), cls));
            }
        }
        this.left = layout.minX() - RULER_SPACE;
        this.right = layout.maxX() + LABEL_SPACE;
        this.bottom = layout.maxY() + 2;
        elements.add(new Element("frame0", left, 4, "corner", false));
        elements.add(new Element("frame1", right, -bottom, "corner", false));
    }

    private static double round(double v) {
        return Math.round(v * 4) / 4.0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The fill colour of a node kind. */
    public static String fillOf(NodeKind kind) {
        return NodeColours.fill(kind);
    }

    /** The colour of the critical path. */
    public static final String CRITICAL = "#e8590c";
    /** The colour of a cut or malformed node's border. */
    public static final String BROKEN = "#c92a2a";
    /** The colour of fork edges. */
    public static final String FORK = "#4f7cc4";
    /** The colour of join edges. */
    public static final String JOIN = "#b7832f";
    /** The colour of a selected node's halo. */
    public static final String SELECTION = "#2f6fde";

    /**
     * A node's box style. GraphStream 2.0's JavaFX {@code rounded-box} draws squares (it reads the
     * width twice), so boxes are square-cornered.
     */
    private static String nodeStyle(NodeBox b) {
        StringBuilder s = new StringBuilder("shape: box; fill-color: ").append(fillOf(b.kind())).append("; ");
        boolean cut = b.mark() == NodeMark.CUT;
        String stroke = b.kind() == NodeKind.MALFORMED || cut ? BROKEN : b.critical() ? CRITICAL : "#a9b3c1";
        double strokeWidth = b.critical() ? 2.2 : cut || b.kind() == NodeKind.MALFORMED ? 1.6 : 1;
        s.append("stroke-mode: ").append(cut ? "dashes" : "plain").append("; stroke-color: ").append(stroke)
                .append("; stroke-width: ").append(fmt(strokeWidth)).append("px; ");
        s.append("size: ").append(fmt(round(b.width()))).append("gu, ").append(fmt(round(b.height()))).append("gu;");
        return s.toString();
    }

    /** The GraphStream id of graph node {@code id}. */
    public static String nodeId(int id) {
        return NODE_PREFIX + id;
    }

    /** The layout drawn. */
    public GraphLayout layout() {
        return layout;
    }

    /** All GraphStream nodes: the graph's ({@code n0...}) first, then ports and corners. */
    public List<Element> elements() {
        return elements;
    }

    /** All GraphStream edges, one per graph edge, {@code e0...} in the graph's order. */
    public List<Link> links() {
        return links;
    }

    /** The class of graph node {@code id}, selected or not. */
    public String nodeClass(int id, boolean selected) {
        return nodeClass[id] + (selected ? "_sel" : "");
    }

    /** Left edge of everything drawn (the ruler's side), in graph units. */
    public double left() {
        return left;
    }

    /** Right edge of everything drawn (the block names' side). */
    public double right() {
        return right;
    }

    /** The style sheet. */
    public String styleSheet() {
        StringBuilder s = new StringBuilder();
        s.append("graph { fill-color: #ffffff; padding: ").append(fmt(ExecutionGraphView.PADDING)).append("px; }\n");
        s.append("node { size: 1px; fill-mode: plain; text-mode: hidden; z-index: 3; }\n");
        s.append("edge { shape: line; size: 1.3px; fill-color: #9aa5b4; arrow-shape: none; z-index: 2; }\n");
        s.append("edge.seq { fill-color: #9aa5b4; }\n");
        s.append("edge.fork { fill-color: ").append(FORK).append("; }\n");
        s.append("edge.join { fill-color: ").append(JOIN).append("; }\n");
        for (String c : new String[] {"seqc", "forkc", "joinc"}) {
            s.append("edge.").append(c).append(" { fill-color: ").append(CRITICAL).append("; size: 2.4px; }\n");
        }
        s.append("node.port { size: 0px; fill-mode: none; stroke-mode: none; }\n");
        s.append("node.corner { size: 0px; fill-mode: none; stroke-mode: none; }\n");
        for (Map.Entry<String, String> e : styleOfClass.entrySet()) {
            s.append("node.").append(e.getKey()).append(" { ").append(e.getValue()).append(" }\n");
            s.append("node.").append(e.getKey()).append("_sel { ").append(e.getValue())
                    .append(" shadow-mode: plain; shadow-color: ").append(SELECTION)
                    .append("; shadow-width: 4px; shadow-offset: 0px; }\n");
        }
        return s.toString();
    }
}
