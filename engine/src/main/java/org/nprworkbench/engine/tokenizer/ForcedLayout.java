package org.nprworkbench.engine.tokenizer;

import java.util.Locale;

import org.nprworkbench.problems.prompt.PromptTemplate;
import org.nprworkbench.tags.NprTags;

import com.google.gson.annotations.SerializedName;

/**
 * The text the NPR engine writes itself around the branches of a block, as a checkpoint was trained to
 * read it (stored as {@code forced_layout} in the checkpoint's {@code npr.json}). Both layouts force a
 * shared {@code \n} after {@code </guideline>}, seed branch k with {@code <step>} and the label of plan
 * k, force one {@code \n} after each branch's {@code </step>}, and open the takeaway at the join:
 * <ul>
 *   <li>{@link #RELEASED}, the released NPR engine's text (npr-method.md §2.4): every branch is seeded
 *       with {@code "\n<step>\n" + label}, the join adds {@code "<takeaway>\n"}. The branch's leading
 *       {@code \n} is the shared one: in the merged sequence only the first child's survives, between
 *       {@code </guideline>} and the first {@code <step>}, where every sibling sees it. The default for
 *       Qwen chat-template checkpoints (official NPR checkpoints were trained on it).</li>
 *   <li>{@link #COMPACT}, this project's seed-corpus layout: {@code <step>} + label, and a bare
 *       {@code <takeaway>}. The default for checkpoints without a chat template (the embedded model).</li>
 * </ul>
 * A label is the plan's label with its colon ({@code 1:}, {@code 2.1:}).
 */
public enum ForcedLayout {
    /** {@code <step>1:} and {@code <takeaway>}: this project's layout. */
    @SerializedName("compact")
    COMPACT("", ""),
    /** {@code <step>\n1:} and {@code <takeaway>\n}: the released NPR engine's layout. */
    @SerializedName("released")
    RELEASED("\n", "\n");

    /** Forced after {@code </guideline>} before the fork, shared by every branch. */
    public static final String SHARED_SEPARATOR = "\n";
    /** Forced after a branch's {@code </step>}, inside that branch's span. */
    public static final String STEP_SEPARATOR = "\n";

    private final String beforeLabel;
    private final String afterTakeaway;

    ForcedLayout(String beforeLabel, String afterTakeaway) {
        this.beforeLabel = beforeLabel;
        this.afterTakeaway = afterTakeaway;
    }

    /** The text forced right after a branch's {@code <step>} tag for plan label {@code label} (no colon). */
    public String afterStepOpen(String label) {
        return beforeLabel + label + ":";
    }

    /** The text forced right after the join's {@code <takeaway>} tag (possibly empty). */
    public String afterTakeawayOpen() {
        return afterTakeaway;
    }

    /** How a step opens in this layout, tag included: {@code <step>1:} or {@code <step>\n1:}. */
    public String stepOpening(String label) {
        return NprTags.STEP_OPEN + afterStepOpen(label);
    }

    /** How a takeaway opens in this layout, tag included. */
    public String takeawayOpening() {
        return NprTags.TAKEAWAY_OPEN + afterTakeaway;
    }

    /** The name stored in {@code npr.json}: {@code compact} or {@code released}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The layout named {@code name} ({@link #jsonName()}), or null when there is none. */
    public static ForcedLayout fromJsonName(String name) {
        for (ForcedLayout l : values()) {
            if (l.jsonName().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /**
     * The layout of a checkpoint whose {@code npr.json} does not say: {@link #RELEASED} for chat-template
     * (Qwen) checkpoints, {@link #COMPACT} for the embedded format.
     */
    public static ForcedLayout defaultFor(PromptFormat format) {
        return format == PromptFormat.PLAIN ? COMPACT : RELEASED;
    }

    /**
     * The prompt template a checkpoint reads by default: the official NPR prompt for the released
     * layout, the problem alone for the embedded format (what the seed corpus trains on), and this
     * project's own NPR instruction for a chat model trained on the compact layout.
     */
    public PromptTemplate defaultTemplate(PromptFormat format) {
        if (this == RELEASED) {
            return PromptTemplate.official();
        }
        return format == PromptFormat.PLAIN ? PromptTemplate.bare() : PromptTemplate.npr();
    }
}
