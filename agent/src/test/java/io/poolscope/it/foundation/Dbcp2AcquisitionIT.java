package io.poolscope.it.foundation;

import io.poolscope.testing.PostgresDatabase;

class Dbcp2AcquisitionIT extends AbstractAcquisitionIT {
  @Override
  String library() {
    return "dbcp2";
  }

  @Override
  String mainPool(PostgresDatabase db) {
    return "dbcp2-1";
  }

  @Override
  String singlePool() {
    return "dbcp2-2";
  }
}
