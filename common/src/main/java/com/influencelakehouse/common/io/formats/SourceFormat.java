package com.influencelakehouse.common.io.formats;

import com.influencelakehouse.common.tables.LandingSource;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Set;

/**
 * A format an exporter delivers instead of a source's canonical contract (Graph API responses, a
 * Shopify export, Airbyte records, ...), and how its records become canonical ones. Stateless.
 */
public interface SourceFormat extends Serializable {
  /** The name used in {@code lakehouse.ingest.formats} and stored in bronze's {@code _source_format}. */
  String name();

  /** The landing sources this format can stand in for. */
  Set<LandingSource> sources();

  /** One line for the docs: what the exporter delivers. */
  String description();

  /**
   * Whether a file of {@code source} whose beginning (up to {@link SourceFormats#HEAD_CHARS}
   * characters, decoded as UTF-8) is {@code head} is in this format.
   */
  boolean detects(LandingSource source, String head);

  /** The canonical records of one whole file, in file order; the reader is closed by the caller. */
  Iterator<AdaptedRecord> adapt(LandingSource source, Reader file) throws IOException;
}
