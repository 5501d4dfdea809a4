package org.nprworkbench.trainer.reward;

/**
 * The rewards of a batch grouped by prompt: each group's size and mean reward, the baseline both
 * DAPO's group advantage and PAPO's advantage subtract (npr-method.md §3.2, §5.1).
 *
 * @param count {@code count[g]}: responses in group {@code g}
 * @param mean  {@code mean[g]}: their mean reward (0 for an empty group)
 */
public record RewardGroups(int[] count, double[] mean) {

    /** Groups {@code rewards[i]} by {@code groups[i]} (any non-negative ids). */
    public static RewardGroups of(double[] rewards, int[] groups) {
        if (rewards.length != groups.length) {
            throw new IllegalArgumentException(rewards.length + " rewards for " + groups.length + " group ids");
        }
        int max = -1;
        for (int g : groups) {
            max = Math.max(max, g);
        }
        double[] sum = new double[max + 1];
        int[] count = new int[max + 1];
        for (int i = 0; i < rewards.length; i++) {
            sum[groups[i]] += rewards[i];
            count[groups[i]]++;
        }
        double[] mean = new double[max + 1];
        for (int g = 0; g <= max; g++) {
            mean[g] = count[g] == 0 ? 0 : sum[g] / count[g];
        }
        return new RewardGroups(count, mean);
    }

    /** The baseline of group {@code g}: its mean, or 0 for a group of one (verl's rule). */
    public double baseline(int g) {
        return count[g] == 1 ? 0 : mean[g];
    }
}
