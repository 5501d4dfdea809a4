package org.nprworkbench.app.gui.overview;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.section.SectionPage;
import org.nprworkbench.visualizer.snippet.CommandSnippet;

/** The Overview page: what the workbench is, where its data lives, the machine, and commands to try. */
public final class OverviewView {
    private OverviewView() {
    }

    /** The page, bound to {@code vm}; {@code extras} (banners of other sections) go under the lead. */
    public static SectionPage create(OverviewViewModel vm, Node... extras) {
        Label lead = wrapped("NPR Workbench trains and runs Native Parallel Reasoner models: language models "
                + "that split a problem into plans, work on the plans in parallel branches, and merge what "
                + "the branches found before answering.", "overview-lead");

        VBox about = card("What it does",
                wrapped("A model writes a <guideline> of independent <plan>s, decodes one <step> per plan as "
                        + "real parallel branches that share the prompt's cache, and merges them in a "
                        + "<takeaway>. The workbench takes a small Qwen3-architecture model through the "
                        + "three training stages (format RL, parallel SFT, parallel RL), runs it with the "
                        + "parallel engine, and shows how every answer branched.", "card-text"));

        GridPane where = facts();
        fact(where, 0, "Data home", vm.home().root().toString());
        fact(where, 1, "Checkpoints", vm.home().checkpoints().toString());
        fact(where, 2, "Runs", vm.home().runs().toString());
        fact(where, 3, "Logs", vm.home().logs().toString());
        VBox data = card("Your data", where,
                wrapped("Change it with --home DIR or the NPR_HOME environment variable.", "card-note"));

        GridPane machine = facts();
        Label device = fact(machine, 0, "Device", "");
        device.textProperty().bind(vm.deviceProperty());
        device.setId("overview-device");
        fact(machine, 1, "Runtime", vm.runtime());
        fact(machine, 2, "Resources", vm.resources());
        VBox compute = card("Model and device", machine,
                wrapped("Models use the Qwen3 architecture: the embedded tiny default trains on a laptop's "
                        + "CPU in minutes; any local Qwen3 checkpoint folder (0.6B to 4B, NPR-4B) loads too. "
                        + "Choose the device with --device cpu|cuda|cuda:N.", "card-note"));

        VBox commands = card("Try these commands");
        for (String c : vm.commands()) {
            commands.getChildren().add(new CommandSnippet(c));
        }
        commands.getChildren().add(wrapped("Run them with ./npr from the repository. "
                + "Every command has --help; the new checkpoint then appears under Models.", "card-note"));

        VBox left = new VBox(16, about, compute);
        VBox right = new VBox(16, commands, data);
        GridPane grid = new GridPane();
        grid.getStyleClass().add("overview-grid");
        grid.setHgap(16);
        for (double percent : new double[] {38, 62}) {
            ColumnConstraints col = new ColumnConstraints();
            col.setPercentWidth(percent);
            col.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(col);
        }
        grid.addRow(0, left, right);

        VBox content = new VBox(18, lead);
        content.getChildren().addAll(extras);
        content.getChildren().add(grid);
        content.getStyleClass().add("overview-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        return new SectionPage(Section.OVERVIEW, scroll);
    }

    private static VBox card(String title, Node... body) {
        Label heading = new Label(title);
        heading.getStyleClass().add("card-title");
        VBox card = new VBox(10, heading);
        card.getChildren().addAll(body);
        card.getStyleClass().add("card");
        card.setMaxHeight(Double.MAX_VALUE);
        return card;
    }

    private static GridPane facts() {
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(6);
        grid.getStyleClass().add("facts");
        ColumnConstraints key = new ColumnConstraints();
        key.setMinWidth(80);
        ColumnConstraints value = new ColumnConstraints();
        value.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(key, value);
        return grid;
    }

    private static Label fact(GridPane grid, int row, String key, String value) {
        Label k = new Label(key);
        k.getStyleClass().add("fact-key");
        Label v = new Label(value);
        v.getStyleClass().add("fact-value");
        v.setWrapText(true);
        grid.addRow(row, k, v);
        return v;
    }

    private static Label wrapped(String text, String style) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add(style);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
