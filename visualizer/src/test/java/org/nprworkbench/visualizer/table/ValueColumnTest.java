package org.nprworkbench.visualizer.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.TableColumn;

import org.junit.jupiter.api.Test;

class ValueColumnTest {
    private record Row(String name, Duration took, Double score) {
    }

    @Test
    void rowsSortByTheValueNotItsTextAndMissingValuesGoLast() {
        TableColumn<Row, Duration> took = ValueColumn.of("Duration", Row::took, d -> d.toMinutes() + ":" + d.toSecondsPart(), 90);
        TableColumn<Row, Double> score = ValueColumn.decimal("Score", Row::score, 3, 90);
        List<Row> rows = new ArrayList<>(List.of(new Row("a", Duration.ofSeconds(460), 0.5),
                new Row("b", Duration.ofSeconds(974), null), new Row("c", Duration.ofSeconds(59), 0.125)));
        rows.sort((x, y) -> took.getComparator().compare(x.took(), y.took()));
        assertEquals(List.of("c", "a", "b"), rows.stream().map(Row::name).toList(), "0:59 < 7:40 < 16:14, unlike their text");
        rows.sort((x, y) -> score.getComparator().compare(x.score(), y.score()));
        assertEquals(List.of("c", "a", "b"), rows.stream().map(Row::name).toList(), "no score last");
    }
}
