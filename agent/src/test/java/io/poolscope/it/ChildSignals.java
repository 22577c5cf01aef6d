package io.poolscope.it;

import io.poolscope.testing.ChildResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For ITs that step a child JVM through phases with files in a signals directory (the child creates
 * one when it reaches a phase, the test one when it changed the world), and count lines.
 */
public final class ChildSignals {
  private ChildSignals() {}

  /** Tells the child: creates the file {@code name}. */
  public static void signal(Path signals, String name) throws Exception {
    Files.createFile(signals.resolve(name));
  }

  /** Waits up to 90 s for the child's file {@code name}; fails at once if the child ended. */
  public static void await(Path signals, String name, CompletableFuture<ChildResult> child)
      throws Exception {
    Await.until(
        name + " from the child",
        Duration.ofSeconds(90),
        () -> {
          if (child.isDone()) {
            throw new AssertionError("the child ended early: " + child.get().describe());
          }
          return Files.exists(signals.resolve(name));
        });
  }

  /** How many times {@code regex} matches in {@code text}. */
  public static int count(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
