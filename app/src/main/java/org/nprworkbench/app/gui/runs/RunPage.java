package org.nprworkbench.app.gui.runs;

import java.util.List;

/**
 * What a run's page shows: its saved configuration, its stages with status, its checkpoint lineage
 * (the pipeline chain seed, NPR-Zero, corpus, NPR-Beta, PAPO, with the SR-Beta and SR baselines beside
 * it) and its events.
 *
 * @param config  key and value of every saved setting, in saved order
 * @param stages  one line per stage: name, status, steps, start and end
 * @param chain   the main lineage, each node "stage (step N)" or "corpus", in order
 * @param beside  the baselines, each "stage (step N) from PARENT"
 * @param events  one line per event, oldest first
 */
public record RunPage(String name, String summary, List<String[]> config, List<String> stages, List<String> chain,
                      List<String> beside, List<String> events) {
}
