package io.poolscope.bench;

/** How long JMH runs one benchmark in its fork: warm-up and measured iterations of equal length. */
public record JmhIterations(int warmups, int measurements, int millis) {}
