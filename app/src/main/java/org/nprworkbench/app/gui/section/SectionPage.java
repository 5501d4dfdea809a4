package org.nprworkbench.app.gui.section;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.nprworkbench.visualizer.emptystate.EmptyState;

/** The frame every section page shares: a header with the section's title, subtitle and actions, then a body. */
public final class SectionPage extends BorderPane {

    /** A page for {@code section} showing {@code body}, with {@code actions} (buttons) at the header's right. */
    public SectionPage(Section section, Node body, Node... actions) {
        String key = section.key();
        getStyleClass().addAll("page", "page-" + key);
        setId("page-" + key);
        Label title = new Label(section.title());
        title.getStyleClass().add("page-title");
        Label subtitle = new Label(section.subtitle());
        subtitle.getStyleClass().add("page-subtitle");
        VBox titles = new VBox(2, title, subtitle);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, titles, spacer);
        header.getChildren().addAll(actions);
        header.getStyleClass().add("page-header");
        header.setAlignment(Pos.CENTER_LEFT);
        setTop(header);
        setCenter(body);
    }

    /**
     * A page's action button: {@code id} for tests and styles, {@code tip} as its tooltip (with the
     * shortcut, where there is one), never narrower than its text.
     */
    public static Button action(String text, String id, Runnable action, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setTooltip(new Tooltip(tip));
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** The page of a section that only has its placeholder so far. */
    public static SectionPage placeholder(Section section) {
        return new SectionPage(section, new EmptyState(section.emptyTitle(), section.emptyMessage()));
    }
}
