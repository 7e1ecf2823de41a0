package com.influencelakehouse.common.transform;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;

/** Follower tiers, the market's usual way to group influencers by audience size. */
public final class FollowerTier {
  /** Tier names, smallest first. */
  public static final List<String> TIERS = List.of("nano", "micro", "mid", "macro", "mega");

  private FollowerTier() {}

  /** nano below 10k followers, micro below 100k, mid below 500k, macro below 1M, mega from 1M. */
  public static Column of(Column followers) {
    return when(followers.geq(1_000_000L), lit("mega"))
        .when(followers.geq(500_000L), lit("macro"))
        .when(followers.geq(100_000L), lit("mid"))
        .when(followers.geq(10_000L), lit("micro"))
        .otherwise(lit("nano"));
  }
}
