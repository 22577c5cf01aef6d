package io.poolscope.it.foundation;

import io.poolscope.testing.PostgresDatabase;

class HikariAcquisitionIT extends AbstractAcquisitionIT {
  @Override
  String library() {
    return "hikaricp";
  }

  @Override
  String mainPool(PostgresDatabase db) {
    return "main";
  }

  @Override
  String singlePool() {
    return "single";
  }
}
