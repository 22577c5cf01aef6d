package io.poolscope.it.leak;

/**
 * c3p0 keeps every {@code NewProxyConnection} it hands out reachable from its own bookkeeping, so a
 * dropped connection is never collected and {@code leak_unclosed} cannot be reported; the test
 * proves that instead (docs/leaks.md says so).
 */
class C3p0LeakIT extends AbstractLeakIT {
  @Override
  String library() {
    return "c3p0";
  }

  @Override
  boolean handedOutConnectionIsCollectable() {
    return false;
  }
}
