package io.poolscope.agent.output.metrics;

import io.micrometer.core.instrument.Tags;
import io.poolscope.agent.recorder.DatabaseAddress;
import io.poolscope.agent.recorder.PoolState;

/**
 * The tags every pool series carries: the pool's name, the database it talks to and its library.
 * With them a sum over a fleet's instances, grouped by {@code server.address} and {@code
 * db.namespace}, is the demand on one database. Every pool meter has all of them, values empty
 * where unknown: Prometheus wants one label set per metric name.
 */
public final class PoolTags {
  private PoolTags() {}

  public static Tags of(PoolState pool) {
    return of(pool.name(), pool.library(), pool.url());
  }

  /**
   * @param maskedUrl the pool's URL with credentials and properties removed, or null
   */
  public static Tags of(String pool, String library, String maskedUrl) {
    DatabaseAddress db = DatabaseAddress.of(maskedUrl);
    return Tags.of(
        MeterNames.POOL_TAG, pool,
        MeterNames.SERVER_ADDRESS_TAG, db.address(),
        MeterNames.SERVER_PORT_TAG, db.port(),
        MeterNames.NAMESPACE_TAG, db.namespace(),
        MeterNames.LIBRARY_TAG, library == null ? "" : library);
  }
}
