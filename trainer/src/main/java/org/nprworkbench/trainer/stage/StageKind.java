package org.nprworkbench.trainer.stage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.nprworkbench.input.BadInputException;

/**
 * The training stages of the NPR pipeline, with the one name each carries everywhere (the
 * {@code --stages} option, the run store, the window): {@code seed}, {@code zero}, {@code beta},
 * {@code papo}, {@code sr-beta}, {@code sr}. Declaration order is pipeline order.
 */
public enum StageKind {
    /** Seed SFT on the programmatic corpus (the stand-in for the instruct model, npr-method.md §8.2). */
    SEED("seed"),
    /** Stage 1, NPR-Zero: DAPO on sequential rollouts (§3). */
    ZERO("zero"),
    /** Stage 2, NPR-Beta: rejection sampling and parallel SFT (§4). */
    BETA("beta"),
    /** Stage 3, PAPO: parallel-aware policy optimisation (§5). */
    PAPO("papo"),
    /** Baseline: causal SFT on NPR-Beta's corpus. */
    SR_BETA("sr-beta"),
    /** Baseline: sequential RL from NPR-Beta, the 1.0x speed reference. */
    SR("sr");

    private final String label;

    StageKind(String label) {
        this.label = label;
    }

    /** The stage's name as written on the command line and in the run store. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The stage named {@code name}; an unknown name is bad input that lists the known ones. */
    public static StageKind parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (StageKind k : values()) {
            if (k.label.equals(n)) {
                return k;
            }
        }
        throw new BadInputException("unknown stage '" + name + "'; the stages are " + labels());
    }

    /** Every stage name, comma-separated, in pipeline order. */
    public static String labels() {
        return Arrays.stream(values()).map(StageKind::label).collect(Collectors.joining(", "));
    }

    /** Parses a comma-separated list such as {@code seed,zero,beta}. */
    public static List<StageKind> parseList(String names) {
        return Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(StageKind::parse).collect(Collectors.toUnmodifiableList());
    }
}
