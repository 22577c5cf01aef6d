package io.poolscope.it.leak;

class Dbcp2LeakIT extends AbstractLeakIT {
  @Override
  String library() {
    return "dbcp2";
  }
}
