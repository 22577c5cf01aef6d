package io.poolscope.agent.features.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One acquisition from a pool: how long the thread waited and how it ended. */
@Name("poolscope.ConnectionWait")
@Label("Connection Wait")
@Category("Poolscope")
@Description(
    "A connection asked of a pool that waited at least jfr.wait-threshold, or timed out: the wait,"
        + " and whether one was handed out")
@StackTrace(true)
final class ConnectionWaitEvent extends Event {
  /** Asked whether the type is enabled: one read of a static field, no allocation. */
  static final ConnectionWaitEvent PROBE = new ConnectionWaitEvent();

  @Label("Pool")
  String pool;

  @Label("Wait")
  @Timespan(Timespan.NANOSECONDS)
  long waitTime;

  @Label("Outcome")
  @Description("acquired or timeout")
  String outcome;
}
