package org.nprworkbench.app.gui.shell;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

/** The menu bar: File (open a checkpoint folder, quit) and Help (about). */
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

        MenuItem about = new MenuItem("About NPR Workbench");
        about.setId("menu-about");
        about.setOnAction(e -> vm.showAbout());
        Menu help = new Menu("Help", null, about);
        return new MenuBar(file, help);
    }
}
