package org.nprworkbench.visualizer.tokens;

import java.util.Locale;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.util.Duration;

import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.visualizer.attention.Visibility;
import org.nprworkbench.visualizer.replay.DecodeReplay;
import org.nprworkbench.visualizer.theme.NodeColours;
import org.nprworkbench.visualizer.tokens.TokenLayout.Run;

/**
 * The text of an answer token by token: the selected node's tokens or the whole answer, each on a
 * background coloured by its log-probability or entropy ({@link TokenScale}), or, in the attention
 * mode, by what the selected token may attend to under the parallel mask. A gutter on the left marks
 * each line with the colour of the node it starts in. Hovering shows a token's id, text, log-prob,
 * entropy, RoPE position and decode step (in the line under the text and as a tooltip); clicking
 * selects it ({@link #selectedTokenProperty}). With a replay step set, tokens that do not exist yet
 * are drawn as empty placeholders, so branches can be seen filling in together. Monospaced, drawn on
 * a canvas, only the visible lines. Use on the JavaFX thread.
 */
public final class TokenView extends BorderPane {
    private static final Font FONT = Font.font("Monospaced", 13);
    private static final double PAD = 8;
    private static final double GUTTER = 6;
    private static final Color TEXT = Color.web("#1c2431");
    private static final Color MUTED = Color.web("#9aa5b4");
    private static final Color PLACEHOLDER = Color.web("#eef0f3");

    private final ObjectProperty<ColourMode> mode = new SimpleObjectProperty<>(this, "mode", ColourMode.LOG_PROB);
    private final ReadOnlyIntegerWrapper selectedToken = new ReadOnlyIntegerWrapper(this, "selectedToken", -1);
    private final ReadOnlyIntegerWrapper hoveredToken = new ReadOnlyIntegerWrapper(this, "hoveredToken", -1);
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private final javafx.scene.layout.Pane textArea = new javafx.scene.layout.Pane() {
        @Override
        protected void layoutChildren() {
            relayout();
        }
    };
    private final Label scopeLabel = new Label();
    private final Label info = new Label();
    private final TokenLegend legend = new TokenLegend();
    private final Tooltip tooltip = new Tooltip();
    private final double charWidth;
    private final double lineHeight;

    private final ReadOnlyIntegerWrapper scopeNode = new ReadOnlyIntegerWrapper(this, "scopeNode", -1);
    private final javafx.scene.control.Button wholeAnswer = new javafx.scene.control.Button("Whole answer");
    private AnswerTokens tokens;
    private int[] order = new int[0];
    private TokenLayout layout;
    private int layoutColumns = -1;
    private DecodeReplay replay;
    private int replayStep = -1;

    public TokenView() {
        getStyleClass().add("token-view");
        Text probe = new Text("MMMMMMMMMM");
        probe.setFont(FONT);
        charWidth = probe.getLayoutBounds().getWidth() / 10;
        lineHeight = Math.ceil(probe.getLayoutBounds().getHeight() * 1.45);

        ToggleGroup modes = new ToggleGroup();
        HBox modeButtons = new HBox();
        modeButtons.getStyleClass().add("segmented");
        for (ColourMode m : ColourMode.values()) {
            ToggleButton b = new ToggleButton(m.title());
            b.setId("token-mode-" + m.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setToggleGroup(modes);
            b.setUserData(m);
            b.setFocusTraversable(false);
            b.setSelected(m == mode.get());
            modeButtons.getChildren().add(b);
        }
        modes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one mode is always on
            } else {
                mode.set((ColourMode) b.getUserData());
            }
        });
        mode.addListener((o, a, b) -> {
            modes.getToggles().forEach(t -> t.setSelected(t.getUserData() == b));
            refresh();
        });
        scopeLabel.getStyleClass().add("token-scope");
        scopeLabel.setId("token-scope");
        wholeAnswer.setId("token-whole-answer");
        wholeAnswer.getStyleClass().add("graph-tool");
        wholeAnswer.setFocusTraversable(false);
        wholeAnswer.setOnAction(e -> showWholeAnswer());
        wholeAnswer.visibleProperty().bind(scopeNode.greaterThanOrEqualTo(0));
        wholeAnswer.managedProperty().bind(wholeAnswer.visibleProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, scopeLabel, wholeAnswer, grow, modeButtons);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 8, 6, 10));
        top.getStyleClass().add("token-bar");
        setTop(top);

        scroll.setOrientation(Orientation.VERTICAL);
        scroll.valueProperty().addListener((o, a, b) -> draw());
        textArea.getChildren().add(canvas);
        textArea.setMinSize(0, 0);
        textArea.getStyleClass().add("token-text");
        canvas.setOnMouseMoved(this::hover);
        canvas.setOnMouseExited(e -> setHovered(-1));
        canvas.setOnMouseClicked(this::click);
        textArea.setOnScroll(this::wheel);
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setFont(Font.font("Monospaced", 12));
        HBox middle = new HBox(textArea, scroll);
        HBox.setHgrow(textArea, Priority.ALWAYS);
        setCenter(middle);

        info.getStyleClass().add("token-info");
        info.setId("token-info");
        info.textProperty().bind(hoverText);
        info.setMinHeight(Region.USE_PREF_SIZE);
        info.setWrapText(true);
        VBox bottom = new VBox(6, info, legend);
        bottom.setPadding(new Insets(6, 10, 8, 10));
        bottom.getStyleClass().add("token-footer");
        setBottom(bottom);
        selectedToken.addListener((o, a, b) -> refresh());
        refresh();
    }

    /** Shows {@code tokens}, the whole answer; clears the selection and any replay step. */
    public void show(AnswerTokens tokens) {
        this.tokens = tokens;
        this.replay = null;
        this.replayStep = -1;
        selectedToken.set(-1);
        showWholeAnswer();
    }

    /** Shows the tokens of node {@code nodeId} only (-1: the whole answer). */
    public void showNode(int nodeId) {
        if (tokens == null) {
            return;
        }
        if (nodeId < 0) {
            showWholeAnswer();
            return;
        }
        scopeNode.set(nodeId);
        int a = tokens.nodeStart(nodeId);
        int b = tokens.nodeEnd(nodeId);
        order = new int[b - a];
        for (int i = a; i < b; i++) {
            order[i - a] = i;
        }
        reset();
    }

    /** Shows every token of the answer, prompt included. */
    public void showWholeAnswer() {
        scopeNode.set(-1);
        order = tokens == null ? new int[0] : java.util.stream.IntStream.range(0, tokens.size()).toArray();
        reset();
    }

    /** Shows the text as of replay step {@code step} (null replay: all of it). */
    public void showReplay(DecodeReplay replay, int step) {
        this.replay = replay;
        this.replayStep = step;
        draw();
    }

    /** The node whose tokens are shown, -1 for the whole answer. */
    public int scopeNode() {
        return scopeNode.get();
    }

    /** The node whose tokens are shown, -1 for the whole answer (the "Whole answer" button sets it to -1). */
    public ReadOnlyIntegerProperty scopeNodeProperty() {
        return scopeNode.getReadOnlyProperty();
    }

    /** Indices of the tokens shown, in order. */
    public int[] shownTokens() {
        return order.clone();
    }

    /** What tokens are coloured by. */
    public ObjectProperty<ColourMode> modeProperty() {
        return mode;
    }

    /** The token clicked last (-1: none); the attention mode shows what it may attend to. */
    public ReadOnlyIntegerProperty selectedTokenProperty() {
        return selectedToken.getReadOnlyProperty();
    }

    /** Selects token {@code i} (-1: none) and scrolls to it. */
    public void selectToken(int i) {
        selectedToken.set(i);
        scrollTo(i);
    }

    /** The token under the mouse, -1 when none. */
    public ReadOnlyIntegerProperty hoveredTokenProperty() {
        return hoveredToken.getReadOnlyProperty();
    }

    /** What the information line says about the hovered token. */
    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** The background colour token {@code i} is drawn on in the current mode, as 0xRRGGBB; -1 when transparent. */
    public int backgroundOf(int i) {
        Color c = background(i);
        return c == null ? -1 : ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    /** The text area's coordinates of token {@code i}'s first character (its centre), or null when not laid out. */
    public javafx.geometry.Point2D locate(int i) {
        if (layout == null) {
            return null;
        }
        for (Run r : layout.runs()) {
            if (r.token() == i) {
                double first = scroll.getValue();
                return new javafx.geometry.Point2D(PAD + GUTTER + (r.column() + 0.5) * charWidth,
                        PAD + (r.line() - first + 0.5) * lineHeight);
            }
        }
        return null;
    }

    /** The canvas the tokens are drawn on (for tests that point at tokens). */
    public Canvas canvas() {
        return canvas;
    }

    /** Scrolls so that token {@code i} is visible. */
    public void scrollTo(int i) {
        if (layout == null || i < 0) {
            return;
        }
        int line = layout.lineOf(i);
        if (line < 0) {
            return;
        }
        double visible = visibleLines();
        if (line < scroll.getValue() || line >= scroll.getValue() + visible - 1) {
            scroll.setValue(Math.max(0, Math.min(scroll.getMax(), line - visible / 3)));
        }
    }

    private void reset() {
        layoutColumns = -1;
        layout = null; // the old layout's token indices may not exist in a new answer
        scroll.setValue(0);
        refresh();
        relayout();
    }

    private void refresh() {
        if (tokens == null) {
            scopeLabel.setText("No answer");
        } else if (scopeNode.get() < 0) {
            scopeLabel.setText("Whole answer · " + tokens.size() + " tokens (" + tokens.promptLength() + " prompt)");
        } else {
            GraphNode n = tokens.graph().nodes().get(scopeNode.get());
            scopeLabel.setText(describe(n) + " · " + n.tokenCount() + " tokens");
        }
        ColourMode m = mode.get();
        boolean known = tokens != null && (m == ColourMode.LOG_PROB ? tokens.hasLogProbs()
                : m != ColourMode.ENTROPY || tokens.hasEntropies());
        legend.show(m, known, selectedToken.get() >= 0);
        draw();
    }

    private static String describe(GraphNode n) {
        String kind = n.kind().name().toLowerCase(Locale.ROOT);
        return switch (n.kind()) {
            case STEP -> "step " + (n.label() != null ? n.label() : String.valueOf(n.branch() + 1))
                    + " of block " + (n.block() + 1);
            case GUIDELINE, TAKEAWAY -> kind + " of block " + (n.block() + 1);
            default -> kind;
        };
    }

    private double visibleLines() {
        return Math.max(1, (textArea.getHeight() - 2 * PAD) / lineHeight);
    }

    private void relayout() {
        double w = textArea.getWidth();
        double h = textArea.getHeight();
        canvas.setWidth(Math.max(1, w));
        canvas.setHeight(Math.max(1, h));
        int columns = Math.max(8, (int) Math.floor((w - 2 * PAD - GUTTER) / charWidth));
        if (tokens != null && columns != layoutColumns) {
            String[] texts = new String[tokens.size()];
            for (int i : order) {
                texts[i] = tokens.text(i);
            }
            int response = tokens.promptLength();
            layout = TokenLayout.of(order, texts, columns, t -> t == response); // the response starts on a new line
            layoutColumns = columns;
        }
        double total = layout == null || tokens == null ? 0 : layout.lines();
        scroll.setMin(0);
        scroll.setMax(Math.max(0, total - visibleLines() + 1));
        scroll.setVisibleAmount(visibleLines());
        scroll.setBlockIncrement(Math.max(1, visibleLines() - 2));
        scroll.setUnitIncrement(3);
        if (scroll.getValue() > scroll.getMax()) {
            scroll.setValue(scroll.getMax());
        }
        draw();
    }

    private Color background(int i) {
        ColourMode m = mode.get();
        if (m == ColourMode.ATTENTION) {
            int q = selectedToken.get();
            if (q < 0) {
                return rgb(TokenScale.NEUTRAL);
            }
            if (i == q) {
                return TokenLegend.QUERY;
            }
            return switch (Visibility.of(tokens, q, i)) {
                case VISIBLE -> TokenLegend.VISIBLE;
                case HIDDEN_SIBLING -> TokenLegend.HIDDEN;
                case FUTURE -> null;
            };
        }
        float v = m == ColourMode.LOG_PROB ? tokens.logProb(i) : tokens.entropy(i);
        return rgb(TokenScale.colour(m, v));
    }

    private static Color rgb(int rgb) {
        return Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (tokens == null || layout == null) {
            return;
        }
        g.setFont(FONT);
        g.setTextBaseline(VPos.CENTER);
        int first = (int) Math.floor(scroll.getValue());
        int lines = (int) Math.ceil(visibleLines()) + 1;
        int q = selectedToken.get();
        int hover = hoveredToken.get();
        boolean attention = mode.get() == ColourMode.ATTENTION && q >= 0;
        for (int line = first; line < Math.min(layout.lines(), first + lines); line++) {
            double y = PAD + (line - first) * lineHeight;
            java.util.List<Run> runs = layout.line(line);
            if (!runs.isEmpty()) {
                g.setFill(Color.web(NodeColours.mark(tokens.graph().nodes().get(tokens.node(runs.get(0).token())).kind())));
                g.fillRect(2, y + 1, 3, lineHeight - 2);
            }
            for (Run r : runs) {
                int t = r.token();
                double x = PAD + GUTTER + r.column() * charWidth;
                double rw = r.length() * charWidth;
                boolean present = replay == null || replay.present(t, replayStep);
                if (!present) {
                    g.setFill(PLACEHOLDER);
                    g.fillRect(x, y + 2, rw - 1, lineHeight - 4);
                    continue;
                }
                Color bg = r.newline() ? null : background(t);
                if (bg != null) {
                    g.setFill(bg);
                    g.fillRect(x, y + 1, rw - 1, lineHeight - 2);
                }
                boolean future = attention && t > q;
                g.setFill(r.newline() || future ? MUTED : t == q && attention ? Color.WHITE : TEXT);
                g.fillText(r.text(), x, y + lineHeight / 2);
                if (attention && bg == TokenLegend.HIDDEN) {
                    g.setStroke(Color.web("#c0392b"));
                    g.setLineWidth(1);
                    g.strokeLine(x, y + lineHeight / 2, x + rw - 1, y + lineHeight / 2);
                }
                if (t == hover || t == q) {
                    g.setStroke(t == q ? TokenLegend.QUERY : TEXT);
                    g.setLineWidth(t == q ? 2 : 1);
                    g.strokeRect(x + 0.5, y + 0.5, rw - 2, lineHeight - 1);
                }
            }
        }
    }

    private int tokenAt(double x, double y) {
        if (layout == null) {
            return -1;
        }
        int line = (int) Math.floor((y - PAD) / lineHeight + Math.floor(scroll.getValue()));
        int col = (int) Math.floor((x - PAD - GUTTER) / charWidth);
        if (y < PAD || col < 0) {
            return -1;
        }
        int t = layout.tokenAt(line, col);
        return t >= 0 && (replay == null || replay.present(t, replayStep)) ? t : -1;
    }

    private void hover(MouseEvent e) {
        setHovered(tokenAt(e.getX(), e.getY()));
    }

    private void setHovered(int t) {
        if (t == hoveredToken.get()) {
            return;
        }
        hoveredToken.set(t);
        if (t < 0) {
            hoverText.set("");
            Tooltip.uninstall(canvas, tooltip);
        } else {
            hoverText.set(describeToken(t));
            tooltip.setText(describeToken(t).replace(" · ", "\n"));
            Tooltip.install(canvas, tooltip);
        }
        draw();
    }

    /** One line about token {@code i}: id, text, log-prob, entropy, position, decode step and node. */
    public String describeToken(int i) {
        float lp = tokens.logProb(i);
        float h = tokens.entropy(i);
        int step = tokens.decodeStep(i);
        GraphNode n = tokens.graph().nodes().get(tokens.node(i));
        return String.format(Locale.ROOT, "token %d · id %d · \"%s\" · log-prob %s · entropy %s · position %d · decode step %s · %s",
                i, tokens.id(i), escape(tokens.text(i)),
                Float.isNaN(lp) ? "—" : String.format(Locale.ROOT, "%.3f", lp),
                Float.isNaN(h) ? "—" : String.format(Locale.ROOT, "%.3f nats", h),
                tokens.position(i), step >= 0 ? String.valueOf(step) : tokens.hasDecodeSteps() && i >= tokens.promptLength()
                        ? "forced" : "—", describe(n));
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }

    private void click(MouseEvent e) {
        int t = tokenAt(e.getX(), e.getY());
        if (t >= 0) {
            selectedToken.set(t == selectedToken.get() ? -1 : t);
        }
    }

    private void wheel(ScrollEvent e) {
        double lines = -e.getDeltaY() / lineHeight;
        scroll.setValue(Math.max(scroll.getMin(), Math.min(scroll.getMax(), scroll.getValue() + lines)));
        e.consume();
    }
}
