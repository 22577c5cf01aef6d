package io.poolscope.agent.features.jfr;

import io.poolscope.agent.output.events.EventBus;
import io.poolscope.agent.recorder.RecorderFeatures;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * The Flight Recorder feature: Poolscope's events in JFR recordings (category Poolscope). Built
 * only where the JVM has the {@code jdk.jfr} module, and wired into the recorder only when the
 * first recording runs: a JVM that never records keeps the recorder exactly as without JFR
 * (measured: with the observers registered and no recording, the JMH statement cycle allocated 48
 * B/op more, through the JIT's view of the recorder, not through anything they ran).
 */
public final class FlightRecorderEvents implements FlightRecorderListener {
  private final RecorderFeatures features;
  private final EventBus bus;
  private final long holdThresholdMillis;
  private final long waitThresholdMillis;
  private final AtomicBoolean wired = new AtomicBoolean();

  private FlightRecorderEvents(
      RecorderFeatures features, EventBus bus, long holdThresholdMillis, long waitThresholdMillis) {
    this.features = features;
    this.bus = bus;
    this.holdThresholdMillis = holdThresholdMillis;
    this.waitThresholdMillis = waitThresholdMillis;
  }

  public static boolean available() {
    return ModuleLayer.boot().findModule("jdk.jfr").isPresent();
  }

  /**
   * Waits for a recording; call only when {@link #available()}. Adding the listener does not start
   * Flight Recorder: it is told once something else does.
   */
  public static void register(
      RecorderFeatures features, EventBus bus, long holdThresholdMillis, long waitThresholdMillis) {
    if (FlightRecorder.isAvailable()) {
      FlightRecorder.addListener(
          new FlightRecorderEvents(features, bus, holdThresholdMillis, waitThresholdMillis));
    }
  }

  @Override
  public void recorderInitialized(FlightRecorder recorder) {
    // Called at once when Flight Recorder already runs (-XX:StartFlightRecording before us).
    for (Recording recording : recorder.getRecordings()) {
      recordingStateChanged(recording);
    }
  }

  @Override
  public void recordingStateChanged(Recording recording) {
    if (recording.getState() == RecordingState.RUNNING && wired.compareAndSet(false, true)) {
      JdbcEvents jdbc = new JdbcEvents(holdThresholdMillis, waitThresholdMillis);
      features.onHandOut(jdbc).onHoldEnd(jdbc).onAcquireTimeout(jdbc);
      bus.addListener(new FindingEvents());
    }
  }
}
