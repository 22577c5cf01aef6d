package io.poolscope.agent.output.events;

import io.poolscope.agent.output.log.LogLevel;

/** The event types of the contract; each is logged under {@code poolscope.<type>}. */
public enum EventType {
  SLOW_QUERY("slow_query", LogLevel.WARN),
  LEAK_SUSPECTED("leak_suspected", LogLevel.WARN),
  LEAK_RETURNED("leak_returned", LogLevel.INFO),
  LEAK_UNCLOSED("leak_unclosed", LogLevel.ERROR),
  STATEMENT_CANCELLED("statement_cancelled", LogLevel.WARN),
  ACQUIRE_TIMEOUT("acquire_timeout", LogLevel.WARN),
  CONNECTION_REJECTED("connection_rejected", LogLevel.WARN),
  POOL_CAPPED("pool_capped", LogLevel.INFO),
  POOL_SATURATION("pool_saturation", LogLevel.WARN),
  RECOMMENDATION("recommendation", LogLevel.INFO),
  DIAGNOSIS("diagnosis", LogLevel.WARN),
  CIRCUIT_OPEN("circuit_open", LogLevel.ERROR),
  CIRCUIT_CLOSED("circuit_closed", LogLevel.INFO);

  private final String wireName;
  private final LogLevel level;

  EventType(String wireName, LogLevel level) {
    this.wireName = wireName;
    this.level = level;
  }

  /** The name in {@code events.file}, in the logger name and in the {@code type} tag. */
  public String wireName() {
    return wireName;
  }

  public String loggerName() {
    return "poolscope." + wireName;
  }

  public LogLevel defaultLevel() {
    return level;
  }
}
