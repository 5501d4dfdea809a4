package org.nprworkbench.engine.graph;

/** One plan of a guideline: its label ({@code "1"}, {@code "2.1"}; null when unlabelled) and its text between the tags. */
public record PlanItem(String label, String text) {
}
