package org.nprworkbench.app.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a user reads when the window cannot open, for JavaFX's two reasons (no GTK 3, no display). */
class WindowStartFailureTest {
    @Test
    void missingGtkNamesTheLibraryAndDoesNotSendTheUserToXvfbAlone() {
        // JavaFX 21's text when libgtk-3.so.0 cannot be loaded (seen with the library hidden)
        String m = Workbench.cannotOpen("Unable to load glass GTK library.").getMessage();
        assertEquals("cannot open the workbench window (Unable to load glass GTK library): the window needs GTK 3 "
                + "(Debian/Ubuntu: sudo apt-get install libgtk-3-0), and a display. The command-line verbs need "
                + "neither: ./npr --help", m);
        assertFalse(m.contains("xvfb-run"), m);
    }

    @Test
    void noDisplaySuggestsAVirtualDisplayWithGtk() {
        String m = Workbench.cannotOpen("Unable to open DISPLAY").getMessage();
        assertTrue(m.contains("there is no display") && m.contains("sudo apt-get install xvfb libgtk-3-0")
                && m.contains("xvfb-run -a ./npr workbench"), m);
        assertFalse(m.contains("\n"), "one line");
    }
}
