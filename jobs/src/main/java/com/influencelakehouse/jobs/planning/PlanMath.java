package com.influencelakehouse.jobs.planning;

import org.apache.commons.math3.distribution.NormalDistribution;

/** The standard normal's quantile and distribution function, for the plan's intervals. */
final class PlanMath {
  private static final NormalDistribution N = new NormalDistribution(null, 0, 1);

  private PlanMath() {}

  static double z(double p) {
    return N.inverseCumulativeProbability(p);
  }

  static double phi(double x) {
    return N.cumulativeProbability(x);
  }
}
