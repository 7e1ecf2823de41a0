package com.influencelakehouse.sampledata;

/**
 * Kinds of dirty data the generator delivers on purpose, each counted per file in the ground
 * truth's landing manifest so ingestion can be reconciled exactly.
 */
public enum DefectKind {
  /** A line that is not a complete record: truncated JSON, or a CSV row with too few fields. */
  MALFORMED_RECORD,
  /** A field whose value has the wrong type ("12.5k" for a count, a string for an object). */
  WRONG_TYPE,
  /** A required field absent (JSON) or empty (CSV). */
  MISSING_REQUIRED_FIELD,
  /** A count or amount below zero. */
  NEGATIVE_VALUE,
  /** A timestamp 30 to 400 days after its delivery date. */
  FUTURE_TIMESTAMP,
  /** A timestamp that is not a timestamp ("yesterday", month 13). */
  UNPARSEABLE_TIMESTAMP,
  /** A value outside a field's enumeration (media_type LIVE, incentive_type crypto). */
  UNKNOWN_ENUM,
  /** An offer to an influencer id that no profile snapshot ever carried. */
  UNKNOWN_INFLUENCER,
  /** An exact copy of a clean record in the same file. */
  DUPLICATE_RECORD,
  /** An order postback delivered again the next day. */
  DUPLICATE_ORDER_POSTBACK,
  /** A clean record carrying a field the contract does not declare (loaded; the field is rescued). */
  EXTRA_COLUMN,
  /** A zero-byte part file. */
  EMPTY_FILE;

  /** The manifest column name, e.g. {@code malformed_record}. */
  public String column() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether the defect is a record delivered in addition to the clean ones (so it adds to the file's records). */
  public boolean isExtraRecord() {
    return this != EXTRA_COLUMN && this != EMPTY_FILE;
  }
}
