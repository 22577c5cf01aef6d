package io.poolscope.it.foundation;

import io.poolscope.testing.PostgresDatabase;

class TomcatJdbcAcquisitionIT extends AbstractAcquisitionIT {
  @Override
  String library() {
    return "tomcat-jdbc";
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
