package io.poolscope.agent.features.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A statement past {@code slow-query.threshold}: the {@code slow_query} event, in JFR. One still
 * running is reported once, by the scan (on Poolscope's thread), and not again when it ends.
 */
@Name("poolscope.SlowQuery")
@Label("Slow Query")
@Category("Poolscope")
@Description("A statement that ran longer than slow-query.threshold; SQL with literals masked")
@StackTrace(true)
final class SlowQueryEvent extends Event {
  static final SlowQueryEvent PROBE = new SlowQueryEvent();

  @Label("Pool")
  String pool;

  @Label("Elapsed")
  @Timespan(Timespan.MILLISECONDS)
  long elapsed;

  @Label("SQL")
  @Description("Masked: literals replaced by ?")
  String sql;

  @Label("Caller")
  String caller;

  @Label("Still Running")
  @Description("Reported by the scan while it ran: Elapsed is the time so far")
  boolean running;
}
