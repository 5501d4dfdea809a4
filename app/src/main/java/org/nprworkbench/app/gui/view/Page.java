package org.nprworkbench.app.gui.view;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.nprworkbench.app.gui.viewmodel.Section;
import org.nprworkbench.visualizer.emptystate.EmptyState;

/** The frame every section page shares: a header with the section's title, subtitle and actions, then a body. */
final class Page extends BorderPane {

    Page(Section section, Node body, Node... actions) {
        getStyleClass().addAll("page", "page-" + section.name().toLowerCase(java.util.Locale.ROOT));
        setId("page-" + section.name().toLowerCase(java.util.Locale.ROOT));
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
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setTop(header);
        setCenter(body);
    }

    /** The page of a section that only has its placeholder so far. */
    static Page placeholder(Section section) {
        return new Page(section, new EmptyState(section.emptyTitle(), section.emptyMessage()));
    }
}
