package io.poolscope.it.leak;

class TomcatJdbcLeakIT extends AbstractLeakIT {
  @Override
  String library() {
    return "tomcat-jdbc";
  }
}
