package org.nprworkbench.visualizer.totals;

import java.util.Locale;

import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The totals beside the graph ({@link AnswerTotals}): a two-column table of figures with good and bad
 * news coloured, then the format violations and where the structure breaks, if anywhere. Each value
 * label has the id {@code totals-NAME} (the row name in lower case, spaces and symbols as dashes).
 */
public final class TotalsPanel extends VBox {
    private final GridPane grid = new GridPane();
    private final VBox notes = new VBox(2);

    public TotalsPanel() {
        super(6);
        getStyleClass().add("totals-panel");
        Label title = new Label("Answer");
        title.getStyleClass().add("section-title");
        grid.setHgap(14);
        grid.setVgap(3);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, values);
        getChildren().addAll(title, grid, notes);
        show(null);
    }

    /** Shows {@code totals} (null: empty). */
    public void show(AnswerTotals totals) {
        grid.getChildren().clear();
        notes.getChildren().clear();
        if (totals == null) {
            Label none = new Label("No answer open.");
            none.getStyleClass().add("totals-note");
            grid.add(none, 0, 0, 2, 1);
            return;
        }
        int r = 0;
        for (AnswerTotals.Row row : totals.rows()) {
            Label name = new Label(row.name());
            name.getStyleClass().add("totals-name");
            Label value = new Label(row.value());
            value.setId("totals-" + idOf(row.name()));
            value.getStyleClass().addAll("totals-value", "tone-" + row.tone().name().toLowerCase(Locale.ROOT));
            value.setWrapText(true);
            grid.add(name, 0, r);
            grid.add(value, 1, r);
            r++;
        }
        if (totals.breakNote() != null) {
            notes.getChildren().add(note("Breaks: " + totals.breakNote(), "totals-break"));
        }
        for (String v : totals.violations()) {
            notes.getChildren().add(note(v, "totals-violation"));
        }
    }

    private static Label note(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().addAll("totals-note", style);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** The id suffix of a row name: lower case, runs of other characters as one dash. */
    public static String idOf(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
