package com.influencelakehouse.common.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Reading the landing zone's timestamps: ISO-8601 with an offset in either spelling
 * ({@code +09:00}/{@code Z} or the Graph API's {@code +0900}), to UTC instants, and the offset itself
 * (which tells the local time of the person who acted).
 */
public final class Timestamps {
  private Timestamps() {}

  /** The instant (UTC), or null when the text is not such a timestamp. */
  public static Column parse(Column text) {
    return coalesce(
        functions.try_to_timestamp(text, lit("yyyy-MM-dd'T'HH:mm:ssXXX")),
        functions.try_to_timestamp(text, lit("yyyy-MM-dd'T'HH:mm:ssxx")));
  }

  /** The UTC offset in minutes written in the text ({@code Z} is 0), or null when there is none. */
  public static Column offsetMinutes(Column text) {
    Column sign = regexp_extract(text, "([+-])(\\d{2}):?(\\d{2})$", 1);
    Column hours = regexp_extract(text, "([+-])(\\d{2}):?(\\d{2})$", 2).cast("int");
    Column minutes = regexp_extract(text, "([+-])(\\d{2}):?(\\d{2})$", 3).cast("int");
    return when(text.endsWith("Z"), lit(0))
        .when(sign.equalTo("+"), hours.multiply(60).plus(minutes))
        .when(sign.equalTo("-"), hours.multiply(60).plus(minutes).multiply(-1));
  }
}
