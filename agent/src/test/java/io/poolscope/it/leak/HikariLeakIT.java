package io.poolscope.it.leak;

class HikariLeakIT extends AbstractLeakIT {
  @Override
  String library() {
    return "hikaricp";
  }
}
