package org.nprworkbench.engine.graph;

/** One NPR response text read from a user file, with where it came from ({@code file line 3}). */
public record Trace(String origin, String text) {
}
