package io.poolscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a finished child JVM did: exit code, output, the events it wrote, metrics it scraped. */
public final class ChildResult {
  private static final int TAIL_LINES = 60;

  private final int exitCode;
  private final String stdout;
  private final String stderr;
  private final Path workdir;
  private final Path eventsFile;
  private final Duration duration;

  ChildResult(
      int exitCode,
      String stdout,
      String stderr,
      Path workdir,
      Path eventsFile,
      Duration duration) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.workdir = workdir;
    this.eventsFile = eventsFile;
    this.duration = duration;
  }

  public int exitCode() {
    return exitCode;
  }

  public String stdout() {
    return stdout;
  }

  public String stderr() {
    return stderr;
  }

  public Path workdir() {
    return workdir;
  }

  public Path eventsFile() {
    return eventsFile;
  }

  public Duration duration() {
    return duration;
  }

  /** A number the child printed with {@link ReportLine}; fails if it printed none of that name. */
  public double reported(String key) {
    Double value = ReportLine.parse(stdout).get(key);
    if (value == null) {
      throw new IllegalStateException(
          "child reported no " + key + ": " + ReportLine.parse(stdout) + "\n" + describe());
    }
    return value;
  }

  /** Every line of the events file, parsed; empty if the agent wrote none. */
  public List<EventRecord> events() {
    return EventsFile.read(eventsFile);
  }

  public List<EventRecord> eventsOfType(String type) {
    List<EventRecord> matching = new ArrayList<>();
    for (EventRecord event : events()) {
      if (type.equals(event.type())) {
        matching.add(event);
      }
    }
    return matching;
  }

  /** The metrics the scenario saved with {@link Scenario#scrapeMetrics()}. */
  public PrometheusText prometheus() {
    Path metrics = workdir.resolve(Scenario.METRICS_FILE);
    if (!Files.isRegularFile(metrics)) {
      throw new AssertionError(
          "the scenario wrote no " + metrics + " (call Scenario.scrapeMetrics())\n" + describe());
    }
    try {
      return PrometheusText.parse(Files.readString(metrics, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails with the end of the child's output unless it exited with 0. */
  public ChildResult assertSuccess() {
    return assertExitCode(0);
  }

  public ChildResult assertExitCode(int expected) {
    if (exitCode != expected) {
      throw new AssertionError(
          "child JVM exited with " + exitCode + ", expected " + expected + "\n" + describe());
    }
    return this;
  }

  /** The end of stdout and stderr, and where the full files are. */
  public String describe() {
    return describe(workdir, stdout, stderr, TAIL_LINES);
  }

  static String describe(Path workdir, String stdout, String stderr, int lines) {
    return "--- work dir: "
        + workdir
        + "\n--- stdout (last "
        + lines
        + " lines):\n"
        + tail(stdout, lines)
        + "\n--- stderr (last "
        + lines
        + " lines):\n"
        + tail(stderr, lines);
  }

  static String tail(String text, int lines) {
    List<String> all = Arrays.asList(text.split("\n", -1));
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public String toString() {
    return "ChildResult[exit " + exitCode + ", " + duration.toMillis() + " ms, " + workdir + "]";
  }
}
