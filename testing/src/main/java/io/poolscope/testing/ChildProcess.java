package io.poolscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one child JVM's command to its end: output to files in its work directory, and past the
 * timeout a thread dump and a kill of its whole process tree. Apart from {@link ChildJvm}, which
 * only says what to run, so that the process handling reads on its own.
 */
final class ChildProcess {
  private static final int TAIL_LINES = 60;

  private ChildProcess() {}

  /**
   * Starts the command, waits for it, and returns what it did; fails if it outlives the timeout.
   */
  static ChildResult run(
      List<String> command,
      Path workdir,
      Path eventsFile,
      Map<String, String> environment,
      Duration timeout,
      String mainClass,
      Path javaHome) {
    Path stdout = workdir.resolve("stdout.txt");
    Path stderr = workdir.resolve("stderr.txt");
    try {
      Files.write(workdir.resolve("command.txt"), command, StandardCharsets.UTF_8);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workdir.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      // The agent reads POOLSCOPE_* variables as configuration: the test JVM's own must not leak
      // into a child that did not ask for them.
      builder.environment().keySet().removeIf(key -> key.startsWith("POOLSCOPE_"));
      builder.environment().putAll(environment);
      long started = System.nanoTime();
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // Taken before the kill: whoever has to find out why it hung needs the stacks.
        Path threads = workdir.resolve("threads.txt");
        threadDump(javaHome, process.pid(), threads);
        List<Long> killed = killTree(process);
        throw new ChildJvm.ChildTimeoutException(
            "child JVM "
                + mainClass
                + " still running after "
                + timeout.toMillis()
                + " ms: killed processes "
                + killed
                + ", thread dump in "
                + threads
                + "\n"
                + ChildResult.describe(workdir, read(stdout), read(stderr), TAIL_LINES),
            process.pid(),
            killed);
      }
      return new ChildResult(
          process.exitValue(),
          read(stdout),
          read(stderr),
          workdir,
          eventsFile,
          Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException e) {
      throw new UncheckedIOException("could not run child JVM in " + workdir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for child JVM " + mainClass, e);
    }
  }

  /**
   * Asks the child for its threads' stacks with {@code jcmd}; a child that does not answer has
   * none.
   */
  private static void threadDump(Path javaHome, long pid, Path file) throws InterruptedException {
    Path jcmd = javaHome.resolve("bin").resolve("jcmd");
    try {
      Process dump =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
              .redirectErrorStream(true)
              .redirectOutput(file.toFile())
              .start();
      if (!dump.waitFor(30, TimeUnit.SECONDS)) {
        dump.destroyForcibly();
      }
    } catch (IOException e) {
      System.err.println("[poolscope-test] no thread dump of " + pid + ": " + e);
    }
  }

  /** Kills the child and everything it started, children first, and waits for them to go. */
  private static List<Long> killTree(Process process) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>();
    process.toHandle().descendants().forEach(tree::add);
    tree.add(process.toHandle());
    List<Long> pids = new ArrayList<>();
    for (ProcessHandle handle : tree) {
      pids.add(handle.pid());
      handle.destroyForcibly();
    }
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // Reported through the pids: the test can still see the survivor.
      }
    }
    return pids;
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "<could not read " + file + ": " + e + ">";
    }
  }
}
