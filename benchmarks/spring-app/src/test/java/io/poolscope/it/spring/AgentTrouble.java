package io.poolscope.it.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds, in an application's console and log, what either agent says when something went wrong
 * inside it: a warning or error of Poolscope's own logger, a warning or error line of the
 * OpenTelemetry agent's, and any exception whose header or stack names either agent's packages.
 * Poolscope's findings about the application ({@code poolscope.leak_suspected}, ...) are not
 * trouble: they are what it is there for.
 */
final class AgentTrouble {
  /** Boot's pattern with Poolscope's own logger, which says what failed inside the agent. */
  private static final Pattern POOLSCOPE_WARNING =
      Pattern.compile("\\b(WARN|ERROR) +\\d+ --- .*\\] poolscope +: ");

  /** The same before the application's logging is ready: Poolscope's console line on stderr. */
  private static final Pattern POOLSCOPE_CONSOLE_WARNING =
      Pattern.compile("^\\S+ (WARN|ERROR) poolscope - ");

  /** The OpenTelemetry agent's own log: {@code [otel.javaagent <time>] [thread] LEVEL logger}. */
  private static final Pattern OTEL_WARNING =
      Pattern.compile("^\\[otel\\.javaagent [^\\]]*\\] \\[[^\\]]*\\] (WARN|ERROR) ");

  private static final Pattern THROWABLE_HEADER =
      Pattern.compile("^(Caused by: |Suppressed: )?([\\w$]+\\.)+[\\w$]*(Exception|Error)\\b.*");
  private static final Pattern FRAME = Pattern.compile("^\\s+at \\S+");
  private static final Pattern AGENT_NAME =
      Pattern.compile("io\\.poolscope\\.|io\\.opentelemetry\\.");

  private AgentTrouble() {}

  /** The lines that show trouble inside an agent; empty when there is none. */
  static List<String> in(String text) {
    List<String> trouble = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (POOLSCOPE_WARNING.matcher(line).find()
          || POOLSCOPE_CONSOLE_WARNING.matcher(line).find()
          || OTEL_WARNING.matcher(line).find()) {
        trouble.add(line);
      } else if (THROWABLE_HEADER.matcher(line.strip()).matches()) {
        StringBuilder block = new StringBuilder(line);
        int next = i + 1;
        while (next < lines.length && FRAME.matcher(lines[next]).find()) {
          block.append('\n').append(lines[next++]);
        }
        if (AGENT_NAME.matcher(block).find()) {
          trouble.add(block.toString());
        }
      }
    }
    return trouble;
  }
}
