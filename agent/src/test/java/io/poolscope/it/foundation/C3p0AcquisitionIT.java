package io.poolscope.it.foundation;

import io.poolscope.testing.PostgresDatabase;

class C3p0AcquisitionIT extends AbstractAcquisitionIT {
  @Override
  String library() {
    return "c3p0";
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
