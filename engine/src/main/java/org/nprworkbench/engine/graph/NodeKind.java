package org.nprworkbench.engine.graph;

/** What part of an answer a graph node stands for. */
public enum NodeKind {
    /** The prompt (possibly empty, for imported text without one). */
    PROMPT,
    /** Sequential text outside any block that is not the final answer (free reasoning before or between blocks). */
    TEXT,
    /** A guideline with its plans, from {@code <guideline>} up to the first {@code <step>} (the shared separator included). */
    GUIDELINE,
    /** One step branch: its span, from {@code <step>} up to the next {@code <step>} or {@code <takeaway>}. */
    STEP,
    /** A takeaway, from {@code <takeaway>} through {@code </takeaway>}. */
    TAKEAWAY,
    /** The text after the last block of a well-formed answer (the whole response when it has no block). */
    ANSWER,
    /** Everything from the token where the structure breaks to the end. */
    MALFORMED
}
