package com.influencelakehouse.common.io.formats;

/**
 * One record an adapter made of an exporter's file: the canonical record (JSON text for a JSON-lines
 * source, the fields in contract order for a CSV source), the record as delivered, and an error when
 * the adapter could not map it (then the record is quarantined with that reason).
 *
 * @param position    the record's place in its file (1 = first record): the lineage line number
 * @param canonical   canonical JSON text (JSON-lines sources), else null
 * @param fields      canonical field values in contract order (CSV sources), else null
 * @param header      names of {@code fields} (the contract's fields, then any extra ones)
 * @param payload     the record as the exporter delivered it (JSON or CSV text)
 * @param errorReason a quarantine reason when the record cannot be mapped, else null
 * @param errorDetail what to fix, with the field and value, when {@code errorReason} is set
 */
public record AdaptedRecord(long position, String canonical, String[] fields, String[] header, String payload,
    String errorReason, String errorDetail) {

  static AdaptedRecord json(long position, String canonical, String payload) {
    return new AdaptedRecord(position, canonical, null, null, payload, null, null);
  }

  static AdaptedRecord csv(long position, String[] fields, String[] header, String payload) {
    return new AdaptedRecord(position, null, fields, header, payload, null, null);
  }

  static AdaptedRecord rejected(long position, String payload, String reason, String detail) {
    return new AdaptedRecord(position, null, null, null, payload, reason, detail);
  }
}
