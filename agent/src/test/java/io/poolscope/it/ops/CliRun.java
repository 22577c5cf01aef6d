package io.poolscope.it.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar poolscope-agent.jar ...} as a user runs it, on the JDK the children run on: its
 * exit code and what it printed.
 */
record CliRun(int exitCode, String stdout, String stderr) {
  static CliRun of(String... args) throws IOException, InterruptedException {
    return withJavaOptions(List.of(), args);
  }

  static CliRun withJavaOptions(List<String> javaOptions, String... args)
      throws IOException, InterruptedException {
    return run(List.of(), javaOptions, args);
  }

  /**
   * As another user ({@code runuser}: the tests run as root), from a copy of the jar that user can
   * read: the build's own directory may be private to root (a clone under {@code mktemp -d}).
   */
  static CliRun asUser(String user, String... args) throws IOException, InterruptedException {
    Path dir =
        Files.createTempDirectory(
            "poolscope-cli-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path jar = dir.resolve("poolscope-agent.jar");
    Files.copy(Path.of(System.getProperty("poolscope.agent.jar")), jar);
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    try {
      return run(List.of("runuser", "-u", user, "--"), List.of(), jar, dir, args);
    } finally {
      Files.delete(jar);
      Files.delete(dir);
    }
  }

  private static CliRun run(List<String> prefix, List<String> javaOptions, String... args)
      throws IOException, InterruptedException {
    return run(prefix, javaOptions, Path.of(System.getProperty("poolscope.agent.jar")), null, args);
  }

  private static CliRun run(
      List<String> prefix, List<String> javaOptions, Path agentJar, Path directory, String... args)
      throws IOException, InterruptedException {
    String home = System.getProperty("poolscope.test.java.home");
    Path java =
        Path.of(home != null && !home.isBlank() ? home : System.getProperty("java.home"))
            .resolve("bin")
            .resolve("java");
    List<String> command = new ArrayList<>(prefix);
    command.add(java.toString());
    command.addAll(javaOptions);
    command.add("-jar");
    command.add(agentJar.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    Process process = builder.start();
    // Small outputs: read after the end, each stream on its own would not fill a pipe.
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the command line did not end: " + command);
    }
    return new CliRun(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** The line of {@code list}'s output for {@code pid}. */
  String lineOf(String pid) {
    return stdout
        .lines()
        .filter(l -> l.startsWith(pid + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("pid " + pid + " not listed:\n" + stdout));
  }

  String describe() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
