package io.poolscope.agent.features.jfr;

import io.poolscope.agent.output.events.EventBus;
import io.poolscope.agent.recorder.RecorderFeatures;

/**
 * The Flight Recorder feature: Poolscope's events in JFR recordings (category Poolscope). Built
 * only where the JVM has the {@code jdk.jfr} module; nothing here touches JFR before {@link
 * #available()} said so.
 */
public final class FlightRecorderEvents {
  private FlightRecorderEvents() {}

  public static boolean available() {
    return ModuleLayer.boot().findModule("jdk.jfr").isPresent();
  }

  /** Registers the observers and the bus listener; call only when {@link #available()}. */
  public static void register(RecorderFeatures features, EventBus bus, long holdThresholdMillis) {
    JdbcEvents jdbc = new JdbcEvents(holdThresholdMillis);
    features.onHandOut(jdbc).onHoldEnd(jdbc).onAcquireTimeout(jdbc);
    bus.addListener(new FindingEvents());
  }
}
