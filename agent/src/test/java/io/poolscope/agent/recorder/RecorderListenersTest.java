package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each callback reaches the listeners that implement it, in order, past one that throws. */
class RecorderListenersTest {
  private final List<String> heard = new ArrayList<>();

  @Test
  void callbacksReachTheListenersThatImplementThemInOrder() {
    RecorderListener statements =
        new RecorderListener() {
          @Override
          public void statementStarted(RunningStatement run) {
            heard.add("statements.started");
          }
        };
    RecorderListener failing =
        new RecorderListener() {
          @Override
          public void statementStarted(RunningStatement run) {
            throw new IllegalStateException("a feature's fault");
          }

          @Override
          public int queryTimeoutRequested(Object statement, int seconds) {
            heard.add("failing.timeout");
            return 5;
          }
        };
    RecorderListener both =
        new RecorderListener() {
          @Override
          public void statementStarted(RunningStatement run) {
            heard.add("both.started");
          }

          @Override
          public void handedOut(HeldConnection hold) {
            heard.add("both.handedOut");
          }

          @Override
          public int queryTimeoutRequested(Object statement, int seconds) {
            heard.add("both.timeout " + seconds);
            return seconds - 1;
          }
        };
    RecorderListeners listeners =
        new RecorderListeners(List.of(statements, failing, RecorderListener.NONE, both));

    listeners.statementStarted(new RunningStatement(Thread.currentThread()));
    listeners.handedOut(null);
    int timeout = listeners.queryTimeoutRequested(new Object(), 30);
    listeners.statementFinished(null, 1, null, null); // nobody implements it: nothing happens

    assertEquals(
        List.of(
            "statements.started",
            "both.started",
            "both.handedOut",
            "failing.timeout",
            "both.timeout 5"),
        heard);
    assertEquals(4, timeout);
  }

  @Test
  void onlyOverridingListenersAreKeptForACallback() {
    RecorderListener finishing =
        new RecorderListener() {
          @Override
          public void statementFinished(
              RunningStatement run, long elapsedNanos, Object result, Throwable error) {}
        };
    List<RecorderListener> all = List.of(RecorderListener.NONE, finishing);
    assertEquals(
        1,
        RecorderListeners.implementing(
                all,
                "statementFinished",
                RunningStatement.class,
                long.class,
                Object.class,
                Throwable.class)
            .length);
    assertEquals(
        0, RecorderListeners.implementing(all, "statementStarted", RunningStatement.class).length);
  }
}
