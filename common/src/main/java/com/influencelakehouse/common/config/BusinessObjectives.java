package com.influencelakehouse.common.config;

import java.util.List;

/**
 * What the product optimises, declared in configuration so goals are transparent: the base
 * currency, the incentive-recommendation objective, the fairness policy and each model's objective.
 */
public record BusinessObjectives(
    String baseCurrency,
    Recommendation recommendation,
    Fairness fairness,
    ModelObjective postingModel,
    ModelObjective conversionModel) {

  /** Recommendation modes. */
  public enum RecommendationMode {
    TARGET_PROBABILITY("target-probability"),
    MAX_PROFIT("max-profit");

    private final String configName;

    RecommendationMode(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }

    static RecommendationMode fromConfig(String s) {
      for (RecommendationMode m : values()) {
        if (m.configName.equals(s)) {
          return m;
        }
      }
      return TARGET_PROBABILITY;
    }
  }

  /**
   * How incentives are recommended. {@code confidence}: how sure a recommendation must be, as the
   * probability that the influencer's true posting probability is at least the bound the rule uses
   * (target mode: the smallest incentive whose lower bound at this confidence reaches the target).
   */
  public record Recommendation(
      RecommendationMode mode,
      double targetPostingProbability,
      double grossMargin,
      List<Double> incentiveGrid,
      List<String> incentiveTypes,
      double confidence) {}

  /**
   * The fairness audit (four-fifths flags on selection and true-positive rates) and the promotion gate
   * (within-group ranking and calibration, for groups of at least {@code gateMinGroupSize}).
   */
  public record Fairness(List<String> groups, double minRatio, int minGroupSize, double gateMinRatio,
      int gateMinGroupSize, double gateMaxCalibrationGap) {}

  /** The declared objective of one model and its retraining policy. */
  public record ModelObjective(String objective, int retrainEveryDays, double championMargin) {}
}
