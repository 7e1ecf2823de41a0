package com.influencelakehouse.common.job;

/**
 * One committed write: the table (qualified name), the Delta version it produced and the rows it
 * wrote, as reported by the commit's own operation metrics.
 */
public record WriteResult(String table, long version, long rowsWritten) {}
