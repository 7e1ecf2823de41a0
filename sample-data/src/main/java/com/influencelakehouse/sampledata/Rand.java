package com.influencelakehouse.sampledata;

import java.util.SplittableRandom;

/** Distributions drawn from a seeded {@link SplittableRandom}: every draw is reproducible for a seed. */
final class Rand {
  private Rand() {}

  static double uniform(SplittableRandom r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }

  /** Standard normal by Box-Muller (one value per call, no hidden state). */
  static double normal(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  static double normal(SplittableRandom r, double mean, double sd) {
    return mean + sd * normal(r);
  }

  /** Log-normal with the given median and log-scale sigma. */
  static double lognormal(SplittableRandom r, double median, double sigma) {
    return median * Math.exp(sigma * normal(r));
  }

  static int poisson(SplittableRandom r, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 40) {
      return (int) Math.max(0, Math.round(normal(r, lambda, Math.sqrt(lambda))));
    }
    double limit = Math.exp(-lambda);
    double p = r.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= r.nextDouble();
      k++;
    }
    return k;
  }

  /** Exponential with the given mean. */
  static double exponential(SplittableRandom r, double mean) {
    return -mean * Math.log(1.0 - r.nextDouble());
  }

  /** Index drawn with probability proportional to weights. */
  static int weighted(SplittableRandom r, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  static <T> T pick(SplittableRandom r, T[] items) {
    return items[r.nextInt(items.length)];
  }

  static <T> T pick(SplittableRandom r, java.util.List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  static String hex(SplittableRandom r, int chars) {
    StringBuilder sb = new StringBuilder(chars);
    for (int i = 0; i < chars; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  static double clamp(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }

  static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }
}
