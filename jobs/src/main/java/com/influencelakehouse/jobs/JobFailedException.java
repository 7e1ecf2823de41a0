package com.influencelakehouse.jobs;

/** A job run that failed; the message says which job, for which dates, and why. */
public final class JobFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
