package com.influencelakehouse.jobs.planning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses a campaign's offers: at most one offer per influencer, each an incentive type and grid multiple
 * (an {@link Option}), maximising the brief's expected objective while the expected cost stays within the
 * budget, under the brief's constraints (allowed tiers, platforms, countries; most offers; least shares of
 * the offers per fairness group).
 *
 * <p>The greedy: each influencer's options reduced to the upper concave hull of (expected cost, expected
 * objective) from (0, 0); the hull's steps taken by marginal objective per marginal cost, best first, a step
 * that no longer fits the budget (or a first step past the most offers) freezing its influencer. This is the
 * LP relaxation's greedy of the multiple-choice knapsack: optimal when the budget falls on a step's end,
 * short of the optimum by less than one step otherwise. A fairness floor is met by a Lagrangian bonus per
 * offer to the group's influencers, the least that meets it found by bisection; if even a bonus that puts
 * the whole group first cannot meet it, the other groups' offers of least value per cost are dropped until
 * it holds. Where every combination can be tried cheaply ({@link #EXACT_LIMIT}) the plan is exact instead.
 *
 * <p>Pure Java on one campaign's candidates: the job runs it per campaign on the executors.
 */
public final class CampaignPlanner {
  /** Largest number of combinations (product over influencers of options + 1) the exact solver tries. */
  public static final long EXACT_LIMIT = 200_000;
  private static final double EPS = 1e-9;

  private CampaignPlanner() {}

  /** What the plan maximises. */
  public enum Objective {
    ORDERS, REVENUE, POSTS, REACH;

    public static Objective of(String name) {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One offer the planner may make: expectations are probability x the value of a post; {@code expectedCost}
   * is what the budget is charged (probability x what is owed if the post is published).
   */
  public record Option(String incentiveType, double multiple, double amount, double probability, double lower,
      double upper, double committedCost, double expectedCost, double posts, double reach, double orders,
      double revenue) {
    double value(Objective o) {
      return switch (o) {
        case ORDERS -> orders;
        case REVENUE -> revenue;
        case POSTS -> posts;
        case REACH -> reach;
      };
    }
  }

  /** An influencer the plan may offer to, with the groups the constraints name and the options. */
  public record Candidate(String key, Map<String, String> groups, List<Option> options) {
    String group(String name) {
      return groups.get(name);
    }
  }

  /** A fairness floor: at least {@code share} of the planned offers go to influencers whose group is value. */
  public record Floor(String group, String value, double share) implements java.io.Serializable {
    @Override
    public String toString() {
      return group + "=" + value + ":" + share;
    }

    boolean holds(int inGroup, int offers) {
      return inGroup >= Math.ceil(share * offers - EPS);
    }
  }

  /**
   * The brief as the planner needs it. {@code allowed}: group name (follower_tier, platform, country) to the
   * values allowed, absent = all; {@code maxOffers} null = no limit.
   */
  public record Brief(Objective objective, double budget, Integer maxOffers, Map<String, Set<String>> allowed,
      List<Floor> floors) implements java.io.Serializable {
    Brief without(String constraint) {
      Map<String, Set<String>> a = new LinkedHashMap<>(allowed);
      a.remove(constraint);
      return new Brief(objective, budget, constraint.equals("max_offers") ? null : maxOffers, a,
          floors.stream().filter(f -> !("floor " + f).equals(constraint)).toList());
    }

    /** The constraints by name, as {@link #constraintCosts} reports them. */
    List<String> constraintNames() {
      List<String> names = new ArrayList<>(allowed.keySet());
      if (maxOffers != null) {
        names.add("max_offers");
      }
      floors.forEach(f -> names.add("floor " + f));
      return names;
    }

    boolean allows(Candidate c) {
      return allowed.entrySet().stream().allMatch(e -> e.getValue().contains(c.group(e.getKey())));
    }
  }

  /** One planned offer: the candidate and option index, the order taken, and the last step's value per cost. */
  public record Choice(int candidate, int option, int rank, double marginalValuePerCost) {}

  /** A plan: its offers, expected objective and cost, how it was solved, and the constraints it could not meet. */
  public record Plan(List<Choice> choices, double value, double cost, String solver, List<String> unmet,
      long eligible) {}

  /** The best plan: exact where cheap, greedy otherwise. */
  public static Plan plan(List<Candidate> candidates, Brief brief) {
    List<Integer> eligible = eligible(candidates, brief);
    double combinations = 1;
    for (int i : eligible) {
      combinations *= candidates.get(i).options().size() + 1;
    }
    return combinations <= EXACT_LIMIT ? exact(candidates, brief) : greedy(candidates, brief);
  }

  /**
   * The objective each constraint costs: the plan's value without that one constraint minus the plan's
   * value (same budget; 0 when the constraint does not bind).
   */
  public static Map<String, Double> constraintCosts(List<Candidate> candidates, Brief brief, Plan plan) {
    Map<String, Double> costs = new LinkedHashMap<>();
    for (String name : brief.constraintNames()) {
      Plan relaxed = plan(candidates, brief.without(name));
      costs.put(name, Math.max(0, relaxed.value() - plan.value()));
    }
    return costs;
  }

  // ---- greedy -----------------------------------------------------------------------------------------------

  /** The greedy plan, fairness floors met by bisection on a per-offer bonus (see the class comment). */
  public static Plan greedy(List<Candidate> candidates, Brief brief) {
    List<Integer> eligible = eligible(candidates, brief);
    List<String> unmet = new ArrayList<>();
    double[] bonus = new double[candidates.size()];
    double maxValue = 0;
    for (int i : eligible) {
      for (Option o : candidates.get(i).options()) {
        maxValue = Math.max(maxValue, o.value(brief.objective()));
      }
    }
    List<Floor> floors = new ArrayList<>();
    for (Floor f : brief.floors()) {
      if (eligible.stream().noneMatch(i -> f.value().equals(candidates.get(i).group(f.group())))) {
        unmet.add(f + ": no eligible influencer in the group");
      } else {
        floors.add(f);
      }
    }
    if (!unmet.isEmpty()) {
      // A floor no offer can meet is met only by offering nothing: the plan says so rather than break it.
      return new Plan(List.of(), 0, 0, "greedy", unmet, eligible.size());
    }
    double[] lambda = new double[floors.size()];
    Selection s = pass(candidates, brief, eligible, bonus);
    // Coordinate-wise bisection: each floor's least bonus that meets it, given the others'.
    for (int round = 0; round < (floors.size() > 1 ? 3 : 1) && !allHold(floors, candidates, s); round++) {
      for (int f = 0; f < floors.size(); f++) {
        if (floors.get(f).holds(count(s, candidates, floors.get(f)), s.offers())) {
          continue;
        }
        double lo = lambda[f];
        double hi = Math.max(1, 2 * maxValue) * 1e3;
        for (int it = 0; it < 24; it++) {
          double mid = (lo + hi) / 2;
          lambda[f] = mid;
          applyBonus(bonus, candidates, floors, lambda);
          Selection t = pass(candidates, brief, eligible, bonus);
          if (floors.get(f).holds(count(t, candidates, floors.get(f)), t.offers())) {
            hi = mid;
          } else {
            lo = mid;
          }
        }
        lambda[f] = hi;
        applyBonus(bonus, candidates, floors, lambda);
        s = pass(candidates, brief, eligible, bonus);
      }
    }
    s = repair(s, candidates, floors, brief.objective());
    s = improve(s, candidates, brief, eligible, floors);
    return s.toPlan(candidates, brief.objective(), "greedy", unmet, eligible.size());
  }

  private static void applyBonus(double[] bonus, List<Candidate> candidates, List<Floor> floors, double[] lambda) {
    for (int i = 0; i < candidates.size(); i++) {
      double b = 0;
      for (int f = 0; f < floors.size(); f++) {
        if (floors.get(f).value().equals(candidates.get(i).group(floors.get(f).group()))) {
          b += lambda[f];
        }
      }
      bonus[i] = b;
    }
  }

  /** A hull step of one candidate: from its previous vertex to option {@code option}. */
  private record Step(int candidate, int index, int option, double dc, double dv) {}

  /** Chosen option per candidate (-1: none), the order taken and the last marginal value per cost. */
  private record Selection(int[] option, int[] rank, double[] marginal) {
    int offers() {
      return (int) Arrays.stream(option).filter(o -> o >= 0).count();
    }

    Plan toPlan(List<Candidate> candidates, Objective objective, String solver, List<String> unmet, long eligible) {
      List<Choice> choices = new ArrayList<>();
      double value = 0;
      double cost = 0;
      for (int i = 0; i < option.length; i++) {
        if (option[i] >= 0) {
          Option o = candidates.get(i).options().get(option[i]);
          value += o.value(objective);
          cost += o.expectedCost();
          choices.add(new Choice(i, option[i], rank[i], marginal[i]));
        }
      }
      choices.sort(Comparator.comparingInt(Choice::rank));
      List<Choice> ranked = new ArrayList<>();
      for (int r = 0; r < choices.size(); r++) {
        Choice c = choices.get(r);
        ranked.add(new Choice(c.candidate(), c.option(), r + 1, c.marginalValuePerCost()));
      }
      return new Plan(ranked, value, cost, solver, unmet, eligible);
    }
  }

  /** One greedy pass over the hull steps with a per-candidate bonus added to every option's value. */
  private static Selection pass(List<Candidate> candidates, Brief brief, List<Integer> eligible, double[] bonus) {
    List<Step> steps = new ArrayList<>();
    for (int i : eligible) {
      List<Option> options = candidates.get(i).options();
      Integer[] order = new Integer[options.size()];
      for (int j = 0; j < order.length; j++) {
        order[j] = j;
      }
      Arrays.sort(order, Comparator.comparingDouble((Integer j) -> options.get(j).expectedCost())
          .thenComparingDouble(j -> -options.get(j).value(brief.objective())));
      List<Integer> kept = new ArrayList<>();
      for (int j : order) {
        if (options.get(j).expectedCost() > EPS) {
          kept.add(j);
        }
      }
      double[] c = new double[kept.size()];
      double[] v = new double[kept.size()];
      for (int k = 0; k < kept.size(); k++) {
        c[k] = options.get(kept.get(k)).expectedCost();
        v[k] = options.get(kept.get(k)).value(brief.objective()) + bonus[i];
      }
      double c0 = 0;
      double v0 = 0;
      int index = 0;
      for (int h : upperHull(c, v)) {
        steps.add(new Step(i, index++, kept.get(h), c[h] - c0, v[h] - v0));
        c0 = c[h];
        v0 = v[h];
      }
    }
    steps.sort(Comparator.comparingDouble((Step s) -> -s.dv() / s.dc()).thenComparingInt(Step::candidate)
        .thenComparingInt(Step::index));
    int n = candidates.size();
    int[] option = new int[n];
    int[] next = new int[n];
    int[] rank = new int[n];
    double[] marginal = new double[n];
    boolean[] frozen = new boolean[n];
    Arrays.fill(option, -1);
    double spent = 0;
    int offers = 0;
    int taken = 0;
    for (Step s : steps) {
      int i = s.candidate();
      if (frozen[i] || s.index() != next[i]) {
        frozen[i] = true;
        continue;
      }
      boolean first = option[i] < 0;
      if ((first && brief.maxOffers() != null && offers >= brief.maxOffers()) || spent + s.dc() > brief.budget() + EPS) {
        frozen[i] = true;
        continue;
      }
      spent += s.dc();
      option[i] = s.option();
      next[i]++;
      marginal[i] = (s.dv() - (first ? bonus[i] : 0)) / s.dc();
      if (first) {
        offers++;
        rank[i] = ++taken;
      }
    }
    return new Selection(option, rank, marginal);
  }

  /** Drops the other groups' offers of least value per cost until every floor holds. */
  private static Selection repair(Selection s, List<Candidate> candidates, List<Floor> floors, Objective objective) {
    int[] option = s.option().clone();
    while (true) {
      Selection now = new Selection(option, s.rank(), s.marginal());
      Floor broken = floors.stream().filter(f -> !f.holds(count(now, candidates, f), now.offers())).findFirst()
          .orElse(null);
      if (broken == null) {
        return now;
      }
      int worst = -1;
      double worstRatio = Double.POSITIVE_INFINITY;
      for (int i = 0; i < option.length; i++) {
        if (option[i] >= 0 && !broken.value().equals(candidates.get(i).group(broken.group()))) {
          Option o = candidates.get(i).options().get(option[i]);
          double ratio = o.value(objective) / o.expectedCost();
          if (ratio < worstRatio) {
            worstRatio = ratio;
            worst = i;
          }
        }
      }
      if (worst < 0) {
        return now;
      }
      option[worst] = -1;
    }
  }

  /** Most moves of the local search: the best move comes first, so the last ones gain little. */
  static final int IMPROVE_ROUNDS = 200;
  /** Largest number of (planned offer, option) pairs the replacement moves of {@link #improve} try per round. */
  static final long REPLACE_LIMIT = 2_000_000;

  /**
   * Local search after the greedy, where the greedy leaves budget unspent at a step that did not fit: the best
   * single move while one improves the objective within the budget, the most offers and the floors. A move
   * changes one influencer's option (or adds one), or, where it is cheap, replaces a planned influencer by one
   * not planned.
   */
  private static Selection improve(Selection s, List<Candidate> candidates, Brief brief, List<Integer> eligible,
      List<Floor> floors) {
    Objective obj = brief.objective();
    int[] option = s.option().clone();
    int[] rank = s.rank().clone();
    double[] marginal = s.marginal().clone();
    int taken = Arrays.stream(rank).max().orElse(0);
    long totalOptions = eligible.stream().mapToLong(i -> candidates.get(i).options().size()).sum();
    // Membership per floor and the planned count in each: a move's floor check is O(floors), not O(offers).
    boolean[][] in = new boolean[floors.size()][candidates.size()];
    for (int f = 0; f < floors.size(); f++) {
      for (int i = 0; i < candidates.size(); i++) {
        in[f][i] = floors.get(f).value().equals(candidates.get(i).group(floors.get(f).group()));
      }
    }
    for (int round = 0; round < IMPROVE_ROUNDS; round++) {
      double spent = 0;
      int offers = 0;
      int[] counts = new int[floors.size()];
      for (int i : eligible) {
        if (option[i] >= 0) {
          spent += candidates.get(i).options().get(option[i]).expectedCost();
          offers++;
          for (int f = 0; f < floors.size(); f++) {
            counts[f] += in[f][i] ? 1 : 0;
          }
        }
      }
      FloorCheck check = new FloorCheck(floors, in, counts, offers);
      double bestGain = EPS;
      int bestI = -1;
      int bestJ = -1;
      int bestDrop = -1;
      for (int i : eligible) {
        Option current = option[i] >= 0 ? candidates.get(i).options().get(option[i]) : null;
        double cv = current == null ? 0 : current.value(obj);
        double cc = current == null ? 0 : current.expectedCost();
        boolean adds = current == null;
        if (adds && brief.maxOffers() != null && offers >= brief.maxOffers()) {
          continue;
        }
        List<Option> os = candidates.get(i).options();
        for (int j = 0; j < os.size(); j++) {
          double gain = os.get(j).value(obj) - cv;
          if (gain > bestGain && spent - cc + os.get(j).expectedCost() <= brief.budget() + EPS
              && (!adds || check.holdsAfter(i, -1))) {
            bestGain = gain;
            bestI = i;
            bestJ = j;
            bestDrop = -1;
          }
        }
      }
      if ((long) offers * totalOptions <= REPLACE_LIMIT) {
        for (int d : eligible) {
          if (option[d] < 0) {
            continue;
          }
          Option dropped = candidates.get(d).options().get(option[d]);
          for (int i : eligible) {
            if (option[i] >= 0) {
              continue;
            }
            List<Option> os = candidates.get(i).options();
            for (int j = 0; j < os.size(); j++) {
              double gain = os.get(j).value(obj) - dropped.value(obj);
              if (gain > bestGain && spent - dropped.expectedCost() + os.get(j).expectedCost() <= brief.budget() + EPS
                  && check.holdsAfter(i, d)) {
                bestGain = gain;
                bestI = i;
                bestJ = j;
                bestDrop = d;
              }
            }
          }
        }
      }
      if (bestI < 0) {
        break;
      }
      if (bestDrop >= 0) {
        option[bestDrop] = -1;
      }
      if (option[bestI] < 0) {
        rank[bestI] = ++taken;
      }
      option[bestI] = bestJ;
      Option o = candidates.get(bestI).options().get(bestJ);
      marginal[bestI] = o.value(obj) / o.expectedCost();
    }
    return new Selection(option, rank, marginal);
  }

  /** Whether the floors hold once candidate {@code added} is planned and {@code dropped} (or -1) is not. */
  private record FloorCheck(List<Floor> floors, boolean[][] in, int[] counts, int offers) {
    boolean holdsAfter(int added, int dropped) {
      int n = offers + 1 - (dropped >= 0 ? 1 : 0);
      for (int f = 0; f < floors.size(); f++) {
        int c = counts[f] + (in[f][added] ? 1 : 0) - (dropped >= 0 && in[f][dropped] ? 1 : 0);
        if (!floors.get(f).holds(c, n)) {
          return false;
        }
      }
      return true;
    }
  }

  private static boolean allHold(List<Floor> floors, List<Candidate> candidates, Selection s) {
    return floors.stream().allMatch(f -> f.holds(count(s, candidates, f), s.offers()));
  }

  private static int count(Selection s, List<Candidate> candidates, Floor f) {
    int n = 0;
    for (int i = 0; i < s.option().length; i++) {
      if (s.option()[i] >= 0 && f.value().equals(candidates.get(i).group(f.group()))) {
        n++;
      }
    }
    return n;
  }

  // ---- exact ------------------------------------------------------------------------------------------------

  /**
   * The best plan by trying every combination (depth first, pruned by the budget, the most offers and an
   * optimistic bound on the value still reachable); ties go to the cheaper plan. Only for small cases.
   */
  public static Plan exact(List<Candidate> candidates, Brief brief) {
    List<Integer> eligible = eligible(candidates, brief);
    Objective obj = brief.objective();
    double[] bestRest = new double[eligible.size() + 1];
    for (int k = eligible.size() - 1; k >= 0; k--) {
      double best = 0;
      for (Option o : candidates.get(eligible.get(k)).options()) {
        best = Math.max(best, o.value(obj));
      }
      bestRest[k] = bestRest[k + 1] + best;
    }
    List<String> unmet = new ArrayList<>();
    for (Floor f : brief.floors()) {
      if (eligible.stream().noneMatch(i -> f.value().equals(candidates.get(i).group(f.group())))) {
        unmet.add(f + ": no eligible influencer in the group");
      }
    }
    Search search = new Search(candidates, brief, eligible, bestRest);
    search.visit(0, 0, 0, 0, new int[eligible.size()]);
    int[] option = new int[candidates.size()];
    Arrays.fill(option, -1);
    int[] rank = new int[candidates.size()];
    double[] marginal = new double[candidates.size()];
    if (search.best != null) {
      for (int k = 0; k < eligible.size(); k++) {
        int i = eligible.get(k);
        option[i] = search.best[k];
        if (option[i] >= 0) {
          Option o = candidates.get(i).options().get(option[i]);
          marginal[i] = o.value(obj) / o.expectedCost();
        }
      }
      // Ranked by value per cost, as the greedy would take them.
      Integer[] order = eligible.stream().filter(i -> option[i] >= 0).toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -marginal[i]).thenComparingInt(i -> i));
      for (int r = 0; r < order.length; r++) {
        rank[order[r]] = r + 1;
      }
    }
    return new Selection(option, rank, marginal).toPlan(candidates, obj, "exact", unmet, eligible.size());
  }

  /** The exact solver's depth-first search state. */
  private static final class Search {
    final List<Candidate> candidates;
    final Brief brief;
    final List<Integer> eligible;
    final double[] bestRest;
    int[] best;
    double bestValue = -1;
    double bestCost;

    Search(List<Candidate> candidates, Brief brief, List<Integer> eligible, double[] bestRest) {
      this.candidates = candidates;
      this.brief = brief;
      this.eligible = eligible;
      this.bestRest = bestRest;
    }

    void visit(int k, double value, double cost, int offers, int[] chosen) {
      if (value + bestRest[k] < bestValue - EPS) {
        return;
      }
      if (k == eligible.size()) {
        if (floorsHold(chosen, offers) && (value > bestValue + EPS || (value > bestValue - EPS && cost < bestCost))) {
          best = chosen.clone();
          bestValue = value;
          bestCost = cost;
        }
        return;
      }
      chosen[k] = -1;
      visit(k + 1, value, cost, offers, chosen);
      if (brief.maxOffers() != null && offers >= brief.maxOffers()) {
        return;
      }
      List<Option> options = candidates.get(eligible.get(k)).options();
      for (int j = 0; j < options.size(); j++) {
        Option o = options.get(j);
        if (cost + o.expectedCost() <= brief.budget() + EPS) {
          chosen[k] = j;
          visit(k + 1, value + o.value(brief.objective()), cost + o.expectedCost(), offers + 1, chosen);
        }
      }
      chosen[k] = -1;
    }

    boolean floorsHold(int[] chosen, int offers) {
      for (Floor f : brief.floors()) {
        int n = 0;
        for (int k = 0; k < chosen.length; k++) {
          if (chosen[k] >= 0 && f.value().equals(candidates.get(eligible.get(k)).group(f.group()))) {
            n++;
          }
        }
        if (!f.holds(n, offers)) {
          return false;
        }
      }
      return true;
    }
  }

  // ---- what the plan may deliver -----------------------------------------------------------------------------

  /** A total's expectation and its interval (normal approximation, bounds at least 0). */
  public record Total(double expected, double lower, double upper) {}

  /**
   * The plan's totals with intervals, the cost's upper bound and the probability that the realised cost
   * exceeds the budget. Each offer posts with probability p, itself known to within its interval (sd from
   * the interval's width); a post's orders are Poisson, its revenue those orders at the influencer's order
   * value, its reach varies by {@link #REACH_CV} around the expectation; offers are independent. Realised
   * cost: what is owed if posted, with the same two sources of variance.
   */
  public record Totals(Total posts, Total reach, Total orders, Total revenue, Total cost, double probabilityOverBudget) {}

  /** Coefficient of variation of one post's reach around its expectation (an assumption; docs/models.md). */
  public static final double REACH_CV = 0.5;

  public static Totals totals(List<Candidate> candidates, Plan plan, double budget, double intervalConfidence) {
    double zOption = PlanMath.z((1 + intervalConfidence) / 2);
    double[] mean = new double[5];
    double[] var = new double[5];
    for (Choice c : plan.choices()) {
      Option o = candidates.get(c.candidate()).options().get(c.option());
      double p = o.probability();
      double sdP = (o.upper() - o.lower()) / (2 * zOption);
      double orders = p > 0 ? o.orders() / p : 0;
      double revenue = p > 0 ? o.revenue() / p : 0;
      double reach = p > 0 ? o.reach() / p : 0;
      double orderValue = orders > 0 ? revenue / orders : 0;
      double[] perPost = {1, reach, orders, revenue, o.committedCost()};
      double[] perPostVar = {0, Math.pow(REACH_CV * reach, 2), orders, revenue * orderValue, 0};
      for (int m = 0; m < 5; m++) {
        double v = perPost[m];
        mean[m] += p * v;
        var[m] += p * (1 - p) * v * v + p * perPostVar[m] + v * v * sdP * sdP;
      }
    }
    double z = PlanMath.z((1 + intervalConfidence) / 2);
    Total[] t = new Total[5];
    for (int m = 0; m < 5; m++) {
      double sd = Math.sqrt(var[m]);
      t[m] = new Total(mean[m], Math.max(0, mean[m] - z * sd), mean[m] + z * sd);
    }
    double sdCost = Math.sqrt(var[4]);
    double over = plan.choices().isEmpty() ? 0
        : sdCost > 0 ? 1 - PlanMath.phi((budget - mean[4]) / sdCost) : (mean[4] > budget ? 1 : 0);
    return new Totals(t[0], t[1], t[2], t[3], t[4], over);
  }

  // ---- shared -----------------------------------------------------------------------------------------------

  private static List<Integer> eligible(List<Candidate> candidates, Brief brief) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (brief.allows(candidates.get(i)) && !candidates.get(i).options().isEmpty()) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * The vertices of the upper concave hull from the origin of points sorted by ascending positive cost:
   * from each vertex the next is the point of steepest positive slope (the farthest among equal ones),
   * so the hull's slopes strictly decrease. Points without a gain over the last vertex are never taken.
   */
  public static int[] upperHull(double[] cost, double[] value) {
    List<Integer> hull = new ArrayList<>();
    double c0 = 0;
    double v0 = 0;
    int from = 0;
    while (from < cost.length) {
      int best = -1;
      double slope = 0;
      for (int j = from; j < cost.length; j++) {
        double s = cost[j] > c0 ? (value[j] - v0) / (cost[j] - c0) : Double.NaN;
        if (!(s > 0)) {
          continue;
        }
        boolean steeper = best < 0 || s > slope * (1 + 1e-12);
        boolean asSteepAndFarther = best >= 0 && s >= slope * (1 - 1e-12) && cost[j] > cost[best];
        if (steeper || asSteepAndFarther) {
          best = j;
          slope = s;
        }
      }
      if (best < 0) {
        break;
      }
      hull.add(best);
      c0 = cost[best];
      v0 = value[best];
      from = best + 1;
    }
    return hull.stream().mapToInt(Integer::intValue).toArray();
  }
}
