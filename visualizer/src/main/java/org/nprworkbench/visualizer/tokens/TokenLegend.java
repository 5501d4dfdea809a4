package org.nprworkbench.visualizer.tokens;

import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import org.nprworkbench.visualizer.tokens.TokenScale.LegendTick;

/**
 * The colour legend of the token view: a gradient bar with ticks for log-probability or entropy, the
 * three swatches of the attention view, or a sentence saying why tokens are not coloured.
 */
public final class TokenLegend extends VBox {
    static final int BAR_WIDTH = 220;
    private static final int BAR_HEIGHT = 10;
    /** Background of a key the selected token may attend to. */
    public static final Color VISIBLE = Color.web("#cfe0fb");
    /** Background of an earlier key hidden because it lies in a sibling branch. */
    public static final Color HIDDEN = Color.web("#f6cdc8");
    /** Background of the selected token in the attention view. */
    public static final Color QUERY = Color.web("#2f6fde");

    private final Label title = new Label();
    private final Label note = new Label();

    public TokenLegend() {
        super(3);
        getStyleClass().add("token-legend");
        title.getStyleClass().add("token-legend-title");
        note.getStyleClass().add("token-legend-note");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        setFillWidth(true);
    }

    /**
     * Shows the legend of {@code mode}; {@code known} says whether the answer has values for it (log-
     * probabilities, entropies), {@code querySelected} whether a token is selected for the attention view.
     */
    public void show(ColourMode mode, boolean known, boolean querySelected) {
        getChildren().clear();
        switch (mode) {
            case LOG_PROB, ENTROPY -> {
                title.setText(mode == ColourMode.LOG_PROB ? "log-probability of each token (the model's own)"
                        : "entropy of the distribution each token was drawn from");
                if (!known) {
                    note.setText("This answer has no " + (mode == ColourMode.LOG_PROB ? "log-probabilities" : "entropies")
                            + " (imported text, or the prompt): tokens are shown uncoloured.");
                    getChildren().addAll(title, note);
                    return;
                }
                getChildren().addAll(title, bar(mode));
            }
            case ATTENTION -> {
                title.setText("what the selected token may attend to (parallel mask)");
                HBox swatches = new HBox(12, swatch(QUERY, "selected token"), swatch(VISIBLE, "visible"),
                        swatch(HIDDEN, "hidden: sibling branch"), swatch(Color.TRANSPARENT, "later (causal)"));
                swatches.setAlignment(Pos.CENTER_LEFT);
                getChildren().addAll(title, swatches);
                if (!querySelected) {
                    note.setText("Click a token to see which earlier tokens it can see.");
                    getChildren().add(note);
                }
            }
        }
    }

    private static Pane bar(ColourMode mode) {
        Canvas c = new Canvas(BAR_WIDTH + 40, BAR_HEIGHT + 16);
        GraphicsContext g = c.getGraphicsContext2D();
        for (int x = 0; x < BAR_WIDTH; x++) {
            int rgb = TokenScale.colourAt(mode, x / (double) (BAR_WIDTH - 1));
            g.setFill(Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF));
            g.fillRect(x + 4, 0, 1, BAR_HEIGHT);
        }
        g.setStroke(Color.web("#c3cad4"));
        g.strokeRect(4.5, 0.5, BAR_WIDTH - 1, BAR_HEIGHT - 1);
        g.setFill(Color.web("#5d6878"));
        g.setFont(javafx.scene.text.Font.font(10));
        for (LegendTick t : TokenScale.ticks(mode)) {
            double x = 4 + t.at() * (BAR_WIDTH - 1);
            g.fillRect(x, BAR_HEIGHT, 1, 3);
            g.setTextAlign(t.at() <= 0 ? javafx.scene.text.TextAlignment.LEFT
                    : t.at() >= 1 ? javafx.scene.text.TextAlignment.RIGHT : javafx.scene.text.TextAlignment.CENTER);
            g.fillText(t.label(), t.at() >= 1 ? x + 1 : x, BAR_HEIGHT + 13);
        }
        Pane p = new Pane(c);
        p.setMinHeight(BAR_HEIGHT + 16);
        return p;
    }

    private static HBox swatch(Color fill, String text) {
        Rectangle r = new Rectangle(14, 11, fill);
        r.setStroke(Color.web("#c3cad4"));
        Label l = new Label(text);
        l.getStyleClass().add("token-legend-note");
        HBox box = new HBox(5, r, l);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
