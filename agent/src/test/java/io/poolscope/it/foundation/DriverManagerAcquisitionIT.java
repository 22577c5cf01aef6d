package io.poolscope.it.foundation;

import io.poolscope.testing.PostgresDatabase;

/** No pool: the "pool" is the database, named by its masked URL. */
class DriverManagerAcquisitionIT extends AbstractAcquisitionIT {
  @Override
  String library() {
    return "drivermanager";
  }

  @Override
  String mainPool(PostgresDatabase db) {
    return db.jdbcUrl().replaceAll("[?;].*$", "");
  }

  @Override
  String singlePool() {
    return null;
  }
}
