package io.poolscope.it.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An outage must not flood the application's log: 32 acquisition timeouts in about two seconds give
 * one line in full and summary lines that count the rest, while the events file and the counter
 * keep every one.
 */
@ExtendWith(PostgresExtension.class)
class RepeatedFindingsIT {
  private static final Pattern SUMMARY =
      Pattern.compile("poolscope\\.acquire_timeout - flood - (\\d+) more acquire_timeout like");

  @Test
  void repeatedTimeoutsAreLoggedOnceInFullAndCountedInSummaries(PostgresDatabase db)
      throws Exception {
    ChildResult result =
        ChildJvm.main(TimeoutFloodScenario.class)
            .name("RepeatedFindingsIT")
            .database(db)
            .agentArgs("log.repeat-window=1s,report.interval=off")
            .run()
            .assertSuccess();
    int timeouts = Integer.parseInt(Files.readString(result.workdir().resolve("timeouts")));
    assertEquals(
        TimeoutFloodScenario.THREADS * TimeoutFloodScenario.ATTEMPTS,
        timeouts,
        "every attempt timed out\n" + result.describe());
    assertEquals(
        timeouts, result.eventsOfType("acquire_timeout").size(), "the events file keeps each");

    String log = result.stdout() + result.stderr();
    assertEquals(
        1,
        count(
            Pattern.compile("poolscope\\.acquire_timeout - flood - a thread gave up waiting"), log),
        "one line in full\n" + log);
    Matcher summaries = SUMMARY.matcher(log);
    int summarised = 0;
    int lines = 0;
    while (summaries.find()) {
      summarised += Integer.parseInt(summaries.group(1));
      lines++;
    }
    assertEquals(timeouts - 1, summarised, "the summaries count every other one\n" + log);
    assertTrue(
        lines >= 1 && lines <= 4, lines + " summary lines for about 2 s of timeouts\n" + log);
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
