package org.nprworkbench.visualizer.dashboard;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Prints a number with at most three significant digits, plainly between 0.001 and 100,000 and in
 * {@code 1.5e-4} form outside: the log axis's tick labels (0.79 rather than 10^-0.1).
 */
final class SignificantFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double v, StringBuffer out, FieldPosition pos) {
        if (!Double.isFinite(v)) {
            return out.append(v);
        }
        if (v == 0) {
            return out.append('0');
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return out.append(rounded.toPlainString());
        }
        String s = String.format(java.util.Locale.ROOT, "%.2e", v);
        String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
        int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
        return out.append(mantissa).append('e').append(exponent);
    }

    @Override
    public StringBuffer format(long v, StringBuffer out, FieldPosition pos) {
        return format((double) v, out, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("only printed");
    }
}
