package com.influencelakehouse.evaluation.bench;

import com.influencelakehouse.jobs.planning.CampaignPlanner;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Brief;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Candidate;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Floor;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Objective;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Option;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The planner's own cost per campaign (the Spark part, scoring the options, is measured by the demo's
 * {@code plan_campaigns} time): one campaign's candidates as many as the scale's influencers, 3 incentive
 * types x 10 grid multiples each on logistic curves, planned unconstrained, with the most offers, and with
 * tiers and a fairness floor, each with its constraint costs (one more plan per constraint).
 * Usage: {@code bin/bench planner [INFLUENCERS ...]} (default 2500 20000 100000).
 */
public final class PlannerBench {
  private static final String[] TIERS = {"nano", "micro", "mid", "macro", "mega"};
  private static final String[] PLATFORMS = {"instagram", "tiktok", "youtube"};
  private static final double[] GRID = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0};

  private PlannerBench() {}

  public static void main(String[] args) {
    List<Integer> sizes = new ArrayList<>();
    for (String a : args) {
      sizes.add(Integer.parseInt(a));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(2_500, 20_000, 100_000);
    }
    for (int n : sizes) {
      List<Candidate> cs = candidates(n, new Random(n));
      double standard = 0;
      for (Candidate c : cs) {
        standard += c.options().get(3).amount();
      }
      double budget = DecisionQuality.BUDGET_SHARE * standard;
      Map<String, Brief> briefs = Map.of(
          "unconstrained", new Brief(Objective.ORDERS, budget, null, Map.of(), List.of()),
          "max offers n/10", new Brief(Objective.ORDERS, budget, n / 10, Map.of(), List.of()),
          "tiers + floor", new Brief(Objective.ORDERS, budget, null, Map.of("follower_tier", Set.of("nano", "micro",
              "mid")), List.of(new Floor("platform", "youtube", 0.5))));
      for (Map.Entry<String, Brief> e : new java.util.TreeMap<>(briefs).entrySet()) {
        long t0 = System.nanoTime();
        Plan plan = CampaignPlanner.plan(cs, e.getValue());
        long t1 = System.nanoTime();
        Map<String, Double> costs = CampaignPlanner.constraintCosts(cs, e.getValue(), plan);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%7d influencers x 30 options, %-16s %s: %5d offers, objective %.1f, cost %.0f"
                + " of %.0f; planned in %.2f s, constraint costs %s in %.2f s%n", n, e.getKey(), plan.solver(),
            plan.choices().size(), plan.value(), plan.cost(), budget, (t1 - t0) / 1e9, costs, (t2 - t1) / 1e9);
      }
    }
  }

  /** Candidates on logistic incentive-response curves with a latent responsiveness, like the sample world's. */
  static List<Candidate> candidates(int n, Random r) {
    List<Candidate> cs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String tier = TIERS[Math.min(4, (int) Math.floor(Math.abs(r.nextGaussian()) * 1.5))];
      double norm = 50 * Math.pow(4, java.util.Arrays.asList(TIERS).indexOf(tier)) * (0.8 + 0.4 * r.nextDouble());
      double latent = r.nextGaussian();
      double ordersPerPost = Math.exp(r.nextGaussian() * 0.8) * norm / 100;
      List<Option> os = new ArrayList<>();
      for (String type : new String[] {"cash", "product", "commission"}) {
        double typeEffect = r.nextGaussian() * 0.4;
        for (double m : GRID) {
          double p = 1 / (1 + Math.exp(-(-0.35 + 1.5 * Math.log(m) + 0.9 * latent + typeEffect)));
          double committed = type.equals("commission") ? m * 0.1 * ordersPerPost * 40 : m * norm;
          os.add(new Option(type, m, m * norm, p, Math.max(0, p - 0.1), Math.min(1, p + 0.1), committed, p * committed,
              p, p * norm * 100, p * ordersPerPost, p * ordersPerPost * 40));
        }
      }
      cs.add(new Candidate("i" + i, Map.of("follower_tier", tier, "platform", PLATFORMS[r.nextInt(3)], "country",
          "US", "category", "beauty"), os));
    }
    return cs;
  }
}
