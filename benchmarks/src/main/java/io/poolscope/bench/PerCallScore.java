package io.poolscope.bench;

/**
 * One per-call benchmark's result under one setup on one pool library.
 *
 * @param nanos mean time per operation
 * @param nanosError JMH's 99.9% error of {@code nanos}, 0 when there is one iteration
 * @param bytes heap allocated per operation ({@code gc.alloc.rate.norm}) in the steady state
 */
record PerCallScore(double nanos, double nanosError, double bytes) {
  /** The table row of the time, with its comparison, target and verdict (empty if none). */
  ResultTable.Row timeRow(
      String measure, AgentSetup setup, String comparison, String target, String verdict) {
    String value = Verdict.number(nanos, 0) + " ± " + Verdict.number(nanosError, 0);
    return row(measure, setup, value, "ns/op", comparison, target, verdict);
  }

  /** The table row of the allocation, with its comparison, target and verdict (empty if none). */
  ResultTable.Row bytesRow(
      String measure, AgentSetup setup, String comparison, String target, String verdict) {
    return row(measure, setup, Verdict.number(bytes, 0), "B/op", comparison, target, verdict);
  }

  private static ResultTable.Row row(
      String measure,
      AgentSetup setup,
      String value,
      String unit,
      String comparison,
      String target,
      String verdict) {
    return new ResultTable.Row(
        PerCallSection.SECTION, measure, setup.label(), value, unit, comparison, target, verdict);
  }
}
