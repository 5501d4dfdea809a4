package org.nprworkbench.problems.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.nprworkbench.input.BadInputException;

/**
 * The knob values a generator uses: the values of a difficulty level, with any knob overridden by
 * name. Validated against the family's {@link Knob} ranges.
 */
public final class Knobs {
    private final Map<String, Integer> values;

    private Knobs(Map<String, Integer> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The values of difficulty {@code level} (1..5) for {@code task}. */
    public static Knobs of(Task task, int level) {
        return of(task, level, Map.of());
    }

    /**
     * The values of difficulty {@code level} with {@code overrides} applied. An unknown knob name, a
     * value outside the knob's range or a level outside 1..5 is bad input.
     */
    public static Knobs of(Task task, int level, Map<String, Integer> overrides) {
        if (level < 1 || level > Task.MAX_DIFFICULTY) {
            throw new BadInputException("difficulty " + level + " is out of range; use 1 to " + Task.MAX_DIFFICULTY);
        }
        Map<String, Integer> v = new LinkedHashMap<>();
        for (Knob k : task.knobs()) {
            v.put(k.name(), k.at(level));
        }
        overrides.forEach((name, value) -> {
            Knob k = task.knobs().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new BadInputException("task " + task.name() + " has no knob \"" + name
                            + "\"; its knobs are " + v.keySet()));
            if (value < k.min() || value > k.max()) {
                throw new BadInputException("knob " + name + "=" + value + " is out of range; use "
                        + k.min() + " to " + k.max());
            }
            v.put(name, value);
        });
        return new Knobs(v);
    }

    /** The value of knob {@code name}. */
    public int get(String name) {
        Integer v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no knob " + name);
        }
        return v;
    }

    /** All values, in the family's knob order. */
    public Map<String, Integer> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Knobs k && k.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
