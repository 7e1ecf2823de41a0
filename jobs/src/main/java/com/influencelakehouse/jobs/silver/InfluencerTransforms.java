package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.privacy.Pseudonymiser.Domain;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.transform.FollowerTier;
import com.influencelakehouse.common.transform.Timestamps;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** Profile snapshots to the influencer dimension (SCD type 2) and the daily audience fact. */
public final class InfluencerTransforms {
  /** Attributes whose change opens a new version of an influencer. */
  public static final List<String> VERSIONED = List.of("handle", "email_key", "country", "language", "category",
      "follower_tier", "analytics_consent", "content_reuse_consent");

  private InfluencerTransforms() {}

  /** Bronze snapshots, conformed: pseudonymised, trimmed and cased, timestamps in UTC, tier derived. */
  public static Dataset<Row> snapshots(Dataset<Row> bronze, Pseudonymiser p, boolean pseudonymiseHandle) {
    Column handle = trim(col("handle"));
    return bronze.select(
        p.pseudonymise(Domain.INFLUENCER, col("influencer_id")).as("influencer_key"),
        (pseudonymiseHandle ? p.pseudonymise(Domain.HANDLE, lower(handle)) : handle).as("handle"),
        p.pseudonymise(Domain.EMAIL, lower(trim(col("email")))).as("email_key"),
        lower(trim(col("platform"))).as("platform"),
        upper(trim(col("country"))).as("country"),
        lower(trim(col("language"))).as("language"),
        lower(trim(col("category"))).as("category"),
        FollowerTier.of(col("followers_count")).as("follower_tier"),
        col("followers_count"), col("following_count"), col("media_count"),
        coalesce(col("consent.analytics"), lit(false)).as("analytics_consent"),
        coalesce(col("consent.content_reuse"), lit(false)).as("content_reuse_consent"),
        Timestamps.parse(col("consent.updated_at")).as("consent_updated_at"),
        Timestamps.parse(col("snapshot_at")).as("snapshot_at"),
        col(Tables.INGEST_DATE), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER));
  }

  /** The latest snapshot per influencer and UTC day. */
  public static Dataset<Row> daily(Dataset<Row> snapshots) {
    WindowSpec w = Window.partitionBy(col("influencer_key"), to_date(col("snapshot_at")))
        .orderBy(col("snapshot_at").desc());
    return snapshots.withColumn("_rn", row_number().over(w)).where(col("_rn").equalTo(1))
        .select(col("influencer_key"), to_date(col("snapshot_at")).as("snapshot_date"), col("snapshot_at"),
            col("followers_count"), col("following_count"), col("media_count"));
  }

  /**
   * New and changed dimension rows (SCD type 2). Snapshots are compared in time order with each
   * influencer's current version; a snapshot whose versioned attributes differ from the state before
   * it opens a version (valid from its time), closing the previous one. Snapshots not later than the
   * current version's start were already applied, so re-running a date changes nothing.
   *
   * @param snapshots conformed snapshots ({@link #snapshots}), one per influencer and time
   * @param current   the dimension's current rows
   * @return rows to upsert on (influencer_key, valid_from): closed current versions and new versions
   */
  public static Dataset<Row> versions(Dataset<Row> snapshots, Dataset<Row> current) {
    List<Column> attrs = new ArrayList<>();
    VERSIONED.forEach(a -> attrs.add(col(a)));
    Dataset<Row> existing = current.select(col("influencer_key"), col("valid_from").as("snapshot_at"),
        col("handle"), col("email_key"), col("platform"), col("country"), col("language"), col("category"),
        col("follower_tier"), col("analytics_consent"), col("content_reuse_consent"), col("consent_updated_at"),
        col("version").as("_current_version"), lit(true).as("_existing"));
    Dataset<Row> fresh = snapshots
        .join(current.select(col("influencer_key"), col("valid_from").as("_current_from")), "influencer_key", "left")
        .where(col("_current_from").isNull().or(col("snapshot_at").gt(col("_current_from"))))
        .select(col("influencer_key"), col("snapshot_at"), col("handle"), col("email_key"), col("platform"),
            col("country"), col("language"), col("category"), col("follower_tier"), col("analytics_consent"),
            col("content_reuse_consent"), col("consent_updated_at"), lit(null).cast("int").as("_current_version"),
            lit(false).as("_existing"));
    WindowSpec byTime = Window.partitionBy("influencer_key").orderBy("snapshot_at");
    Column changed = lit(false);
    for (String a : VERSIONED) {
      changed = changed.or(col(a).eqNullSafe(lag(col(a), 1).over(byTime)).unary_$bang());
    }
    Dataset<Row> starts = existing.unionByName(fresh)
        .withColumn("_changed", lag(col("snapshot_at"), 1).over(byTime).isNull().or(changed))
        .where(col("_changed"));
    WindowSpec all = Window.partitionBy("influencer_key").orderBy("snapshot_at")
        .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column currentVersion = first(col("_current_version"), true).over(all);
    Column n = row_number().over(byTime);
    return starts
        .withColumn("valid_to", lead(col("snapshot_at"), 1).over(byTime))
        .withColumn("version", when(currentVersion.isNull(), n).otherwise(currentVersion.plus(n).minus(1)))
        .where(col("_existing").unary_$bang().or(col("valid_to").isNotNull()))
        .select(col("influencer_key"), col("handle"), col("email_key"), col("platform"), col("country"),
            col("language"), col("category"), col("follower_tier"), col("analytics_consent"),
            col("content_reuse_consent"), col("consent_updated_at"), col("snapshot_at").as("valid_from"),
            col("valid_to"), col("valid_to").isNull().as("is_current"), col("version").cast("int").as("version"));
  }
}
