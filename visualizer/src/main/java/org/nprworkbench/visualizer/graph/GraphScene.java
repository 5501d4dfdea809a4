package org.nprworkbench.visualizer.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nprworkbench.engine.graph.EdgeKind;
import org.nprworkbench.engine.graph.NodeKind;

/**
 * What the graph view hands to GraphStream for one {@link GraphLayout}: every element (nodes, block
 * bands, ruler) with its position in graph units (y up, as GraphStream has it), style class and
 * label, and the style sheet that defines those classes. Each element carries exactly one class, so
 * no cascade decides between two rules. Node label visibility depends on the zoom: a label shows
 * once its box is tall and wide enough on screen to hold it, which depends on the view's size, so
 * the style sheet is made for a given fit scale ({@link #styleSheet(double)}). Pure, no JavaFX.
 */
public final class GraphScene {
    /** Id prefix of the graph's own nodes ({@code n0}, {@code n1}, ...); every other element is scenery. */
    public static final String NODE_PREFIX = "n";
    /** Room left of the drawing for the ruler. */
    public static final double RULER_SPACE = 14;
    /** Smallest on-screen label height in pixels. */
    static final double LABEL_PX = 13;
    /** Approximate on-screen width of one label character in pixels. */
    static final double CHAR_PX = 6.2;

    /** The state a node is drawn in, beyond its kind and marks. */
    public enum NodeState {
        /** Plain. */
        PLAIN(""),
        /** Selected by the user. */
        SELECTED("_sel"),
        /** Partly decoded at the replay step shown. */
        GROWING("_grow"),
        /** Both. */
        SELECTED_GROWING("_selgrow");

        final String suffix;

        NodeState(String suffix) {
            this.suffix = suffix;
        }

        /** The state for a selection flag and a growing flag. */
        public static NodeState of(boolean selected, boolean growing) {
            return selected ? growing ? SELECTED_GROWING : SELECTED : growing ? GROWING : PLAIN;
        }
    }

    /** One GraphStream node: id, position (y up), class, label (null for none). */
    public record Element(String id, double x, double y, String styleClass, String label) {
    }

    /** One GraphStream edge between two elements. */
    public record Link(String id, String from, String to, String styleClass) {
    }

    private final GraphLayout layout;
    private final List<Element> elements = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final String[] nodeClass;
    private final Map<String, double[]> sizeOfClass = new LinkedHashMap<>();
    private final Map<String, String> styleOfClass = new LinkedHashMap<>();
    private final double width;
    private final double height;

    /** The scene of {@code layout}. */
    public GraphScene(GraphLayout layout) {
        this.layout = layout;
        this.nodeClass = new String[layout.nodes().size()];
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (NodeBox b : layout.nodes()) {
            double w = round(b.width());
            double h = round(b.height());
            String key = w + "x" + h;
            int size = sizes.computeIfAbsent(key, k -> sizes.size());
            String base = "k" + b.kind().ordinal() + "s" + size + (b.critical() ? "c" : "")
                    + (b.mark() == NodeMark.CUT ? "x" : "");
            nodeClass[b.id()] = base;
            if (!styleOfClass.containsKey(base)) {
                sizeOfClass.put(base, new double[] {w, h, b.label().length()});
                styleOfClass.put(base, nodeStyle(b));
            }
            elements.add(new Element(NODE_PREFIX + b.id(), b.x(), -b.centerY(), base,
                    b.label() + (b.mark() == NodeMark.CUT ? " · cut" : "")));
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
                elements.add(new Element("p" + e, to.x(), -from.bottom(), "anchor", null));
                links.add(new Link("e" + e, "p" + e, NODE_PREFIX + l.to(), cls));
            } else if (l.kind() == EdgeKind.JOIN) {
                elements.add(new Element("p" + e, from.x(), -to.top(), "anchor", null));
                links.add(new Link("e" + e, NODE_PREFIX + l.from(), "p" + e, cls));
            } else {
                links.add(new Link("e" + e, NODE_PREFIX + l.from(), NODE_PREFIX + l.to(), cls));
            }
        }
        double left = layout.minX() - RULER_SPACE;
        double right = layout.maxX() + 30;
        double bottom = layout.maxY() + 2;
        // Block bands: pale boxes behind each block, with the block's name beside them.
        Map<String, Integer> bandSizes = new LinkedHashMap<>();
        for (BlockBand band : layout.blocks()) {
            double w = round(band.right() - band.left() + 2 * GraphLayout.COLUMN_GAP);
            double h = round(band.bottom() - band.top());
            int k = bandSizes.computeIfAbsent(w + "x" + h, key -> bandSizes.size());
            String cls = "band" + k;
            if (!styleOfClass.containsKey(cls)) {
                styleOfClass.put(cls, "shape: box; size: " + fmt(w) + "gu, " + fmt(h) + "gu; fill-color: rgba(47,111,222,13); "
                        + "stroke-mode: plain; stroke-color: rgba(47,111,222,40); stroke-width: 1px; z-index: 0; text-mode: hidden;");
            }
            elements.add(new Element("band" + band.block(), (band.left() + band.right()) / 2,
                    -(band.top() + band.bottom()) / 2, cls, null));
            elements.add(new Element("bl" + band.block(), band.right() + GraphLayout.COLUMN_GAP + 1,
                    -band.top() - 2, "blocklabel", "block " + (band.block() + 1) + " · "
                    + band.branches() + (band.branches() == 1 ? " branch" : " branches")));
        }
        // The ruler: an axis line, round position ids, a title.
        double rx = layout.minX() - RULER_SPACE / 2;
        elements.add(new Element("rt", rx, 0, "anchor", null));
        elements.add(new Element("rb", rx, -bottom, "anchor", null));
        links.add(new Link("ruler", "rt", "rb", "ruler"));
        elements.add(new Element("rtitle", rx, 2.5, "rulertitle", "position"));
        for (TimeTick t : layout.ticks()) {
            elements.add(new Element("t" + t.position(), rx, -t.y(), "tick", String.valueOf(t.position())));
        }
        // Two empty corners so that fitting the view shows the ruler and the block names.
        elements.add(new Element("frame0", left, 5, "anchor", null));
        elements.add(new Element("frame1", right, -bottom, "anchor", null));
        this.width = right - left;
        this.height = bottom + 5;
    }

    private static double round(double v) {
        return Math.round(v * 4) / 4.0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fill(NodeKind kind) {
        return switch (kind) {
            case PROMPT -> "#eceff3";
            case TEXT -> "#f1f2f5";
            case GUIDELINE -> "#d9e6fb";
            case STEP -> "#dcf2e3";
            case TAKEAWAY -> "#fbecd0";
            case ANSWER -> "#e8e0fa";
            case MALFORMED -> "#f9d4d4";
        };
    }

    /** GraphStream 2.0's JavaFX {@code rounded-box} draws squares (it reads the width twice), so boxes are square-cornered. */
    private static String nodeStyle(NodeBox b) {
        StringBuilder s = new StringBuilder("shape: box; fill-color: ").append(fill(b.kind())).append("; ");
        boolean cut = b.mark() == NodeMark.CUT;
        String stroke = b.kind() == NodeKind.MALFORMED || cut ? "#c92a2a" : b.critical() ? "#e8590c" : "#a9b3c1";
        double strokeWidth = b.critical() ? 2.2 : cut || b.kind() == NodeKind.MALFORMED ? 1.6 : 1;
        s.append("stroke-mode: ").append(cut ? "dashes" : "plain").append("; stroke-color: ").append(stroke)
                .append("; stroke-width: ").append(fmt(strokeWidth)).append("px; ");
        s.append("size: ").append(fmt(round(b.width()))).append("gu, ").append(fmt(round(b.height()))).append("gu; ");
        return s.toString();
    }

    /** The GraphStream id of graph node {@code id}. */
    public static String nodeId(int id) {
        return NODE_PREFIX + id;
    }

    /** The graph node id of a GraphStream node id, or -1 for scenery. */
    public static int graphNodeId(String gsId) {
        if (!gsId.startsWith(NODE_PREFIX)) {
            return -1;
        }
        try {
            return Integer.parseInt(gsId.substring(NODE_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The layout drawn. */
    public GraphLayout layout() {
        return layout;
    }

    /** All nodes: the graph's (ids {@code n0...}) first, then bands, ruler and frame. */
    public List<Element> elements() {
        return elements;
    }

    /** All edges: the graph's first ({@code e0...}), then bands and the ruler line. */
    public List<Link> links() {
        return links;
    }

    /** The class of graph node {@code id} in {@code state}. */
    public String nodeClass(int id, NodeState state) {
        return nodeClass[id] + state.suffix;
    }

    /** Width of everything drawn, ruler included, in graph units. */
    public double width() {
        return width;
    }

    /** Height of everything drawn, in graph units. */
    public double height() {
        return height;
    }

    /**
     * The pixels per graph unit when the whole scene is fitted into a {@code viewWidth} x
     * {@code viewHeight} view with {@code padding} pixels around it (GraphStream's fit).
     */
    public double fitScale(double viewWidth, double viewHeight, double padding) {
        return Math.max(1e-9, Math.min((viewWidth - 2 * padding) / width, (viewHeight - 2 * padding) / height));
    }

    /**
     * The style sheet for a view whose fit scale is {@code fitScale} pixels per graph unit: node
     * labels appear once zoomed in far enough for their box to hold them.
     */
    public String styleSheet(double fitScale) {
        StringBuilder s = new StringBuilder();
        s.append("graph { fill-color: #ffffff; padding: ").append(fmt(ExecutionGraphView.PADDING)).append("px; }\n");
        s.append("node { size: 1px; fill-mode: plain; text-size: 11; text-color: #1c2431; text-alignment: center; "
                + "z-index: 3; text-font: 'DejaVu Sans'; }\n");
        s.append("edge { shape: line; size: 1.3px; fill-color: #9aa5b4; arrow-shape: arrow; arrow-size: 7px, 4px; z-index: 2; }\n");
        s.append("edge.seq { fill-color: #9aa5b4; }\n");
        s.append("edge.fork { fill-color: #4f7cc4; }\n");
        s.append("edge.join { fill-color: #b7832f; }\n");
        for (String c : new String[] {"seqc", "forkc", "joinc"}) {
            s.append("edge.").append(c).append(" { fill-color: #e8590c; size: 2.4px; arrow-size: 8px, 5px; }\n");
        }
        s.append("edge.ruler { fill-color: #c3cad4; size: 1px; arrow-shape: none; z-index: 1; }\n");
        s.append("node.anchor { size: 0px; fill-mode: none; stroke-mode: none; text-mode: hidden; }\n");
        s.append("node.tick { shape: box; size: 1.6gu, 0.12gu; fill-color: #9aa5b4; stroke-mode: none; text-size: 10; "
                + "text-color: #5d6878; text-alignment: at-left; text-offset: -2px, 0px; z-index: 1; ")
                .append(zoomRule(fitScale * 3 * GraphLayout.GAP / 12, 1)).append("}\n");
        s.append("node.rulertitle { size: 0px; fill-mode: none; stroke-mode: none; text-size: 10; text-color: #5d6878; "
                + "text-style: italic; }\n");
        s.append("node.blocklabel { size: 0px; fill-mode: none; stroke-mode: none; text-size: 11; text-color: #4a5a78; "
                + "text-alignment: at-right; text-style: bold; z-index: 1; }\n");
        for (Map.Entry<String, String> e : styleOfClass.entrySet()) {
            String c = e.getKey();
            if (c.startsWith("band")) {
                s.append("node.").append(c).append(" { ").append(e.getValue()).append(" }\n");
                continue;
            }
            double[] size = sizeOfClass.get(c);
            String label = zoomRule(fitScale * Math.min(size[1] / LABEL_PX, size[0] / (CHAR_PX * (size[2] + 2))), 1);
            String base = e.getValue() + label;
            s.append("node.").append(c).append(" { ").append(base).append(" }\n");
            s.append("node.").append(c).append(NodeState.SELECTED.suffix).append(" { ").append(base)
                    .append(" shadow-mode: plain; shadow-color: #2f6fde; shadow-width: 4px; shadow-offset: 0px; }\n");
            s.append("node.").append(c).append(NodeState.GROWING.suffix).append(" { ").append(base)
                    .append(" text-color: #2f6fde; text-style: bold; }\n");
            s.append("node.").append(c).append(NodeState.SELECTED_GROWING.suffix).append(" { ").append(base)
                    .append(" shadow-mode: plain; shadow-color: #2f6fde; shadow-width: 4px; shadow-offset: 0px;"
                            + " text-color: #2f6fde; text-style: bold; }\n");
        }
        return s.toString();
    }

    /**
     * Text visibility for an element whose text fits once the zoom (GraphStream's view percent, 1 =
     * fitted, smaller = closer) is at most {@code threshold}.
     */
    private static String zoomRule(double threshold, double always) {
        return threshold >= always ? "text-visibility-mode: normal; "
                : "text-visibility-mode: under-zoom; text-visibility: " + String.format(Locale.ROOT, "%.5f", threshold) + "; ";
    }

    /** The kinds of edge styles, for a legend. */
    static Map<EdgeKind, String> edgeColours() {
        return Map.of(EdgeKind.SEQUENCE, "#9aa5b4", EdgeKind.FORK, "#4f7cc4", EdgeKind.JOIN, "#b7832f");
    }

    /** The fill colour of a node kind, for a legend. */
    public static String fillOf(NodeKind kind) {
        return fill(kind);
    }
}
