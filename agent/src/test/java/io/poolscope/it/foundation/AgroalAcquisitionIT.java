package io.poolscope.it.foundation;

import io.poolscope.testing.PostgresDatabase;

class AgroalAcquisitionIT extends AbstractAcquisitionIT {
  @Override
  String library() {
    return "agroal";
  }

  @Override
  String mainPool(PostgresDatabase db) {
    return "agroal-1";
  }

  @Override
  String singlePool() {
    return "agroal-2";
  }
}
