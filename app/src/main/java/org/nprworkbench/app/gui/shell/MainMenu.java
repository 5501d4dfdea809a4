package org.nprworkbench.app.gui.shell;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

/**
 * The menu bar: File (open a checkpoint folder, quit), Run (new run, start, stop, resume, the run
 * browser), View (dark theme) and Help (about), with keyboard shortcuts for the main actions.
 */
final class MainMenu {
    private MainMenu() {
    }

    static MenuBar create(WorkbenchViewModel vm, Runnable openFolder, Runnable quit) {
        MenuItem open = new MenuItem("Open checkpoint folder\u2026");
        open.setId("menu-open");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> openFolder.run());
        MenuItem quitItem = new MenuItem("Quit");
        quitItem.setId("menu-quit");
        quitItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quitItem.setOnAction(e -> quit.run());
        Menu file = new Menu("File", null, open, new SeparatorMenuItem(), quitItem);

        MenuItem newRun = item("New run", "menu-new-run", "Shortcut+N", vm::newRun);
        MenuItem start = item("Start", "menu-start", "Shortcut+Enter", () -> {
            vm.sectionProperty().set(org.nprworkbench.app.gui.section.Section.TRAINING);
            vm.training().start();
        });
        MenuItem stop = item("Stop the followed run", "menu-stop", "Shortcut+Period", vm.training()::stop);
        MenuItem resume = item("Resume the followed run", "menu-resume", "Shortcut+Shift+R", vm.training()::resume);
        MenuItem runs = item("Run browser", "menu-runs", "Shortcut+R",
                () -> vm.sectionProperty().set(org.nprworkbench.app.gui.section.Section.RUNS));
        MenuItem training = item("Training", "menu-training", "Shortcut+T",
                () -> vm.sectionProperty().set(org.nprworkbench.app.gui.section.Section.TRAINING));
        Menu run = new Menu("Run", null, newRun, start, stop, resume, new SeparatorMenuItem(), training, runs);

        javafx.scene.control.CheckMenuItem dark = new javafx.scene.control.CheckMenuItem("Dark theme");
        dark.setId("menu-dark");
        dark.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        dark.selectedProperty().bindBidirectional(vm.darkProperty());
        Menu view = new Menu("View", null, dark);

        MenuItem about = new MenuItem("About NPR Workbench");
        about.setId("menu-about");
        about.setOnAction(e -> vm.showAbout());
        Menu help = new Menu("Help", null, about);
        return new MenuBar(file, run, view, help);
    }

    private static MenuItem item(String text, String id, String keys, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(KeyCombination.keyCombination(keys));
        item.setOnAction(e -> action.run());
        return item;
    }
}
