package com.influencelakehouse.jobs.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.jobs.planning.CampaignPlanner.Brief;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Candidate;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Choice;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Floor;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Objective;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Option;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Plan;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Totals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CampaignPlannerTest {
  /** A cash option: probability p at amount a, orders per post o, reach per post r. */
  private static Option cash(double multiple, double amount, double p, double ordersPerPost, double reachPerPost) {
    return new Option("cash", multiple, amount, p, Math.max(0, p - 0.1), Math.min(1, p + 0.1), amount, p * amount, p,
        p * reachPerPost, p * ordersPerPost, p * ordersPerPost * 40);
  }

  private static Candidate influencer(String key, String tier, Option... options) {
    return new Candidate(key, Map.of("follower_tier", tier, "platform", "instagram", "country", "US", "category",
        "beauty"), List.of(options));
  }

  private static Brief brief(Objective o, double budget) {
    return new Brief(o, budget, null, Map.of(), List.of());
  }

  private static Set<String> keys(List<Candidate> cs, Plan plan) {
    Set<String> out = new HashSet<>();
    plan.choices().forEach(c -> out.add(cs.get(c.candidate()).key()));
    return out;
  }

  @Test
  void greedyTakesTheBestValuePerCostWithinTheBudget() {
    // a: 0.5 x 2 orders for 0.5 x 100 = 50 expected cost -> 0.02 orders per unit; b: 0.8 x 1 / 80 = 0.01;
    // c: 0.5 x 3 / 50 = 0.03. Budget 100: c (50) then a (50) = 100; b no longer fits.
    List<Candidate> cs = List.of(influencer("a", "nano", cash(1, 100, 0.5, 2, 1000)),
        influencer("b", "nano", cash(1, 100, 0.8, 1, 1000)), influencer("c", "micro", cash(1, 100, 0.5, 3, 1000)));
    Plan plan = CampaignPlanner.greedy(cs, brief(Objective.ORDERS, 100));
    assertEquals(Set.of("a", "c"), keys(cs, plan));
    assertEquals(100, plan.cost(), 1e-9);
    assertEquals(0.5 * 2 + 0.5 * 3, plan.value(), 1e-9);
    assertEquals("c", cs.get(plan.choices().get(0).candidate()).key(), "rank 1 is the best value per cost");
    assertEquals(0.03, plan.choices().get(0).marginalValuePerCost(), 1e-9);
  }

  @Test
  void oneOfferPerInfluencerAtTheIncentiveItsCurveJustifies() {
    // One influencer, three amounts: 0.3 at 50, 0.6 at 100, 0.65 at 200. Budget 70: 0.6 x 100 = 60 fits, and
    // the step from 15 to 60 still adds orders, so the plan takes multiple 1.0 once, never two offers.
    List<Candidate> cs = List.of(influencer("a", "nano", cash(0.5, 50, 0.3, 1, 100), cash(1, 100, 0.6, 1, 100),
        cash(2, 200, 0.65, 1, 100)));
    for (Plan plan : List.of(CampaignPlanner.greedy(cs, brief(Objective.ORDERS, 70)),
        CampaignPlanner.exact(cs, brief(Objective.ORDERS, 70)))) {
      assertEquals(1, plan.choices().size());
      assertEquals(1.0, cs.get(0).options().get(plan.choices().get(0).option()).multiple());
      assertTrue(plan.cost() <= 70);
    }
  }

  @Test
  void allowedTiersAndMostOffersAreHonoured() {
    List<Candidate> cs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      cs.add(influencer("n" + i, i % 2 == 0 ? "nano" : "micro", cash(1, 100, 0.5 + i * 0.01, 1 + i * 0.1, 1000)));
    }
    Brief nanoOnly = new Brief(Objective.ORDERS, 10_000, 3, Map.of("follower_tier", Set.of("nano")), List.of());
    Plan plan = CampaignPlanner.plan(cs, nanoOnly);
    assertEquals(3, plan.choices().size(), "max offers binds: the budget would buy every nano");
    for (Choice c : plan.choices()) {
      assertEquals("nano", cs.get(c.candidate()).group("follower_tier"));
    }
    assertEquals(Set.of("n4", "n6", "n8"), keys(cs, plan), "the three best nano influencers");
    assertEquals(5, plan.eligible());
    Map<String, Double> costs = CampaignPlanner.constraintCosts(cs, nanoOnly, plan);
    assertTrue(costs.get("max_offers") > 0, "without the limit all five nano are planned: " + costs);
    assertTrue(costs.get("follower_tier") > 0, "micro influencers n9, n7 are better than n4: " + costs);
  }

  @Test
  void aFairnessFloorIsMetExactlyAndItsCostReported() {
    // Six micro influencers worth 2 orders each, four nano worth 1; budget for 5 offers of 50 expected cost.
    List<Candidate> cs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      cs.add(influencer("m" + i, "micro", cash(1, 100, 0.5, 4, 1000)));
    }
    for (int i = 0; i < 4; i++) {
      cs.add(influencer("n" + i, "nano", cash(1, 100, 0.5, 2 + 0.1 * i, 1000)));
    }
    Brief fair = new Brief(Objective.ORDERS, 250, null, Map.of(), List.of(new Floor("follower_tier", "nano", 0.4)));
    for (Plan plan : List.of(CampaignPlanner.greedy(cs, fair), CampaignPlanner.exact(cs, fair))) {
      long nano = plan.choices().stream().filter(c -> cs.get(c.candidate()).group("follower_tier").equals("nano"))
          .count();
      assertEquals(5, plan.choices().size(), plan.solver());
      assertEquals(2, nano, plan.solver() + ": 40 % of 5 offers");
      assertTrue(plan.cost() <= 250 + 1e-9);
      assertEquals(3 * 2 + 0.5 * (2.3 + 2.2), plan.value(), 1e-9, plan.solver() + ": the best two nano");
    }
    Plan plan = CampaignPlanner.plan(cs, fair);
    assertEquals(10 - 8.25, CampaignPlanner.constraintCosts(cs, fair, plan)
        .get("floor follower_tier=nano:0.4"), 1e-9, "unconstrained: five micro, 10 orders; floored: 8.25");
  }

  @Test
  void aFloorWithoutCandidatesIsReportedNotBroken() {
    List<Candidate> cs = List.of(influencer("a", "micro", cash(1, 100, 0.5, 2, 1000)));
    Brief fair = new Brief(Objective.ORDERS, 250, null, Map.of(), List.of(new Floor("follower_tier", "nano", 0.2)));
    for (Plan plan : List.of(CampaignPlanner.greedy(cs, fair), CampaignPlanner.exact(cs, fair))) {
      assertEquals(0, plan.choices().size());
      assertEquals(List.of("follower_tier=nano:0.2: no eligible influencer in the group"), plan.unmet());
    }
  }

  @Test
  void theObjectiveDecidesWhomToOffer() {
    // a converts (3 orders, small reach), b reaches (100 000, 0.5 orders): one budget slot.
    List<Candidate> cs = List.of(influencer("a", "nano", cash(1, 100, 0.5, 3, 2_000)),
        influencer("b", "mid", cash(1, 100, 0.5, 0.5, 100_000)));
    assertEquals(Set.of("a"), keys(cs, CampaignPlanner.plan(cs, brief(Objective.ORDERS, 50))));
    assertEquals(Set.of("b"), keys(cs, CampaignPlanner.plan(cs, brief(Objective.REACH, 50))));
    assertEquals(Set.of("a"), keys(cs, CampaignPlanner.plan(cs, brief(Objective.REVENUE, 50))));
  }

  @Test
  void greedyIsNearTheExactOptimumOnRandomSmallCases() {
    Random r = new Random(17);
    double worst = 1;
    double sumRatio = 0;
    int cases = 300;
    for (int k = 0; k < cases; k++) {
      List<Candidate> cs = new ArrayList<>();
      int n = 3 + r.nextInt(5);
      for (int i = 0; i < n; i++) {
        double base = 20 + r.nextInt(200);
        double resp = r.nextDouble();
        List<Option> os = new ArrayList<>();
        for (double m : new double[] {0.5, 1, 2}) {
          double p = 1 / (1 + Math.exp(-(-1 + resp * 2 * Math.log(m) + r.nextGaussian() * 0.3)));
          os.add(cash(m, base * m, p, 0.5 + r.nextDouble() * 3, 1000));
        }
        cs.add(influencer("i" + i, r.nextBoolean() ? "nano" : "micro", os.toArray(Option[]::new)));
      }
      Brief b = new Brief(Objective.ORDERS, 50 + r.nextInt(300), r.nextInt(3) == 0 ? 2 : null, Map.of(),
          r.nextInt(3) == 0 ? List.of(new Floor("follower_tier", "nano", 0.3)) : List.of());
      Plan exact = CampaignPlanner.exact(cs, b);
      Plan greedy = CampaignPlanner.greedy(cs, b);
      assertTrue(greedy.value() <= exact.value() + 1e-9, "the exact plan is optimal");
      assertTrue(greedy.cost() <= b.budget() + 1e-9 && exact.cost() <= b.budget() + 1e-9);
      double ratio = exact.value() == 0 ? 1 : greedy.value() / exact.value();
      worst = Math.min(worst, ratio);
      sumRatio += ratio;
    }
    System.out.println("greedy / exact mean " + sumRatio / cases + ", worst " + worst);
    assertTrue(sumRatio / cases >= 0.95, "greedy / exact mean " + sumRatio / cases + ", worst " + worst);
  }

  @Test
  void greedyEqualsExactWhenTheBudgetEndsOnAStep() {
    // Both steps of each influencer's hull fit in a budget that is the sum of the chosen steps' costs.
    List<Candidate> cs = List.of(influencer("a", "nano", cash(1, 100, 0.5, 2, 1000), cash(2, 200, 0.7, 2, 1000)),
        influencer("b", "nano", cash(1, 100, 0.4, 2, 1000), cash(2, 200, 0.5, 2, 1000)));
    // Slopes: a 1/50 then (1.4-1)/(140-50)=0.0044; b 0.8/40 = 0.02 then 0.2/60 = 0.0033. Budget 50+40+90.
    Brief b = brief(Objective.ORDERS, 180);
    assertEquals(CampaignPlanner.exact(cs, b).value(), CampaignPlanner.greedy(cs, b).value(), 1e-9);
  }

  @Test
  void totalsStateTheIntervalsAndTheChanceOfOverspending() {
    List<Candidate> cs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      cs.add(influencer("i" + i, "nano", cash(1, 100, 0.5, 2, 1000)));
    }
    Plan plan = CampaignPlanner.greedy(cs, brief(Objective.POSTS, 1000));
    Totals t = CampaignPlanner.totals(cs, plan, 1000, 0.8);
    assertEquals(20, plan.choices().size());
    assertEquals(10, t.posts().expected(), 1e-9);
    assertTrue(t.posts().lower() < 10 && t.posts().upper() > 10);
    // Posts: variance 20 x (0.5 x 0.5 + (0.2 / (2 x 1.2816))^2) = 5.12, sd 2.26: the 80 % interval is 10 +- 2.90.
    assertEquals(2.90, t.posts().upper() - 10, 0.01);
    assertEquals(1000, t.cost().expected(), 1e-9);
    assertEquals(0.5, t.probabilityOverBudget(), 1e-9, "spending the whole budget in expectation: a coin flip");
    assertEquals(20, t.orders().expected(), 1e-9);
  }
}
