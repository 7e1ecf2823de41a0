package com.influencelakehouse.common.config;

import java.util.List;

/**
 * How models are trained: the training window, the time-based split, the candidates' grids and the
 * number of reason codes per scored row, and the fixed partitioning training runs on. What each model is for and when it is retrained are business
 * objectives ({@link BusinessObjectives.ModelObjective}).
 */
public record ModelSettings(
    int trainingDays,
    double holdoutShare,
    double validationShare,
    int minExamples,
    int gbtIterations,
    List<Integer> gbtDepths,
    List<Double> regParams,
    int reasonCodes,
    int trainingPartitions) {

  public ModelSettings {
    gbtDepths = List.copyOf(gbtDepths);
    regParams = List.copyOf(regParams);
  }
}
