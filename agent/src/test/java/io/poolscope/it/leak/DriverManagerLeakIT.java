package io.poolscope.it.leak;

class DriverManagerLeakIT extends AbstractLeakIT {
  @Override
  String library() {
    return "drivermanager";
  }
}
