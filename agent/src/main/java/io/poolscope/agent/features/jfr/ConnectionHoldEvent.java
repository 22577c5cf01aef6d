package io.poolscope.agent.features.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A connection given back (or lost) after being held at least the hold threshold. */
@Name("poolscope.ConnectionHold")
@Label("Connection Hold")
@Category("Poolscope")
@Description(
    "A connection held by the application at least jfr.hold-threshold, from hand-out to close")
@StackTrace(true)
final class ConnectionHoldEvent extends Event {
  static final ConnectionHoldEvent PROBE = new ConnectionHoldEvent();

  @Label("Pool")
  String pool;

  @Label("Held")
  @Timespan(Timespan.NANOSECONDS)
  long heldTime;

  @Label("Statements")
  int statements;

  @Label("Outcome")
  @Description("closed, or unclosed (collected without close())")
  String outcome;
}
