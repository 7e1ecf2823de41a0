package com.influencelakehouse.jobs.bronze;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.io.LandingFiles;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.transform.Timestamps;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks landing lines against their source's contract (LandingSource) and splits them into typed
 * bronze rows and quarantined records with a machine-readable reason. Pure functions of their
 * inputs; the checks are derived from the contract's declarations (required fields, types, allowed
 * values, country codes, timestamp fields), in this order: corrupt_file, malformed_record,
 * missing_required_field, wrong_type, unknown_enum, invalid_country_code, non_finite_value, negative_value,
 * unparseable_timestamp, future_timestamp, implausible_timestamp (within a reason, fields in contract order).
 *
 * <p>The first failing check is the record's {@code reason}, and its field the {@code reason_detail};
 * when more field checks fail, the detail goes on to name them all, in the same order:
 * {@code country (also: wrong_type followers_count, unknown_enum platform)}.
 *
 * <p>A blank value (empty, or only spaces, tabs and line breaks) counts as absent, in JSON as in
 * CSV: a required field is missing, an optional one null. Country codes are trimmed and upper-cased
 * ({@code " de"} is stored as {@code DE}) before they are checked against ISO 3166-1 alpha-2.
 */
public final class BronzeRecords {
  /** Reason of a file that cannot be read to its end (when configured to quarantine it). */
  public static final String CORRUPT_FILE = "corrupt_file";
  /** Reason of a timestamp or date before the configured earliest plausible one. */
  public static final String IMPLAUSIBLE_TIMESTAMP = "implausible_timestamp";
  /** Reason of a double field holding NaN or an infinity. */
  public static final String NON_FINITE_VALUE = "non_finite_value";
  /** Reason of a country field whose value is not an ISO 3166-1 alpha-2 code. */
  public static final String INVALID_COUNTRY_CODE = "invalid_country_code";
  /** Detail of a type error no field explains. */
  private static final String RECORD = "record";
  private static final Map<String, String> JSON_OPTIONS =
      Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", "_corrupt");
  /** What a blank value may consist of. */
  private static final String WHITESPACE = " \t\n\r";
  /** The ISO 3166-1 alpha-2 codes, as the JDK keeps them. */
  private static final Object[] ISO_COUNTRIES = Locale.getISOCountries();

  private BronzeRecords() {}

  /**
   * Adds to each line (LandingFiles.LINES) the contract's fields typed as declared, {@code _rescued}
   * (undeclared fields), and {@code reason}/{@code reason_detail} (null for a valid record).
   *
   * @param futureToleranceHours a timestamp later than the end of its export day plus this is implausible
   */
  public static Dataset<Row> validate(Dataset<Row> lines, LandingSource source, int futureToleranceHours) {
    return validate(lines, source, futureToleranceHours, LocalDate.of(2004, 1, 1));
  }

  /**
   * As {@link #validate(Dataset, LandingSource, int)}, with a floor: a timestamp or date before
   * {@code earliest} is implausible (an epoch zero left by a null upstream).
   */
  public static Dataset<Row> validate(Dataset<Row> lines, LandingSource source, int futureToleranceHours,
      LocalDate earliest) {
    Dataset<Row> parsed = source.format() == LandingSource.Format.CSV ? parseCsv(lines, source)
        : parseJson(lines, source);
    // Country codes are checked, and stored, trimmed and upper-cased.
    for (String f : source.countryFields()) {
      parsed = parsed.withColumn(f, functions.upper(functions.trim(col(f), WHITESPACE)));
    }
    // Each timestamp is parsed once, in its own projection, for both of its checks.
    for (String f : source.timestampFields()) {
      parsed = parsed.withColumn("_ts_" + f, Timestamps.parse(col(f)));
    }
    Column latest = expr("timestamp(date_add(" + Tables.INGEST_DATE + ", 1)) + make_interval(0, 0, 0, 0, "
        + futureToleranceHours + ")");
    // Checks of the whole record: when one fails, the fields are not looked at.
    List<Column[]> recordChecks = new ArrayList<>();
    // A file-level verdict (corrupt, wrong format) or a record an adapter could not map: its reason and detail.
    recordChecks.add(new Column[] {col("file_error").isNotNull(), coalesce(col("error_reason"), lit(CORRUPT_FILE)),
        col("file_error")});
    recordChecks.add(new Column[] {col("_malformed"), lit("malformed_record"), lit(null).cast("string")});
    // Checks of one field each: {condition, reason, field}.
    List<Column[]> checks = new ArrayList<>();
    for (String f : source.fieldNames()) {
      if (source.isRequired(f)) {
        checks.add(new Column[] {not(col("_present_" + f)), lit("missing_required_field"), lit(f)});
      }
    }
    // A required member of a nested object, or of an array's element, that is null or blank is missing too
    // ("owner": {"id": null}, "consent": {"analytics": null}, a content label without its label). A type error
    // also leaves a null member (the partial parse): that one is wrong_type, below.
    Column noTypeError = not(col("_type_error"));
    for (StructField f : source.contract().fields()) {
      if (f.dataType() instanceof StructType st) {
        for (StructField m : st.fields()) {
          if (!m.nullable()) {
            checks.add(new Column[] {noTypeError.and(col(f.name()).isNotNull())
                .and(absent(col(f.name()).getField(m.name()), m)),
                lit("missing_required_field"), lit(f.name() + "." + m.name())});
          }
        }
      } else if (f.dataType() instanceof org.apache.spark.sql.types.ArrayType at
          && at.elementType() instanceof StructType element) {
        for (StructField m : element.fields()) {
          if (!m.nullable()) {
            checks.add(new Column[] {noTypeError.and(functions.exists(col(f.name()), x -> absent(x.getField(m.name()), m))),
                lit("missing_required_field"), lit(f.name() + "[]." + m.name())});
          }
        }
      }
    }
    Column topLevelTypeError = lit(false);
    for (String f : source.fieldNames()) {
      Column wrong = col("_present_" + f).and(col(f).isNull());
      topLevelTypeError = topLevelTypeError.or(coalesce(wrong, lit(false)));
      checks.add(new Column[] {wrong, lit("wrong_type"), lit(f)});
    }
    // A type error the top-level fields (a wrong type, a blank non-text value) do not explain lies inside
    // a nested field (an array element's member).
    Column culprit = nestedCulprit(source);
    checks.add(new Column[] {col("_type_error").and(culprit.notEqual(lit(RECORD))
        .or(not(topLevelTypeError.or(col("_blank_typed"))))), lit("wrong_type"), culprit});
    for (String f : source.fieldNames()) {
      List<String> allowed = source.allowedValues(f);
      if (!allowed.isEmpty()) {
        checks.add(new Column[] {col(f).isNotNull().and(not(col(f).isin(allowed.toArray()))), lit("unknown_enum"),
            lit(f)});
      }
    }
    for (String f : source.countryFields()) {
      checks.add(new Column[] {col(f).isNotNull().and(not(col(f).isin(ISO_COUNTRIES))), lit(INVALID_COUNTRY_CODE),
          lit(f)});
    }
    // NaN and Infinity parse as doubles (JSON and CSV alike) and would make every sum they join NaN.
    for (StructField f : source.contract().fields()) {
      if (f.dataType() instanceof DoubleType) {
        checks.add(new Column[] {nonFinite(col(f.name())), lit(NON_FINITE_VALUE), lit(f.name())});
      } else if (f.dataType() instanceof StructType st) {
        for (StructField m : st.fields()) {
          if (m.dataType() instanceof DoubleType) {
            checks.add(new Column[] {nonFinite(col(f.name()).getField(m.name())), lit(NON_FINITE_VALUE),
                lit(f.name() + "." + m.name())});
          }
        }
      } else if (f.dataType() instanceof org.apache.spark.sql.types.ArrayType at
          && at.elementType() instanceof StructType element) {
        for (StructField m : element.fields()) {
          if (m.dataType() instanceof DoubleType) {
            checks.add(new Column[] {functions.exists(col(f.name()), x -> nonFinite(x.getField(m.name()))),
                lit(NON_FINITE_VALUE), lit(f.name() + "[]." + m.name())});
          }
        }
      }
    }
    for (StructField f : source.contract().fields()) {
      if (isNumeric(f.dataType())) {
        Column negative = col(f.name()).lt(0);
        if (f.dataType() instanceof DoubleType) {
          negative = negative.and(not(nonFinite(col(f.name())))); // -Infinity is non_finite_value only
        }
        checks.add(new Column[] {negative, lit("negative_value"), lit(f.name())});
      }
    }
    for (String f : source.timestampFields()) {
      checks.add(new Column[] {col(f).isNotNull().and(col("_ts_" + f).isNull()), lit("unparseable_timestamp"),
          lit(f)});
    }
    for (String f : source.dateFields()) {
      checks.add(new Column[] {col(f).isNotNull().and(functions.try_to_date(col(f), "yyyy-MM-dd").isNull()),
          lit("unparseable_timestamp"), lit(f)});
    }
    for (String f : source.timestampFields()) {
      checks.add(new Column[] {col("_ts_" + f).gt(latest), lit("future_timestamp"), lit(f)});
    }
    Column floor = lit(java.sql.Timestamp.valueOf(earliest.atStartOfDay()));
    for (String f : source.timestampFields()) {
      checks.add(new Column[] {col("_ts_" + f).lt(floor), lit(IMPLAUSIBLE_TIMESTAMP), lit(f)});
    }
    for (String f : source.dateFields()) {
      checks.add(new Column[] {functions.try_to_date(col(f), "yyyy-MM-dd").lt(lit(java.sql.Date.valueOf(earliest))),
          lit(IMPLAUSIBLE_TIMESTAMP), lit(f)});
    }
    // The first failing check, in order, as one CASE yielding (reason, detail).
    Column verdict = null;
    List<Column[]> all = new ArrayList<>(recordChecks);
    all.addAll(checks);
    for (Column[] c : all) {
      Column outcome = struct(c[1].as("reason"), c[2].cast("string").as("detail"));
      verdict = verdict == null ? when(coalesce(c[0], lit(false)), outcome)
          : verdict.when(coalesce(c[0], lit(false)), outcome);
    }
    // For a record failing a field check, every failing field check as "reason field", in the same order; the
    // first is the verdict, the others ("also") are appended to its detail. Only computed for such records.
    Column[] failing = checks.stream()
        .map(c -> when(coalesce(c[0], lit(false)), functions.concat(c[1], lit(" "), c[2].cast("string"))))
        .toArray(Column[]::new);
    Column others = functions.array_join(functions.slice(functions.array_compact(functions.array(failing)), 2,
        checks.size()), ", ");
    Column fieldLevel = col("reason").isNotNull().and(col("file_error").isNull())
        .and(not(col("reason").isin(CORRUPT_FILE, "malformed_record")));
    return parsed.withColumn("_verdict", verdict)
        .withColumn("reason", col("_verdict.reason")).withColumn("reason_detail", col("_verdict.detail"))
        .drop("_verdict")
        .withColumn("_also", when(fieldLevel, others))
        .withColumn("reason_detail", when(col("_also").notEqual(lit("")),
            functions.concat(col("reason_detail"), lit(" (also: "), col("_also"), lit(")")))
            .otherwise(col("reason_detail")))
        .drop("_also");
  }

  /** The valid records as rows of the source's bronze table. */
  public static Dataset<Row> valid(Dataset<Row> validated, LandingSource source, Instant ingestedAt) {
    TableDef table = Tables.bronzeOf(source);
    List<Column> out = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      out.add(switch (f.name()) {
        case Tables.INGESTED_AT -> lit(Timestamp.from(ingestedAt)).as(f.name());
        case Tables.SOURCE_FORMAT -> col(LandingFiles.FORMAT).as(f.name());
        case Tables.RAW_PAYLOAD -> col(LandingFiles.PAYLOAD).as(f.name());
        default -> col(f.name());
      });
    }
    return validated.where(col("reason").isNull()).select(out.toArray(Column[]::new));
  }

  /** The rejected records as rows of {@code bronze.quarantine}. */
  public static Dataset<Row> quarantined(Dataset<Row> validated, Instant ingestedAt) {
    return validated.where(col("reason").isNotNull()).select(col("source"), lit("bronze").as("stage"),
        col(Tables.INGEST_DATE), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER),
        coalesce(col(LandingFiles.PAYLOAD), col("value")).as("raw"),
        col("reason"), col("reason_detail"), lit(Timestamp.from(ingestedAt)).as(Tables.INGESTED_AT));
  }

  /**
   * JSON lines: a strict parse with the contract's types; only where it fails, a lenient parse with
   * every field as text, which tells a wrong type (the field is there) from a broken line.
   */
  private static Dataset<Row> parseJson(Dataset<Row> lines, LandingSource source) {
    StructType contract = source.contract();
    StructType lenientSchema = new StructType();
    for (StructField f : contract.fields()) {
      lenientSchema = lenientSchema.add(f.name(), DataTypes.StringType);
    }
    Column strict = from_json(col("value"), contract.add("_corrupt", DataTypes.StringType), JSON_OPTIONS);
    Column lenient = from_json(col("value"), lenientSchema.add("_corrupt", DataTypes.StringType), JSON_OPTIONS);
    List<Column> first = lineage();
    first.add(strict.as("_strict"));
    first.add(when(strict.getField("_corrupt").isNotNull(), lenient).as("_lenient"));
    Dataset<Row> both = lines.select(first.toArray(Column[]::new));

    Column s = col("_strict");
    Column l = col("_lenient");
    Column corrupt = s.getField("_corrupt").isNotNull();
    List<Column> cols = lineage();
    Column malformed = col("value").isNull().or(col("value").equalTo("")).or(s.isNull())
        .or(corrupt.and(l.isNull().or(l.getField("_corrupt").isNotNull())));
    cols.add(malformed.as("_malformed"));
    cols.add(corrupt.and(not(malformed)).as("_type_error"));
    // A blank text ("", "  ") counts as absent. A blank value of another type ("followers_count": "") fails
    // the strict parse, and its text is in the lenient one.
    Column blankTyped = lit(false);
    for (StructField f : contract.fields()) {
      boolean text = f.dataType().sameType(DataTypes.StringType);
      Column blank = isBlank(text ? coalesce(s.getField(f.name()), l.getField(f.name())) : l.getField(f.name()));
      if (!text) {
        blankTyped = blankTyped.or(blank);
      }
      cols.add(when(not(blank), s.getField(f.name())).as(f.name()));
      cols.add(s.getField(f.name()).isNotNull().or(corrupt.and(l.getField(f.name()).isNotNull())).and(not(blank))
          .as("_present_" + f.name()));
    }
    cols.add(blankTyped.as("_blank_typed"));
    String[] declared = source.fieldNames().toArray(String[]::new);
    // array_except is a built-in (compiled) function; a lambda here was 9% of ingest time.
    Column extraKeys = functions.array_except(functions.json_object_keys(col("value")), lit(declared));
    Column all = from_json(col("value"), DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
        Map.of());
    cols.add(when(size(extraKeys).gt(0), map_filter(all, (k, v) -> not(array_contains(lit(declared), k))))
        .as(Tables.RESCUED));
    return both.select(cols.toArray(Column[]::new));
  }

  /** CSV rows: fields by header name, blank as null, typed with try_cast; extra header columns rescued. */
  private static Dataset<Row> parseCsv(Dataset<Row> lines, LandingSource source) {
    List<Column> cols = lineage();
    cols.add(col("fields").isNull().or(size(col("fields")).notEqual(size(col("header")))).as("_malformed"));
    cols.add(lit(false).as("_type_error"));
    cols.add(lit(false).as("_blank_typed"));
    for (StructField f : source.contract().fields()) {
      Column position = array_position(col("header"), f.name());
      Column text = when(position.gt(0), functions.try_element_at(col("fields"), position.cast("int")));
      text = when(not(isBlank(text)), text);
      Column typed = f.dataType().sameType(DataTypes.StringType) ? text : text.try_cast(f.dataType());
      cols.add(typed.as(f.name()));
      cols.add(text.isNotNull().as("_present_" + f.name()));
    }
    String[] declared = source.fieldNames().toArray(String[]::new);
    Column extra = functions.filter(functions.arrays_zip(col("header"), col("fields")),
        z -> not(array_contains(lit(declared), z.getField("header"))));
    cols.add(when(size(extra).gt(0).and(size(col("fields")).equalTo(size(col("header")))),
        map_from_arrays(functions.transform(extra, z -> z.getField("header")),
            functions.transform(extra, z -> z.getField("fields")))).as(Tables.RESCUED));
    return lines.select(cols.toArray(Column[]::new));
  }

  /** Whether a nested member is null, or blank text. */
  private static Column absent(Column member, StructField m) {
    return m.dataType().sameType(DataTypes.StringType) ? member.isNull().or(isBlank(member)) : member.isNull();
  }

  /** Whether a double is NaN or infinite (false for null). */
  private static Column nonFinite(Column d) {
    return coalesce(functions.isnan(d).or(d.equalTo(lit(Double.POSITIVE_INFINITY)))
        .or(d.equalTo(lit(Double.NEGATIVE_INFINITY))), lit(false));
  }

  /** Whether a text is empty or only whitespace (false for null). */
  private static Column isBlank(Column text) {
    return coalesce(functions.length(functions.trim(text, WHITESPACE)).equalTo(0), lit(false));
  }

  /** The first nested field with a missing member: where a nested type error left its null; else "record". */
  private static Column nestedCulprit(LandingSource source) {
    Column culprit = lit(RECORD);
    StructField[] fields = source.contract().fields();
    for (int i = fields.length - 1; i >= 0; i--) {
      StructField f = fields[i];
      Column hasNullMember = null;
      if (f.dataType() instanceof StructType st) {
        // A null struct is a top-level matter (missing, or wrong_type when present), not a nested one.
        hasNullMember = col(f.name()).isNotNull().and(anyNull(col(f.name()), st));
      } else if (f.dataType() instanceof org.apache.spark.sql.types.ArrayType at
          && at.elementType() instanceof StructType element) {
        hasNullMember = functions.exists(col(f.name()), x -> anyNull(x, element));
      }
      if (hasNullMember != null) {
        culprit = when(coalesce(hasNullMember, lit(false)), lit(f.name())).otherwise(culprit);
      }
    }
    return culprit;
  }

  private static Column anyNull(Column struct, StructType type) {
    Column any = lit(false);
    for (StructField inner : type.fields()) {
      any = any.or(struct.getField(inner.name()).isNull());
    }
    return any;
  }

  private static List<Column> lineage() {
    List<Column> cols = new ArrayList<>();
    cols.add(col("source"));
    cols.add(col(Tables.INGEST_DATE));
    cols.add(col(Tables.SOURCE_FILE));
    cols.add(col(Tables.LINE_NUMBER));
    cols.add(col("value"));
    cols.add(col("file_error"));
    cols.add(col("error_reason"));
    cols.add(col(LandingFiles.FORMAT));
    cols.add(col(LandingFiles.PAYLOAD));
    return cols;
  }

  private static boolean isNumeric(DataType t) {
    return t instanceof DoubleType || t instanceof IntegerType || t instanceof LongType;
  }
}
