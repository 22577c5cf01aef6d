package io.poolscope.it.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildResult;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Poolscope's own warnings and errors in a child's output (slf4j-simple's format: {@code [thread]
 * LEVEL logger - message}): the lines of the logger {@code poolscope} itself, where the agent says
 * what failed, not its findings ({@code poolscope.<event type>}).
 */
final class PoolscopeLines {
  private static final Pattern AGENT_LINE =
      Pattern.compile("(?m)^\\[[^\\]]+\\] (WARN|ERROR) poolscope - (.*)$");

  private PoolscopeLines() {}

  /** Each failure Poolscope reports about itself is told once, however often it happened. */
  static void assertNoLineRepeated(ChildResult result) {
    Map<String, Integer> counts = new HashMap<>();
    Matcher m = AGENT_LINE.matcher(result.stdout() + "\n" + result.stderr());
    while (m.find()) {
      // Numbers (times, counts, ids) differ between repeats of one kind of failure.
      counts.merge(m.group(2).replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    counts.forEach(
        (line, count) ->
            assertTrue(count == 1, count + " times: " + line + "\n" + result.describe()));
  }
}
