package org.nprworkbench.app.gui.state;

/**
 * A training sample picked in the Training page's rollouts table: enough for another section (the
 * explorer) to open it, by run and the run store's sample id, with its text.
 *
 * @param id the rollout's id in the run store ({@code RunStore.rolloutGraph(id)} reads its graph)
 */
public record SelectedRollout(String run, long id, String stage, long step, String problem, String response) {
}
