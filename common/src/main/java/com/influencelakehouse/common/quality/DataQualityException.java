package com.influencelakehouse.common.quality;

/** A blocking data-quality check failed: the run stops before later jobs use the data. */
public final class DataQualityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataQualityException(String message) {
    super(message);
  }
}
