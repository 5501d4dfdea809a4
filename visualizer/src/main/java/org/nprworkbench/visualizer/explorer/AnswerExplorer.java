package org.nprworkbench.visualizer.explorer;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.nprworkbench.visualizer.attention.AttentionView;
import org.nprworkbench.visualizer.graph.ExecutionGraphView;
import org.nprworkbench.visualizer.replay.ReplayBar;
import org.nprworkbench.visualizer.tokens.ColourMode;
import org.nprworkbench.visualizer.tokens.TokenView;
import org.nprworkbench.visualizer.totals.TotalsPanel;

/**
 * One answer explored: the execution graph on the left; on the right the totals and the mask
 * picture above the token view; the decode replay along the bottom. Selecting a node shows its
 * tokens (clearing the selection shows the whole answer); selecting a token marks its row in the
 * mask picture and, in the attention mode, what it may attend to; moving the replay slider shows
 * the graph and the text as they were at that step. The pieces are public so that a page can
 * rearrange or reuse them. Use on the JavaFX thread; build the {@link ExplorerModel} elsewhere.
 * {@code show(null)} (or discarding it after {@link ExecutionGraphView#close}) stops the graph view's
 * frame timer.
 */
public final class AnswerExplorer extends BorderPane {
    private final ExecutionGraphView graphView = new ExecutionGraphView();
    private final TotalsPanel totals = new TotalsPanel();
    private final TokenView tokenView = new TokenView();
    private final AttentionView attention = new AttentionView();
    private final ReplayBar replayBar = new ReplayBar();
    private ExplorerModel model;

    public AnswerExplorer() {
        getStyleClass().add("answer-explorer");
        totals.setPadding(new Insets(10, 12, 10, 12));
        attention.setPadding(new Insets(10, 12, 10, 6));
        HBox.setHgrow(totals, Priority.ALWAYS);
        HBox summary = new HBox(totals, attention);
        summary.getStyleClass().add("explorer-summary");
        ScrollPane summaryScroll = new ScrollPane(summary);
        summaryScroll.setFitToWidth(true);
        summaryScroll.getStyleClass().add("explorer-summary-scroll");
        summaryScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        SplitPane right = new SplitPane(summaryScroll, tokenView);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.42);
        SplitPane main = new SplitPane(graphView, right);
        main.setDividerPositions(0.5);
        setCenter(main);
        setBottom(replayBar);
        VBox.setVgrow(tokenView, Priority.ALWAYS);

        graphView.selectedNodeProperty().addListener((o, a, b) -> {
            tokenView.showNode(b.intValue());
            tokenView.showReplay(model == null ? null : model.replay(), replayBar.stepProperty().get());
        });
        tokenView.scopeNodeProperty().addListener((o, a, b) -> {
            if (b.intValue() < 0) {
                graphView.select(-1); // "Whole answer" clears the graph's selection too
            }
        });
        tokenView.selectedTokenProperty().addListener((o, a, b) -> attention.setQuery(b.intValue()));
        replayBar.stepProperty().addListener((o, a, b) -> applyStep(b.intValue()));
    }

    /** Shows {@code model} (null: nothing). */
    public void show(ExplorerModel model) {
        this.model = model;
        if (model == null) {
            graphView.close();
            totals.show(null);
            replayBar.setReplay(null);
            return;
        }
        graphView.show(model.layout());
        totals.show(model.totals());
        tokenView.show(model.tokens());
        attention.show(model.mask(), model.tokens());
        replayBar.setReplay(model.replay());
    }

    private void applyStep(int step) {
        if (model == null) {
            return;
        }
        boolean all = step >= model.replay().lastStep();
        graphView.showReplay(all ? null : model.replay(), step);
        tokenView.showReplay(all ? null : model.replay(), step);
    }

    /** The model shown, or null. */
    public ExplorerModel model() {
        return model;
    }

    /** The graph view. */
    public ExecutionGraphView graphView() {
        return graphView;
    }

    /** The token view. */
    public TokenView tokenView() {
        return tokenView;
    }

    /** The totals panel. */
    public TotalsPanel totalsPanel() {
        return totals;
    }

    /** The attention mask picture. */
    public AttentionView attentionView() {
        return attention;
    }

    /** The replay bar. */
    public ReplayBar replayBar() {
        return replayBar;
    }

    /** Colours the token view by {@code mode}. */
    public void setColourMode(ColourMode mode) {
        tokenView.modeProperty().set(mode);
    }
}
