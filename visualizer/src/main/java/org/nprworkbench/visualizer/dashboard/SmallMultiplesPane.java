package org.nprworkbench.visualizer.dashboard;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * Lays its children out as a grid of equal cells: as many columns as fit at {@link #MIN_TILE_WIDTH}
 * (at most {@link #MAX_COLUMNS}), cells as wide as the columns allow and {@link #ASPECT} times as high
 * (clamped), with a fixed gap. Hidden children take no cell.
 */
final class SmallMultiplesPane extends Pane {
    static final double MIN_TILE_WIDTH = 330;
    static final int MAX_COLUMNS = 4;
    static final double ASPECT = 0.64;
    static final double GAP = 12;

    SmallMultiplesPane() {
        getStyleClass().add("small-multiples");
    }

    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;
    }

    private List<Node> cells() {
        return getManagedChildren().stream().filter(Node::isVisible).toList();
    }

    int columnsFor(double width) {
        double inner = width - snappedLeftInset() - snappedRightInset();
        int columns = (int) Math.floor((inner + GAP) / (MIN_TILE_WIDTH + GAP));
        return Math.max(1, Math.min(MAX_COLUMNS, Math.min(columns, Math.max(1, cells().size()))));
    }

    private double cellWidth(double width, int columns) {
        double inner = width - snappedLeftInset() - snappedRightInset();
        return Math.floor((inner - GAP * (columns - 1)) / columns);
    }

    private static double cellHeight(double cellWidth) {
        return Math.floor(Math.max(200, Math.min(330, cellWidth * ASPECT)));
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + 3 * MIN_TILE_WIDTH + 2 * GAP;
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + 220;
    }

    @Override
    protected double computePrefHeight(double width) {
        if (width < 0) {
            width = computePrefWidth(-1);
        }
        int n = cells().size();
        if (n == 0) {
            return snappedTopInset() + snappedBottomInset();
        }
        int columns = columnsFor(width);
        int rows = (n + columns - 1) / columns;
        return snappedTopInset() + snappedBottomInset() + rows * cellHeight(cellWidth(width, columns)) + (rows - 1) * GAP;
    }

    @Override
    protected void layoutChildren() {
        List<Node> cells = cells();
        if (cells.isEmpty()) {
            return;
        }
        int columns = columnsFor(getWidth());
        double w = cellWidth(getWidth(), columns);
        double h = cellHeight(w);
        for (int i = 0; i < cells.size(); i++) {
            int row = i / columns;
            int col = i % columns;
            cells.get(i).resizeRelocate(snappedLeftInset() + col * (w + GAP), snappedTopInset() + row * (h + GAP), w, h);
        }
    }
}
