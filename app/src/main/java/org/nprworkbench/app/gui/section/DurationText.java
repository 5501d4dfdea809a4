package org.nprworkbench.app.gui.section;

import java.util.Locale;

/** A duration as the pages print it: {@code 7:40} (minutes and seconds), or {@code 2 h 05 min} from an hour on. */
public final class DurationText {
    private DurationText() {
    }

    /** {@code seconds} (at least 0) as {@code M:SS}, or {@code H h MM min} from an hour on. */
    public static String of(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds / 60 % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
