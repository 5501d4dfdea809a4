package org.nprworkbench.visualizer.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WindowDialogServiceTest {

    @Test
    void notificationTextIsWrappedAtSpacesKeepingItsLineBreaks() {
        assertEquals("one two\nthree", WindowDialogService.wrapped("one two three", 8));
        assertEquals("a\n\nb c", WindowDialogService.wrapped("a\n\nb c", 8), "paragraphs stay");
        assertEquals("/a/very/long/path.mv.db:\nbroken", WindowDialogService.wrapped("/a/very/long/path.mv.db: broken", 8),
                "a word longer than the line stays whole");
        assertEquals("short", WindowDialogService.wrapped("short", 64));
    }
}
