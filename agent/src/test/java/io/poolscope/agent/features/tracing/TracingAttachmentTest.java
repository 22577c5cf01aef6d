package io.poolscope.agent.features.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.recorder.StatementEndObserver;
import io.poolscope.agent.recorder.StatementStartObserver;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlMasker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spans are taken off the recorder after a look that found no tracing, and put back when the
 * next look is due: the recorder then tells only the features registered before them, and tracing
 * that appears later (an SDK registered after the first statements) is found at the next look as
 * before.
 */
class TracingAttachmentTest {
  private static final String SQL = "SELECT * FROM orders WHERE customer = 'bob'";

  private final List<String> told = new ArrayList<>();
  private final RecorderFeatures features = new RecorderFeatures();
  private final Tracing tracing =
      Tracing.create(0, new MaskedSqlCache(new SqlMasker()), new ConnectionTracker(), null);
  private boolean attachedAtRegistration;
  private RecordedStatement recorded;

  /** A feature registered before tracing, as the statistics and the slow-query log are. */
  private final class Counting implements StatementStartObserver, StatementEndObserver {
    @Override
    public void statementStarted(RunningStatement run) {
      told.add("start");
    }

    @Override
    public void statementFinished(RunningStatement run) {
      told.add("end");
    }
  }

  @BeforeEach
  void aRecorderWithTracingRegisteredLast() {
    GlobalOpenTelemetry.resetForTest();
    Counting counting = new Counting();
    features.onStatementStart(counting).onStatementEnd(counting);
    tracing.register(features);
    attachedAtRegistration = tracing.attached();
    recorded = new RecordedStatement(features, SQL); // its connect is the first hand-out
  }

  @AfterEach
  void resetGlobalOpenTelemetry() {
    recorded.close();
  }

  @Test
  void aLookThatFindsNothingTakesTheSpansOffTheRecorder() {
    assertTrue(attachedAtRegistration, "registered: the first hand-out or statement looks");
    assertFalse(tracing.attached(), "the connect looked, found nothing: no call until next look");

    recorded.executeInRequest(null);
    recorded.executeInRequest(null);

    assertFalse(tracing.attached());
    assertEquals(List.of("start", "end", "start", "end"), told, "the other features still hear");
    assertEquals(List.of(), recorded.clientSpans());
  }

  @Test
  void tracingRegisteredAfterAFailedLookIsFoundAtTheNextLook() {
    recorded.executeInRequest(null); // the connect looked already and found nothing
    recorded.registerApplicationSdk();

    recorded.executeInRequest(null);
    assertEquals(List.of(), recorded.clientSpans(), "no look is due yet: as before, no span");
    assertFalse(tracing.attached());

    tracing.lookAgain();
    assertTrue(tracing.attached());
    recorded.executeInRequest(null);

    assertEquals(1, recorded.clientSpans().size(), "spans: " + recorded.clientSpans());
    assertTrue(tracing.attached(), "tracing found: kept");
    tracing.lookAgain(); // nothing to look for any more, and no second copy of the spans
    recorded.executeInRequest(null);
    assertEquals(2, recorded.clientSpans().size(), "one span per statement");
  }

  @Test
  void lookingAgainWithoutAStatementBetweenAddsTheSpansOnce() {
    recorded.executeInRequest(null);
    tracing.lookAgain();
    tracing.lookAgain();
    recorded.registerApplicationSdk();

    recorded.executeInRequest(null);

    assertEquals(1, recorded.clientSpans().size(), "spans: " + recorded.clientSpans());
  }
}
