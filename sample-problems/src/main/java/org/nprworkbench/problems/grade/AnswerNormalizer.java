package org.nprworkbench.problems.grade;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings an answer string to a canonical spelling before comparison, after the {@code strip_string}
 * of the paper's evaluation parser: line breaks, dollar signs, {@code \left}/{@code \right}, LaTeX
 * spacing, {@code \text{}} wrappers, trailing units and {@code ^\circ}, percent signs, {@code \dfrac}
 * and {@code \tfrac}, a leading {@code x =}, {@code \frac12} and {@code 1/2} (both to
 * {@code \frac{1}{2}}), {@code \sqrt2}, trailing {@code .0}, small number words ({@code five}).
 *
 * <p>Deliberate departures from the reference: the word {@code and} between answers becomes a comma
 * instead of being deleted wherever it occurs (the reference turns {@code candy} into {@code cy});
 * wrapping braces are stripped from a bare token as the reference intended (its test never fires);
 * units are stripped only after a number and from a curated list; {@code j} is not rewritten to
 * {@code i}.
 */
public final class AnswerNormalizer {
    private static final List<String> UNITS = List.of(
            "square units", "sq units", "cubic units", "square feet", "square inches", "square meters",
            "square centimeters", "square miles", "square yards", "cubic feet", "cubic inches",
            "cubic meters", "cubic centimeters", "cubic yards", "sq ft", "sq m", "units", "unit",
            "centimeters", "centimetres", "meters", "metres", "millimeters", "kilometers", "inches", "inch",
            "feet", "foot", "yards", "yard", "miles", "mile", "mph", "km/h", "hours", "hour", "hrs", "hr",
            "minutes", "minute", "mins", "min", "seconds", "second", "secs", "sec", "days", "day", "weeks",
            "week", "months", "month", "years", "year", "degrees", "degree", "dollars", "dollar", "cents",
            "cent", "pounds", "pound", "lbs", "lb", "ounces", "kilograms", "grams", "kg", "liters", "litres",
            "liter", "gallons", "gallon", "ml", "cm", "mm", "km", "ft", "percent", "points", "people",
            "students", "ways", "times", "m", "s", "g", "l");
    private static final Pattern UNIT;
    private static final Map<String, String> WORD_NUMBERS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("thirteen", "13"), Map.entry("fourteen", "14"),
            Map.entry("fifteen", "15"), Map.entry("sixteen", "16"), Map.entry("seventeen", "17"),
            Map.entry("eighteen", "18"), Map.entry("nineteen", "19"), Map.entry("twenty", "20"));
    private static final Pattern TRAILING_TEXT = Pattern.compile("^(.+?)\\\\(?:text|mbox|mathrm)\\{[^{}]*\\}$");
    private static final Pattern TEXT_CMD = Pattern.compile("\\\\(?:text|textbf|textit|mathrm|mathbf|mbox|operatorname)\\{([^{}]*)\\}");
    private static final Pattern WRAPPED_TOKEN = Pattern.compile("^[({\\[]([A-Za-z0-9]+)[)}\\]]$");
    private static final Pattern VARIABLE_PREFIX = Pattern.compile("(^|,)\\s*[xyz]\\s*(?:=|\\\\in|\\\\to)\\s*");
    private static final Pattern SLASH = Pattern.compile("^(-?\\d+)/(\\d+)$");

    static {
        StringBuilder alt = new StringBuilder();
        for (String u : UNITS) {
            alt.append(alt.length() == 0 ? "" : "|").append(Pattern.quote(u));
        }
        // A unit after a number-like end ("5 cm", "12\pi cm^2"); single-letter units need a space.
        UNIT = Pattern.compile("^(.*?[0-9}).]|.*\\\\pi)\\s*(?:" + alt + ")(?:\\^\\{?[23]\\}?)?$",
                Pattern.CASE_INSENSITIVE);
    }

    private AnswerNormalizer() {
    }

    /** The canonical spelling of {@code answer} (empty for an empty answer). */
    public static String normalize(String answer) {
        String s = answer.replace("\n", " ").strip();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        s = s.replaceAll("(?<!\\\\)\\\\[,;:!]", "").replaceAll("(?<!\\\\)\\\\ ", " ").replace("~", " ")
                .replace("{,}", ",");
        s = s.replaceAll("\\\\begin\\{array\\}\\{[^}]*\\}", "\\\\begin{pmatrix}")
                .replace("\\end{array}", "\\end{pmatrix}").replace("bmatrix", "pmatrix");
        s = s.replace("tfrac", "frac").replace("dfrac", "frac");
        s = s.replace("\\neq", "\\ne").replace("\\leq", "\\le").replace("\\geq", "\\ge");
        s = s.replace("\\left", "").replaceAll("\\\\right(?!arrow)", "").replace("\\{", "{").replace("\\}", "}");
        Matcher t = TRAILING_TEXT.matcher(s);
        if (t.matches() && !t.group(1).isBlank()) {
            s = t.group(1).strip();
        }
        s = s.replace("^{\\circ}", "").replace("^\\circ", "").replace("\u00b0", "").replace("\\degree", "");
        s = s.replace("\\$", "").replace("$", "").replace("\\(", "").replace("\\)", "");
        s = TEXT_CMD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = stripUnits(s.strip());
        s = WORD_NUMBERS.getOrDefault(s.toLowerCase(Locale.ROOT), s);
        s = VARIABLE_PREFIX.matcher(s).replaceAll("$1");
        s = s.replace("\\emptyset", "{}").replace("\\varnothing", "{}").replace("(-\\infty,\\infty)", "\\mathbb{R}");
        s = s.replace("\\%", "").replace("%", "");
        s = s.replaceAll("(^|[^\\d])\\.(\\d)", "$10.$2");
        s = s.replace("infinity", "\\infty").replace("\u221e", "\\infty").replaceAll("(?<!\\\\)inf(?!ty)", "\\\\infty")
                .replace("+\\infty", "\\infty");
        s = s.replaceAll("\\s+and\\s+", ",").replace("\"", "").replace("'", "");
        s = s.replaceAll("(\\d+)\\.0*([^\\d])", "$1$2").replaceAll("(\\d+)\\.0*$", "$1");
        s = s.strip();
        String[] eq = s.split("=", -1);
        if (eq.length == 2 && eq[0].strip().length() <= 2) {
            s = eq[1];
        }
        s = s.replace(" ", "");
        Matcher w = WRAPPED_TOKEN.matcher(s);
        if (w.matches()) {
            s = w.group(1);
        }
        s = s.replaceAll("\\\\sqrt(\\w+)", "\\\\sqrt{$1}");
        s = fixFracs(s);
        Matcher sl = SLASH.matcher(s);
        if (sl.matches()) {
            s = "\\frac{" + sl.group(1) + "}{" + sl.group(2) + "}";
        }
        return s;
    }

    private static String stripUnits(String s) {
        for (int round = 0; round < 2; round++) {
            Matcher m = UNIT.matcher(s);
            if (!m.matches() || m.group(1).isBlank()) {
                break;
            }
            String unit = s.substring(m.group(1).length()).strip();
            boolean singleLetter = unit.replaceAll("\\^.*", "").length() == 1;
            if (singleLetter && !Character.isWhitespace(s.charAt(m.group(1).length()))) {
                break;
            }
            s = m.group(1).strip();
        }
        return s;
    }

    /** {@code \frac12}, {@code \frac1{72}}, {@code \frac{1}2} become {@code \frac{1}{2}} etc. */
    static String fixFracs(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int f = s.indexOf("\\frac", i);
            if (f < 0) {
                out.append(s, i, s.length());
                return out.toString();
            }
            out.append(s, i, f + 5);
            int p = f + 5;
            String[] args = new String[2];
            for (int k = 0; k < 2; k++) {
                if (p >= s.length()) {
                    return s;
                }
                if (s.charAt(p) == '{') {
                    int close = AnswerExtractor.matchingBrace(s, p);
                    if (close < 0) {
                        return s;
                    }
                    args[k] = s.substring(p + 1, close);
                    p = close + 1;
                } else if (s.charAt(p) == '\\') {
                    return s;
                } else {
                    args[k] = String.valueOf(s.charAt(p));
                    p++;
                }
            }
            out.append('{').append(args[0]).append("}{").append(args[1]).append('}');
            i = p;
        }
    }
}
