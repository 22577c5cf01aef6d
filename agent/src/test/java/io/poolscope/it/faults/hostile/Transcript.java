package io.poolscope.it.faults.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What the application saw, one line per step: the step's result, or the exception it threw with
 * its message, causes and suppressed exceptions. A run without the agent and a run with it must
 * write the same lines. A frame of Poolscope's own code in anything the application caught is a
 * line of its own, so that it can never go unnoticed.
 */
public final class Transcript {
  /** Poolscope's code: the agent, its bootstrap hooks, and the libraries it shades. */
  private static final String[] AGENT_PACKAGES = {
    "io.poolscope.agent.", "io.poolscope.bootstrap.", "io.poolscope.shaded."
  };

  private final List<String> lines = new ArrayList<>();

  /** A step of the application's that returns something worth comparing. */
  public interface Step {
    Object run() throws Throwable;
  }

  public synchronized void step(String name, Step step) {
    try {
      lines.add(name + ": " + render(step.run()));
    } catch (Throwable e) {
      lines.add(name + ": threw " + describe(e));
      agentFrames(name, e, Collections.newSetFromMap(new IdentityHashMap<>()));
    }
  }

  public synchronized void note(String line) {
    lines.add(line);
  }

  public synchronized void write(Path file) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /**
   * Plain values as they are; any other object by its class only, since its {@code toString} may
   * throw (these are hostile objects) or name an identity that differs from run to run.
   */
  private static String render(Object result) {
    if (result == null
        || result instanceof String
        || result instanceof Number
        || result instanceof Boolean) {
      return String.valueOf(result);
    }
    return "a " + result.getClass().getName();
  }

  private static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(e.getClass().getName()).append('(').append(message(e));
    for (Throwable s : e.getSuppressed()) {
      b.append(", suppressed ").append(describe(s));
    }
    if (e.getCause() != null && e.getCause() != e) {
      b.append(", cause ").append(describe(e.getCause()));
    }
    return b.append(')').toString();
  }

  /** The message; a StackOverflowError's has none, and a JDK's may name a lambda's address. */
  private static String message(Throwable e) {
    String message = e.getMessage();
    return message == null ? "" : message.replaceAll("\\$\\$Lambda[/$][0-9a-fx/]+", "\\$\\$Lambda");
  }

  private void agentFrames(String name, Throwable e, Set<Throwable> seen) {
    if (e == null || !seen.add(e)) {
      return;
    }
    for (StackTraceElement frame : e.getStackTrace()) {
      for (String agent : AGENT_PACKAGES) {
        if (frame.getClassName().startsWith(agent)) {
          lines.add(name + ": AGENT FRAME " + frame + " in " + e);
          break;
        }
      }
    }
    agentFrames(name, e.getCause(), seen);
    for (Throwable s : e.getSuppressed()) {
      agentFrames(name, s, seen);
    }
  }
}
