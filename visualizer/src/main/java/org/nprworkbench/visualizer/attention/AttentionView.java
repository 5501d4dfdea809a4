package org.nprworkbench.visualizer.attention;

import java.util.Locale;

import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import org.nprworkbench.engine.graph.GraphNode;
import org.nprworkbench.visualizer.theme.NodeColours;
import org.nprworkbench.visualizer.tokens.AnswerTokens;

/**
 * The parallel attention mask of a whole answer as a small picture ({@link MaskMatrix}: query rows,
 * key columns, response tokens in merged order), with a strip along the top and the left coloured by
 * the kind of node each stretch of tokens belongs to, so that guidelines, branches and takeaways line
 * up with the squares the mask cuts out. The selected token's row is marked, and a line below says
 * how many earlier tokens it sees and how many its siblings hide. Use on the JavaFX thread; build the
 * matrix elsewhere ({@link MaskMatrix#of} is pure).
 */
public final class AttentionView extends VBox {
    private static final double SIDE = 210;
    private static final double STRIP = 6;
    private final Canvas canvas = new Canvas(SIDE + STRIP + 2, SIDE + STRIP + 2);
    private final Label caption = new Label();
    private final Label counts = new Label();
    private MaskMatrix matrix;
    private AnswerTokens tokens;
    private WritableImage image;
    private int query = -1;

    public AttentionView() {
        super(6);
        getStyleClass().add("attention-view");
        Label title = new Label("Attention mask");
        title.getStyleClass().add("section-title");
        caption.getStyleClass().add("attention-caption");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        counts.getStyleClass().add("attention-caption");
        counts.setId("attention-counts");
        counts.setWrapText(true);
        counts.setMinHeight(Region.USE_PREF_SIZE);
        HBox key = new HBox(10, swatch(MaskMatrix.VISIBLE, "visible"), swatch(MaskMatrix.HIDDEN_SIBLING, "sibling hidden"),
                swatch(MaskMatrix.FUTURE, "later"));
        key.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, canvas, key, caption, counts);
        draw();
    }

    private static HBox swatch(int argb, String text) {
        Rectangle r = new Rectangle(11, 11, Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF));
        r.setStroke(Color.web("#c3cad4"));
        Label l = new Label(text);
        l.getStyleClass().add("attention-caption");
        HBox b = new HBox(4, r, l);
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    /** Shows {@code matrix} of {@code tokens}. */
    public void show(MaskMatrix matrix, AnswerTokens tokens) {
        this.matrix = matrix;
        this.tokens = tokens;
        this.query = -1;
        int n = matrix.size();
        image = new WritableImage(n, n);
        image.getPixelWriter().setPixels(0, 0, n, n, PixelFormat.getIntArgbInstance(), matrix.pixels(), 0, n);
        int count = tokens.size() - tokens.promptLength();
        caption.setText(String.format(Locale.ROOT, "%d response tokens%s. Row: the token attending; column: the token "
                + "attended to.", count, n == count ? "" : " (" + n + " cells a side)"));
        counts.setText("Select a token to see its row.");
        draw();
    }

    /** Marks token {@code token}'s row (-1: none). */
    public void setQuery(int token) {
        this.query = token;
        if (tokens != null && token >= 0) {
            AttentionCounts c = AttentionCounts.of(tokens, token);
            counts.setText(String.format(Locale.ROOT, "Token %d sees %d of the %d tokens before it; %d lie in sibling "
                    + "branches and are hidden.", token, c.visible(), c.earlier(), c.hiddenSiblings()));
        } else if (tokens != null) {
            counts.setText("Select a token to see its row.");
        }
        draw();
    }

    /** The text under the picture about the selected token. */
    public String countsText() {
        return counts.getText();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (matrix == null) {
            g.setStroke(Color.web("#e1e5eb"));
            g.strokeRect(STRIP + 1.5, STRIP + 1.5, SIDE - 1, SIDE - 1);
            return;
        }
        int n = matrix.size();
        double cell = SIDE / n;
        g.setImageSmoothing(false);
        g.drawImage(image, STRIP + 2, STRIP + 2, SIDE, SIDE);
        // Node-kind strips: which node each cell's first token belongs to.
        int first = tokens.promptLength();
        int count = tokens.size() - first;
        for (int c = 0; c < n; c++) {
            int t = first + (int) ((long) c * count / n);
            GraphNode node = tokens.graph().nodes().get(tokens.node(t));
            g.setFill(Color.web(NodeColours.mark(node.kind())));
            g.fillRect(STRIP + 2 + c * cell, 0, Math.max(1, cell), STRIP);
            g.fillRect(0, STRIP + 2 + c * cell, STRIP, Math.max(1, cell));
        }
        g.setStroke(Color.web("#c3cad4"));
        g.setLineWidth(1);
        g.strokeRect(STRIP + 1.5, STRIP + 1.5, SIDE + 1, SIDE + 1);
        int row = query < 0 ? -1 : matrix.cellOf(query);
        if (row >= 0) {
            double y = STRIP + 2 + (row + 0.5) * cell;
            g.setStroke(Color.web("#1c2431"));
            g.setLineWidth(Math.max(1.5, cell));
            g.setGlobalAlpha(0.35);
            g.strokeLine(STRIP + 2, y, STRIP + 2 + SIDE, y);
            g.setGlobalAlpha(1);
            g.setLineWidth(1);
            g.strokeRect(STRIP + 2, y - Math.max(1.5, cell) / 2 - 1, SIDE, Math.max(1.5, cell) + 2);
        }
    }
}
