package com.influencelakehouse.common.io;

/** A landing file that cannot be read to its end (a truncated gzip): named, never half-read. */
public final class CorruptLandingFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptLandingFileException(String file, Throwable cause) {
    super("landing file " + file + " cannot be read to its end (" + cause.getMessage() + "): have it delivered "
        + "again and re-run its date, or set lakehouse.ingest.corrupt-file = quarantine", cause);
  }
}
