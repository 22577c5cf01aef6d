package io.poolscope.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the benchmark's own main classes in a fresh JVM under an {@link AgentSetup} and reads
 * back the {@code RESULT key=value} lines it prints.
 */
public final class ChildJvm {
  private final Path jar;
  private final Path agents;
  private final Path work;

  public ChildJvm(Path jar, Path agents, Path work) {
    this.jar = jar;
    this.agents = agents;
    this.work = work;
  }

  /** What a finished child reported, and how long the JVM took from launch to exit. */
  public static final class Outcome {
    public final Map<String, Double> results;
    public final long wallNanos;

    Outcome(Map<String, Double> results, long wallNanos) {
      this.results = results;
      this.wallNanos = wallNanos;
    }

    public double get(String key) {
      Double value = results.get(key);
      if (value == null) {
        throw new IllegalStateException("child reported no " + key + ": " + results);
      }
      return value;
    }
  }

  public Outcome run(AgentSetup setup, List<String> extraJvmOptions, Class<?> main, String... args)
      throws IOException, InterruptedException {
    return run(setup, extraJvmOptions, 600, main, args);
  }

  /**
   * Runs a child and fails if it has not exited after {@code timeoutSeconds}; a child that hangs
   * leaves its thread dump next to its output, for whoever has to find out why.
   */
  public Outcome run(
      AgentSetup setup,
      List<String> extraJvmOptions,
      int timeoutSeconds,
      Class<?> main,
      String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(setup.jvmOptions(agents, work));
    command.addAll(extraJvmOptions);
    command.add("-cp");
    command.add(jar.toString());
    command.add(main.getName());
    command.addAll(List.of(args));
    Files.createDirectories(work);
    Path output = work.resolve(main.getSimpleName() + "-" + setup + ".log");
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      Path dump = work.resolve(main.getSimpleName() + "-" + setup + "-threads.txt");
      threadDump(process.pid(), dump);
      process.destroyForcibly();
      throw new IOException(
          main.getSimpleName()
              + " under "
              + setup
              + " hung for "
              + timeoutSeconds
              + " s; thread dump in "
              + dump);
    }
    long wallNanos = System.nanoTime() - start;
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(
          "exit code "
              + process.exitValue()
              + " from "
              + command
              + "\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }
    Map<String, Double> results = new HashMap<>();
    for (String line : lines) {
      if (line.startsWith(ChildResult.PREFIX)) {
        for (String pair : line.substring(ChildResult.PREFIX.length()).trim().split(" ")) {
          int equals = pair.indexOf('=');
          results.put(pair.substring(0, equals), Double.parseDouble(pair.substring(equals + 1)));
        }
      }
    }
    return new Outcome(results, wallNanos);
  }

  private static void threadDump(long pid, Path file) throws InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process dump =
          new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print")
              .redirectErrorStream(true)
              .redirectOutput(file.toFile())
              .start();
      if (!dump.waitFor(60, TimeUnit.SECONDS)) {
        dump.destroyForcibly();
      }
    } catch (IOException e) {
      System.err.println("no thread dump of " + pid + ": " + e);
    }
  }
}
