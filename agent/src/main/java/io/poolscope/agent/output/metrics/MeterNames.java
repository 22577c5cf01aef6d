package io.poolscope.agent.output.metrics;

/** Meter and tag names of the contract (OpenTelemetry database semantic conventions). */
public final class MeterNames {
  public static final String POOL_TAG = "db.client.connection.pool.name";
  public static final String STATE_TAG = "db.client.connection.state";
  public static final String OPERATION_TAG = "db.operation.name";
  public static final String SERVER_ADDRESS_TAG = "server.address";
  public static final String SERVER_PORT_TAG = "server.port";
  public static final String NAMESPACE_TAG = "db.namespace";
  public static final String LIBRARY_TAG = "poolscope.pool.library";
  public static final String SERVICE_NAME_TAG = "service.name";
  public static final String VERSION_TAG = "poolscope.version";

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
  public static final String BUDGET_USED = "poolscope.connection.budget.used";
  public static final String URL_TAG = "url";
  public static final String INFO = "poolscope.info";

  private MeterNames() {}
}
