package org.nprworkbench.visualizer.attention;

import org.nprworkbench.visualizer.tokens.AnswerTokens;

/**
 * A small picture of the parallel attention mask over an answer's response tokens (npr-method.md
 * §2.2): row = query, column = key, both in merged token order, so each block's sibling branches
 * show as the pale squares cut out of the lower triangle. Each cell of a {@code size x size} image
 * covers a square of tokens and is coloured by the share of visible, sibling-hidden and future pairs
 * among up to {@code SAMPLES x SAMPLES} evenly spread pairs in it, so the cost is bounded whatever the
 * answer's length. Visibility comes from {@link AnswerTokens#visible} (the parallel layout). Pure:
 * returns ARGB pixels.
 */
public final class MaskMatrix {
    /** Colour of visible pairs. */
    public static final int VISIBLE = 0xFF7EA6E6;
    /** Colour of pairs hidden because they lie in sibling branches. */
    public static final int HIDDEN_SIBLING = 0xFFEE8F86;
    /** Colour of future pairs. */
    public static final int FUTURE = 0xFFF7F8FA;
    /** Pairs sampled per cell side. */
    public static final int SAMPLES = 4;

    private final int size;
    private final int first;
    private final int count;
    private final int[] pixels;

    private MaskMatrix(int size, int first, int count, int[] pixels) {
        this.size = size;
        this.first = first;
        this.count = count;
        this.pixels = pixels;
    }

    /** The matrix of the response of {@code tokens}, at most {@code maxSize} cells a side (one per token when fewer). */
    public static MaskMatrix of(AnswerTokens tokens, int maxSize) {
        int first = tokens.promptLength();
        int count = tokens.size() - first;
        int size = Math.max(1, Math.min(maxSize, count));
        int[] px = new int[size * size];
        if (count == 0) {
            px[0] = FUTURE;
            return new MaskMatrix(1, first, 0, px);
        }
        for (int r = 0; r < size; r++) {
            int qa = first + (int) ((long) r * count / size);
            int qb = first + (int) ((long) (r + 1) * count / size);
            for (int c = 0; c < size; c++) {
                int ka = first + (int) ((long) c * count / size);
                int kb = first + (int) ((long) (c + 1) * count / size);
                int vis = 0;
                int hid = 0;
                int fut = 0;
                for (int q : samples(qa, qb)) {
                    for (int k : samples(ka, kb)) {
                        switch (Visibility.of(tokens, q, k)) {
                            case VISIBLE -> vis++;
                            case HIDDEN_SIBLING -> hid++;
                            case FUTURE -> fut++;
                        }
                    }
                }
                px[r * size + c] = mix(vis, hid, fut);
            }
        }
        return new MaskMatrix(size, first, count, px);
    }

    private static int[] samples(int from, int to) {
        int n = Math.min(SAMPLES, to - from);
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = from + (int) ((long) (2 * i + 1) * (to - from) / (2L * n));
        }
        return s;
    }

    private static int mix(int vis, int hid, int fut) {
        double total = vis + hid + fut;
        double r = 0;
        double g = 0;
        double b = 0;
        for (int[] part : new int[][] {{vis, VISIBLE}, {hid, HIDDEN_SIBLING}, {fut, FUTURE}}) {
            double w = part[0] / total;
            r += w * ((part[1] >> 16) & 0xFF);
            g += w * ((part[1] >> 8) & 0xFF);
            b += w * (part[1] & 0xFF);
        }
        return 0xFF000000 | ((int) Math.round(r) << 16) | ((int) Math.round(g) << 8) | (int) Math.round(b);
    }

    /** Cells per side. */
    public int size() {
        return size;
    }

    /** ARGB pixels, row-major, {@code size * size}. */
    public int[] pixels() {
        return pixels.clone();
    }

    /** The pixel of row {@code r}, column {@code c}. */
    public int pixel(int r, int c) {
        return pixels[r * size + c];
    }

    /** The cell row or column that holds token {@code token} (an index into the whole sequence), -1 for prompt tokens. */
    public int cellOf(int token) {
        if (token < first || count == 0) {
            return -1;
        }
        return (int) Math.min(size - 1, (long) (token - first) * size / count);
    }
}
