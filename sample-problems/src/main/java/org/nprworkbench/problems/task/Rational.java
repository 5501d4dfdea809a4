package org.nprworkbench.problems.task;

import java.math.BigInteger;

/**
 * An exact fraction in lowest terms with a positive denominator, so that Countdown expressions such
 * as {@code 8/3*6} evaluate without rounding.
 *
 * @param num numerator
 * @param den denominator, positive
 */
public record Rational(BigInteger num, BigInteger den) {
    public Rational {
        if (den.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            num = num.divide(g);
            den = den.divide(g);
        }
    }

    /** The integer {@code n}. */
    public static Rational of(long n) {
        return new Rational(BigInteger.valueOf(n), BigInteger.ONE);
    }

    public Rational plus(Rational o) {
        return new Rational(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    public Rational minus(Rational o) {
        return new Rational(num.multiply(o.den).subtract(o.num.multiply(den)), den.multiply(o.den));
    }

    public Rational times(Rational o) {
        return new Rational(num.multiply(o.num), den.multiply(o.den));
    }

    /** {@code this / o}; throws {@link ArithmeticException} when {@code o} is zero. */
    public Rational dividedBy(Rational o) {
        return new Rational(num.multiply(o.den), den.multiply(o.num));
    }

    @Override
    public String toString() {
        return den.equals(BigInteger.ONE) ? num.toString() : num + "/" + den;
    }
}
