package com.influencelakehouse.sampledata;

/**
 * A campaign: the window in which its brand sends offers, and its budget in base currency. An upcoming
 * campaign starts after the generated days: it is briefed within the window but sends no offers in it.
 */
final class Campaign {
  final String id;
  final Brand brand;
  final String objective;
  final int startDay;
  final int endDay;
  final int createdDay;
  final long createdAt;
  double budgetBase;
  final int updateDay;
  final double updateFactor;
  final boolean upcoming;

  Campaign(String id, Brand brand, String objective, int startDay, int endDay, int createdDay, long createdAt,
      double budgetBase, int updateDay, double updateFactor, boolean upcoming) {
    this.id = id;
    this.brand = brand;
    this.objective = objective;
    this.startDay = startDay;
    this.endDay = endDay;
    this.createdDay = createdDay;
    this.createdAt = createdAt;
    this.budgetBase = budgetBase;
    this.updateDay = updateDay;
    this.updateFactor = updateFactor;
    this.upcoming = upcoming;
  }

  boolean activeOn(int day) {
    return day >= startDay && day <= endDay;
  }
}
