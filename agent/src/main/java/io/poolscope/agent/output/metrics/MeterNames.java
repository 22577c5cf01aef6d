package io.poolscope.agent.output.metrics;

/** Meter and tag names of the contract (OpenTelemetry database semantic conventions). */
public final class MeterNames {
  public static final String POOL_TAG = "db.client.connection.pool.name";
  public static final String STATE_TAG = "db.client.connection.state";
  public static final String OPERATION_TAG = "db.operation.name";

  public static final String CONNECTION_COUNT = "db.client.connection.count";
  public static final String CONNECTION_MAX = "db.client.connection.max";
  public static final String PENDING_REQUESTS = "db.client.connection.pending_requests";
  public static final String WAIT_TIME = "db.client.connection.wait_time";
  public static final String USE_TIME = "db.client.connection.use_time";
  public static final String CREATE_TIME = "db.client.connection.create_time";
  public static final String TIMEOUTS = "db.client.connection.timeouts";
  public static final String OPERATION_DURATION = "db.client.operation.duration";
  public static final String EVENTS = "poolscope.events";
  public static final String EVENT_TYPE_TAG = "type";
  public static final String FAILURES = "poolscope.connection.failures";
  public static final String FAILURE_KIND_TAG = "kind";
  public static final String LEAK_SUSPECTED = "poolscope.connection.leak_suspected";

  private MeterNames() {}
}
