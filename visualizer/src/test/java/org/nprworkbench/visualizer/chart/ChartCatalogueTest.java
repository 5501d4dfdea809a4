package org.nprworkbench.visualizer.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The default charts take the verl metric names the issue lists, and nothing else. */
class ChartCatalogueTest {

    @Test
    void eachListedMetricFeedsItsChart() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("critic/rewards/mean", "reward"),
                Map.entry("npr/accuracy", "accuracy"),
                Map.entry("val/test_score/countdown/mean@8", "accuracy"),
                Map.entry("val-core/digitsum/reward/mean@4", "accuracy"),
                Map.entry("npr/format_valid_rate", "format-valid"),
                Map.entry("npr/parallel_rate", "parallel-rate"),
                Map.entry("npr/branches_per_block", "branches"),
                Map.entry("npr/t_over_c", "t-over-c"),
                Map.entry("npr/tps_ratio", "tps-ratio"),
                Map.entry("response_length/mean", "response-length"),
                Map.entry("actor/pg_loss", "loss"),
                Map.entry("train/loss", "loss"),
                Map.entry("actor/grad_norm", "grad-norm"),
                Map.entry("train/grad_norm", "grad-norm"),
                Map.entry("train/lr", "learning-rate"),
                Map.entry("actor/entropy", "entropy"),
                Map.entry("actor/lr", "learning-rate"),
                Map.entry("timing_s/step", "step-time"));
        expected.forEach((metric, chart) -> assertEquals(List.of(chart), chartsOf(metric), metric));
    }

    @Test
    void otherNamesFeedNoChart() {
        for (String metric : List.of("val/test_score/countdown/best@8", "val-aux/x/mean@4", "val/", "critic/rewards/max",
                "actor/pg_loss_extra", "response_length/max", "timing_s/gen")) {
            assertEquals(List.of(), chartsOf(metric), metric);
        }
    }

    @Test
    void catalogueHasThirteenChartsWithDistinctIds() {
        List<ChartSpec> all = ChartCatalogue.defaults();
        assertEquals(13, all.size());
        assertEquals(13, all.stream().map(ChartSpec::id).collect(Collectors.toSet()).size());
        assertEquals("Loss", ChartCatalogue.byId("loss").title());
        assertEquals(1, ChartCatalogue.byId("loss").matcherIndex("train/loss"));
    }

    private static List<String> chartsOf(String metric) {
        return ChartCatalogue.defaults().stream().filter(c -> c.matcherIndex(metric) >= 0).map(ChartSpec::id).toList();
    }
}
