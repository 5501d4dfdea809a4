package org.nprworkbench.visualizer.tokens;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lays tokens out as monospaced text wrapped at a column width: which line and column each piece of
 * each token occupies, and which token lies under a given line and column. A token moves to the next
 * line rather than break when it fits there; a newline inside a token ends the line and is shown as
 * {@link #NEWLINE_MARK}; tabs become four spaces and other control characters a middle dot. Pure, no
 * JavaFX: the token view draws these runs and hit-tests the mouse with them.
 */
public final class TokenLayout {
    /** What a newline is drawn as, at the end of its line. */
    public static final String NEWLINE_MARK = "↵";

    /**
     * One piece of one token on one line.
     *
     * @param token   the token index (into {@link AnswerTokens})
     * @param line    line number from 0
     * @param column  first column
     * @param text    the characters drawn (one per column)
     * @param newline true when this piece is a newline mark
     */
    public record Run(int token, int line, int column, String text, boolean newline) {
        /** Number of columns it takes. */
        public int length() {
            return text.length();
        }
    }

    private final List<Run> runs;
    private final int[] lineStart;
    private final int lines;
    private final int columns;

    private TokenLayout(List<Run> runs, int lines, int columns) {
        this.runs = List.copyOf(runs);
        this.lines = lines;
        this.columns = columns;
        this.lineStart = new int[lines + 1];
        Arrays.fill(lineStart, runs.size());
        for (int r = runs.size() - 1; r >= 0; r--) {
            lineStart[runs.get(r).line()] = r;
        }
        for (int l = lines - 1; l >= 0; l--) {
            lineStart[l] = Math.min(lineStart[l], lineStart[l + 1]);
        }
    }

    /**
     * Lays out the tokens {@code order} (indices into {@code texts}) in that order, {@code columns} wide.
     */
    public static TokenLayout of(int[] order, String[] texts, int columns) {
        return of(order, texts, columns, t -> false);
    }

    /**
     * Lays out the tokens {@code order} as {@link #of(int[], String[], int)} does, starting a new line
     * before every token for which {@code breakBefore} holds (unless it already starts one).
     */
    public static TokenLayout of(int[] order, String[] texts, int columns, java.util.function.IntPredicate breakBefore) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be positive, not " + columns);
        }
        List<Run> runs = new ArrayList<>(order.length + 16);
        int line = 0;
        int col = 0;
        for (int t : order) {
            if (col > 0 && breakBefore.test(t)) {
                line++;
                col = 0;
            }
            String s = display(texts[t]);
            int nl = s.indexOf('\n');
            int head = nl < 0 ? s.length() : nl;
            if (col > 0 && col + head > columns && head <= columns) {
                line++;
                col = 0;
            }
            int at = 0;
            while (at <= s.length()) {
                int next = s.indexOf('\n', at);
                String seg = s.substring(at, next < 0 ? s.length() : next);
                int k = 0;
                while (k < seg.length()) {
                    if (col >= columns) {
                        line++;
                        col = 0;
                    }
                    int take = Math.min(seg.length() - k, columns - col);
                    runs.add(new Run(t, line, col, seg.substring(k, k + take), false));
                    col += take;
                    k += take;
                }
                if (next < 0) {
                    break;
                }
                if (col >= columns) {
                    line++;
                    col = 0;
                }
                runs.add(new Run(t, line, col, NEWLINE_MARK, true));
                line++;
                col = 0;
                at = next + 1;
            }
        }
        return new TokenLayout(runs, line + 1, columns);
    }

    /** The text a token is drawn as: tabs as four spaces, other control characters as a middle dot, never empty. */
    public static String display(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                b.append("    ");
            } else if (c == '\r') {
                continue;
            } else if (c < 0x20 && c != '\n') {
                b.append('·');
            } else {
                b.append(c);
            }
        }
        return b.isEmpty() ? "·" : b.toString();
    }

    /** All runs, line by line, left to right. */
    public List<Run> runs() {
        return runs;
    }

    /** Number of lines. */
    public int lines() {
        return lines;
    }

    /** The width it was laid out for. */
    public int columns() {
        return columns;
    }

    /** The runs on {@code line}. */
    public List<Run> line(int line) {
        if (line < 0 || line >= lines) {
            return List.of();
        }
        return runs.subList(lineStart[line], lineStart[line + 1]);
    }

    /** The token drawn at {@code line}, {@code column}, or -1 for empty space. */
    public int tokenAt(int line, int column) {
        for (Run r : line(line)) {
            if (column >= r.column() && column < r.column() + r.length()) {
                return r.token();
            }
        }
        return -1;
    }

    /** The first line on which token {@code token} is drawn, or -1 when it is not laid out. */
    public int lineOf(int token) {
        for (Run r : runs) {
            if (r.token() == token) {
                return r.line();
            }
        }
        return -1;
    }
}
