package io.poolscope.it.leak;

class AgroalLeakIT extends AbstractLeakIT {
  @Override
  String library() {
    return "agroal";
  }

  /**
   * One connection per load thread. Agroal's waiters spin for a free connection: 184 of them starve
   * a two-core machine until acquisitions time out after 60 s, with or without Poolscope.
   */
  @Override
  int loadPoolSize() {
    return LeakLoadScenario.THREADS;
  }
}
