package org.nprworkbench.engine.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plan and step labels ({@code 1:}, {@code 2.1:}, npr-method.md §1.2): the text right after a
 * {@code <plan>} or {@code <step>} tag must start with optional whitespace, INT(.INT)*, optional
 * whitespace and a colon, the engine's regex {@code <plan>\s*INT(.INT)*\s*:}.
 */
public final class PlanLabel {
    private static final Pattern LABEL = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)*)\\s*:");

    private PlanLabel() {
    }

    /** The label at the start of {@code textAfterTag} without the colon ({@code "1"}, {@code "2.1"}), or null. */
    public static String read(CharSequence textAfterTag) {
        Matcher m = LABEL.matcher(textAfterTag);
        return m.find() ? m.group(1) : null;
    }
}
