package com.influencelakehouse.common.config;

/**
 * Privacy policy: where the pseudonymisation key comes from (an environment variable, never a file),
 * whether the published development key is acceptable, and retention periods.
 */
public record PrivacySettings(
    String pseudonymisationKeyEnv,
    boolean pseudonymiseHandle,
    boolean allowDevelopmentKey,
    int bronzeRetentionDays,
    int vacuumRetentionHours) {}
