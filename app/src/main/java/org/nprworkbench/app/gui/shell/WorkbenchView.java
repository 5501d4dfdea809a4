package org.nprworkbench.app.gui.shell;

import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import org.nprworkbench.app.gui.compare.CompareView;
import org.nprworkbench.app.gui.explore.ExploreView;
import org.nprworkbench.app.gui.models.ModelsView;
import org.nprworkbench.app.gui.overview.OverviewView;
import org.nprworkbench.app.gui.runs.RunsView;
import org.nprworkbench.app.gui.training.TrainingView;
import org.nprworkbench.app.gui.section.Section;
import org.nprworkbench.app.gui.section.SectionPage;
import org.nprworkbench.visualizer.task.BackgroundTasks;

/**
 * The window's content: the menu bar, the section navigation on the left, the selected section's
 * page, and the status bar. It binds to a {@link WorkbenchViewModel} and holds no state of its own;
 * the status bar follows the background pool that runs the view models' work.
 */
public final class WorkbenchView extends BorderPane {
    private final WorkbenchViewModel vm;
    private final Map<Section, Node> pages = new EnumMap<>(Section.class);
    private final StackPane content = new StackPane();
    private final TrainingView training;

    /** The content for {@code vm}, with {@code pool} shown in the status bar. */
    public WorkbenchView(WorkbenchViewModel vm, BackgroundTasks pool) {
        this.vm = vm;
        getStyleClass().add("workbench");
        training = TrainingView.create(vm.training(), pool, vm.dialogs());
        training.dashboard().darkProperty().bind(vm.darkProperty());
        vm.darkProperty().addListener((o, was, is) -> {
            getStyleClass().remove("dark");
            if (is) {
                getStyleClass().add("dark");
            }
        });
        for (Section s : Section.values()) {
            pages.put(s, switch (s) {
                case OVERVIEW -> OverviewView.create(vm.overview(), CompareView.quickstartBanner(vm.compare(),
                        () -> vm.sectionProperty().set(Section.COMPARE)));
                case MODELS -> ModelsView.create(vm.models(), this::chooseCheckpointFolder);
                case EXPLORE -> ExploreView.create(vm.explore());
                case COMPARE -> CompareView.create(vm.compare());
                case TRAINING -> training.page();
                case RUNS -> RunsView.create(vm.runs());
                default -> SectionPage.placeholder(s);
            });
        }
        content.getStyleClass().add("content");
        setTop(MainMenu.create(vm, this::chooseCheckpointFolder, this::quit));
        setLeft(sidebar());
        setCenter(content);
        setBottom(StatusBar.create(vm, pool));
        showPage(vm.sectionProperty().get());
        vm.sectionProperty().addListener((obs, was, now) -> showPage(now));
    }

    private VBox sidebar() {
        Label name = new Label("NPR Workbench");
        name.getStyleClass().add("brand-name");
        Label tagline = new Label("Native Parallel Reasoner");
        tagline.getStyleClass().add("brand-tagline");
        VBox brand = new VBox(2, name, tagline);
        brand.getStyleClass().add("brand");

        ListView<Section> nav = new ListView<>();
        nav.setId("navigation");
        nav.getStyleClass().add("navigation");
        nav.getItems().setAll(Section.values());
        nav.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Section item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.title());
                setId(empty || item == null ? null : "nav-" + item.key());
            }
        });
        nav.getSelectionModel().select(vm.sectionProperty().get());
        nav.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                vm.sectionProperty().set(now);
            }
        });
        vm.sectionProperty().addListener((obs, was, now) -> nav.getSelectionModel().select(now));
        VBox.setVgrow(nav, Priority.ALWAYS);

        Label version = new Label("Version " + WorkbenchViewModel.version());
        version.getStyleClass().add("brand-version");
        VBox sidebar = new VBox(brand, nav, version);
        sidebar.getStyleClass().add("sidebar");
        return sidebar;
    }

    private void showPage(Section section) {
        content.getChildren().setAll(pages.get(section));
    }

    /** Draws every chart that is out of date now, so that a snapshot shows the latest points. */
    public void prepareSnapshot() {
        training.dashboard().redrawNow();
    }

    /** Asks for a checkpoint folder and hands it to the Models page. */
    private void chooseCheckpointFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open checkpoint folder");
        if (Files.isDirectory(vm.home().checkpoints())) {
            chooser.setInitialDirectory(vm.home().checkpoints().toFile());
        }
        java.io.File dir = chooser.showDialog(window());
        if (dir != null) {
            vm.sectionProperty().set(Section.MODELS);
            vm.models().open(dir.toPath());
        }
    }

    private void quit() {
        Window window = window();
        if (window != null) {
            window.hide();
        }
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }
}
