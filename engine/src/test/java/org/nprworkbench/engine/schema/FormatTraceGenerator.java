package org.nprworkbench.engine.schema;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random NPR traces for the differential test of {@link FormatScore} against the released
 * {@code compute_format_score}: well-formed traces (1 to 3 blocks of 1 to 5 plans, free text around
 * them, a boxed answer), each then given 0 to 3 random mutations (a tag deleted or inserted, text at a
 * tag boundary, a body emptied or shortened, a step dropped, a plan duplicated, the plans of a block
 * removed, {@code \boxed{}} emptied or added, tags after the last block, whitespace changed, Unicode
 * whitespace and look-alikes that are not whitespace included). Plain JDK, seeded, so the same
 * arguments always give the same traces.
 *
 * <p>The stored corpus {@code format-score-corpus.jsonl.gz} was made with (from the repository root):
 * <pre>
 * G=engine/src/test/java/org/nprworkbench/engine/schema/FormatTraceGenerator.java
 * java $G traces > traces.jsonl                                   # one JSON string per line
 * python3 ../shared/reference/compute_format_score.py &lt; traces.jsonl > scores.txt
 * java $G corpus traces.jsonl scores.txt | gzip -9n > engine/src/test/resources/format-score-corpus.jsonl.gz
 * </pre>
 * Each corpus line is {@code {"expected":PYTHON_SCORE,"trace":"..."}}, the score unclamped as the
 * released function returns it.
 */
public final class FormatTraceGenerator {
    /** The corpus size and seed. */
    static final int COUNT = 6000;
    static final long SEED = 20260801L;

    private static final String[] TAGS = {"<guideline>", "</guideline>", "<plan>", "</plan>",
        "<step>", "</step>", "<takeaway>", "</takeaway>"};
    private static final String[] WORDS = {"compute", "the", "sum", "of", "both", "sides", "so", "x", "=",
        "12", "7", "+", "-", "*", "391", "17*23", "check", "mod", "gives", "answer", "is", "agree",
        "𝑥", "√2", "π", "ß", "{", "}", "(a)", "XX"};
    /** Python 3's 29 whitespace characters (str.isspace), and look-alikes that are not whitespace. */
    private static final String[] SPACES = {"\t", "\n", "\u000B", "\f", "\r", "\u001C", "\u001D", "\u001E",
        "\u001F", " ", "\u0085", "\u00A0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004",
        "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200A", "\u2028", "\u2029", "\u202F", "\u205F",
        "\u3000"};
    private static final String[] NOT_SPACES = {"\u200B", "\u180E", "\uFEFF", "\u2060", "\u00AD", "\u0000"};

    private final Random random;
    private final List<String> pieces = new ArrayList<>();

    private FormatTraceGenerator(Random random) {
        this.random = random;
    }

    /** {@code count} traces from {@code seed}. */
    static List<String> traces(int count, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new FormatTraceGenerator(random).trace());
        }
        return out;
    }

    private String trace() {
        int blocks = 1 + random.nextInt(3);
        if (random.nextInt(3) == 0) {
            text(words(1, 8));
            space();
        }
        for (int b = 0; b < blocks; b++) {
            if (b > 0 && random.nextInt(3) == 0) {
                text(words(1, 6));
                space();
            }
            block(1 + random.nextInt(5));
        }
        text(words(0, 5));
        text(" \\boxed{" + words(1, 2) + "}");
        if (random.nextInt(4) == 0) {
            text(words(1, 3));
        }
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            mutate();
        }
        return String.join("", pieces);
    }

    private void block(int plans) {
        pieces.add("<guideline>");
        space();
        for (int k = 1; k <= plans; k++) {
            pieces.add("<plan>");
            text(k + ": " + words(1, 5));
            pieces.add("</plan>");
            space();
        }
        pieces.add("</guideline>");
        space();
        for (int k = 1; k <= plans; k++) {
            pieces.add("<step>");
            space();
            text(k + ": " + words(2, 7));
            space();
            pieces.add("</step>");
            space();
        }
        pieces.add("<takeaway>");
        text(words(2, 8));
        pieces.add("</takeaway>");
        space();
    }

    /** How often each mutation of {@link #mutate()} is picked (text and whitespace more than tags). */
    private static final int[] WEIGHTS = {2, 2, 4, 3, 1, 1, 1, 2, 1, 3, 2};

    private void mutate() {
        int pick = random.nextInt(java.util.Arrays.stream(WEIGHTS).sum());
        int kind = 0;
        while (pick >= WEIGHTS[kind]) {
            pick -= WEIGHTS[kind++];
        }
        switch (kind) {
            case 0 -> { // a tag deleted
                int i = randomTag();
                if (i >= 0) {
                    pieces.remove(i);
                }
            }
            case 1 -> pieces.add(random.nextInt(pieces.size() + 1), // a tag (or a close-open pair) inserted
                    random.nextInt(4) == 0 ? pick(new String[] {"</plan><plan>", "</step><step>"}) : pick(TAGS));
            case 2 -> { // text at a tag boundary, often between two steps
                int i = random.nextBoolean() ? randomIndexOf("</step>") : randomTag();
                if (i >= 0) {
                    pieces.add(i + random.nextInt(2), random.nextBoolean() ? "XX" : words(1, 3));
                }
            }
            case 3 -> { // a body emptied or shortened
                int i = randomIndexOf("<plan>", "<step>", "<takeaway>");
                if (i >= 0 && i + 1 < pieces.size() && !isTag(pieces.get(i + 1))) {
                    String body = pieces.get(i + 1);
                    pieces.set(i + 1, body.substring(0, random.nextInt(Math.min(body.length(), 8) + 1)));
                }
            }
            case 4 -> removeElement("<step>", "</step>", false); // a step dropped
            case 5 -> removeElement("<plan>", "</plan>", true); // a plan duplicated
            case 6 -> { // the plans of a guideline removed
                int g = randomIndexOf("<guideline>");
                while (g >= 0 && g + 1 < pieces.size() && !pieces.get(g + 1).equals("</guideline>")) {
                    pieces.remove(g + 1);
                }
            }
            case 7 -> { // \boxed{} emptied or added
                String box = pick(new String[] {"\\boxed{}", "\\boxed{ }", "\\boxed{\n}", "\\boxed{7}", "\\boxed{\u2003}"});
                int i = indexContaining("\\boxed{");
                if (i >= 0 && random.nextBoolean()) {
                    pieces.set(i, pieces.get(i).replaceAll("\\\\boxed\\{[^}]*\\}", java.util.regex.Matcher.quoteReplacement(box)));
                } else {
                    pieces.add(random.nextInt(pieces.size() + 1), box);
                }
            }
            case 8 -> { // tags after the last block
                pieces.add(words(0, 2));
                pieces.add(pick(TAGS));
                if (random.nextBoolean()) {
                    pieces.add(words(1, 3));
                    pieces.add(pick(TAGS));
                }
            }
            case 9 -> { // whitespace changed inside any piece, tags included
                int i = random.nextInt(pieces.size());
                String p = pieces.get(i);
                int at = random.nextInt(p.length() + 1);
                if (at > 0 && at < p.length() && Character.isLowSurrogate(p.charAt(at))) {
                    at--;
                }
                String ws = random.nextInt(5) == 0 ? pick(NOT_SPACES) : pick(SPACES);
                pieces.set(i, p.substring(0, at) + ws + p.substring(at));
            }
            default -> { // whitespace between pieces replaced by a run of unusual whitespace, or removed
                int i = random.nextInt(pieces.size());
                StringBuilder run = new StringBuilder();
                for (int k = random.nextInt(4); k > 0; k--) {
                    run.append(pick(SPACES));
                }
                pieces.add(i, run.toString());
            }
        }
    }

    /** Removes (or duplicates in place) a random {@code open … close} element. */
    private void removeElement(String open, String close, boolean duplicate) {
        int i = randomIndexOf(open);
        if (i < 0) {
            return;
        }
        int j = pieces.subList(i, pieces.size()).indexOf(close);
        if (j < 0) {
            return;
        }
        List<String> element = new ArrayList<>(pieces.subList(i, i + j + 1));
        if (duplicate) {
            pieces.addAll(i + j + 1, element);
        } else {
            pieces.subList(i, i + j + 1).clear();
        }
    }

    private void space() {
        pieces.add(switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "\n\n";
            default -> "\n";
        });
    }

    private void text(String s) {
        pieces.add(s);
    }

    private String words(int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(random.nextInt(8) == 0 ? "\n" : " ");
            }
            sb.append(pick(WORDS));
        }
        return sb.toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static boolean isTag(String piece) {
        for (String t : TAGS) {
            if (t.equals(piece)) {
                return true;
            }
        }
        return false;
    }

    private int randomTag() {
        return randomIndexOf(TAGS);
    }

    private int randomIndexOf(String... wanted) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            for (String w : wanted) {
                if (w.equals(pieces.get(i))) {
                    at.add(i);
                }
            }
        }
        return at.isEmpty() ? -1 : at.get(random.nextInt(at.size()));
    }

    private int indexContaining(String s) {
        for (int i = pieces.size() - 1; i >= 0; i--) {
            if (pieces.get(i).contains(s)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code s} as a JSON string literal, ASCII only (other characters as UTF-16 escapes). */
    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /**
     * {@code traces [COUNT [SEED]]} prints the traces, one JSON string per line (the released script's
     * input); {@code corpus TRACES SCORES} joins those lines with the script's output into corpus lines.
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        if (args.length >= 1 && args[0].equals("traces")) {
            int count = args.length > 1 ? Integer.parseInt(args[1]) : COUNT;
            long seed = args.length > 2 ? Long.parseLong(args[2]) : SEED;
            for (String t : traces(count, seed)) {
                out.print(json(t) + "\n");
            }
        } else if (args.length == 3 && args[0].equals("corpus")) {
            List<String> traces = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
            List<String> scores = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
            if (traces.size() != scores.size()) {
                throw new IllegalArgumentException(traces.size() + " traces but " + scores.size() + " scores");
            }
            for (int i = 0; i < traces.size(); i++) {
                String score = scores.get(i).trim();
                Double.parseDouble(score); // a number, written as Python printed it
                out.print("{\"expected\":" + score + ",\"trace\":" + traces.get(i) + "}\n");
            }
        } else {
            System.err.println("usage: FormatTraceGenerator traces [COUNT [SEED]] | corpus TRACES SCORES");
            System.exit(2);
        }
        out.flush();
    }
}
