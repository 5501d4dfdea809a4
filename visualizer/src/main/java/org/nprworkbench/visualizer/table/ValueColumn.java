package org.nprworkbench.visualizer.table;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/**
 * Read-only table columns that hold a row's value and show it formatted: a column sorts by the value
 * itself (numbers as numbers, durations as durations, missing values last), not by the text, and a
 * missing value reads as a dash. The workbench's tables (runs, rollouts) are built from these.
 */
public final class ValueColumn {
    /** What a missing value reads as. */
    public static final String MISSING = "\u2013";

    private ValueColumn() {
    }

    /**
     * A column titled {@code title} showing {@code format} of {@code value} for each row, {@code width}
     * pixels wide by preference and never narrower than its title needs.
     */
    public static <R, T extends Comparable<? super T>> TableColumn<R, T> of(String title, Function<R, T> value,
                                                                            Function<? super T, String> format,
                                                                            double width) {
        TableColumn<R, T> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? MISSING : format.apply(item));
            }
        });
        c.setMinWidth(Math.max(52, title.length() * 8 + 30)); // the title and a short value stay readable
        c.setPrefWidth(Math.max(width, c.getMinWidth()));
        return c;
    }

    /** A column of text values shown as they are. */
    public static <R> TableColumn<R, String> text(String title, Function<R, String> value, double width) {
        return of(title, value, s -> s, width);
    }

    /** A column of numbers shown with {@code places} decimals. */
    public static <R> TableColumn<R, Double> decimal(String title, Function<R, Double> value, int places, double width) {
        return of(title, value, v -> String.format(Locale.ROOT, "%." + places + "f", v), width);
    }
}
