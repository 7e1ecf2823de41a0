package com.influencelakehouse.sampledata;

/** A brand running campaigns: where it sells, in which currency, what its orders are worth. */
record Brand(
    String id,
    String handle,
    String country,
    int utcOffset,
    String currency,
    String category,
    double averageOrderValue,
    double conversionFactor,
    double organicOrdersPerDay) {}
