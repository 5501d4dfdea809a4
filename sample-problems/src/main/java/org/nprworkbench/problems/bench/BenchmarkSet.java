package org.nprworkbench.problems.bench;

import java.nio.file.Path;
import java.util.List;

import org.nprworkbench.input.SkippedLine;
import org.nprworkbench.problems.task.Problem;

/**
 * A loaded benchmark: its problems (task {@code math}, split test), the layout that was used, and the
 * lines that were skipped (only when the caller asked to skip bad lines).
 *
 * @param file the file read
 * @param layout the fields used
 * @param problems the problems, in file order
 * @param skipped the bad lines left out, each with its reason
 */
public record BenchmarkSet(Path file, BenchmarkLayout layout, List<Problem> problems, List<SkippedLine> skipped) {
    public BenchmarkSet {
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
    }
}
