package io.poolscope.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * How a running agent tells {@code list} that it is there without being attached to: one small file
 * per JVM, {@code <temp>/poolscope_<user>/<pid>}, next to the JVM's own {@code hsperfdata_<user>}
 * directory, readable by its user only (and root). It holds the first line of the status ({@code
 * Poolscope 0.1.0 running (attached)}) and when the JVM started, so that a file left by a JVM that
 * was killed does not speak for a later process with the same pid. Written once the agent runs,
 * deleted when its JVM exits.
 */
public final class StatusFile {
  private static final String STARTED = "started ";

  private StatusFile() {}

  /**
   * Where JVMs keep their performance data directories, {@code hsperfdata_<user>}: {@code /tmp} on
   * Linux whatever {@code java.io.tmpdir} says, the temporary directory elsewhere.
   */
  static Path tempRoot() {
    return System.getProperty("os.name", "").startsWith("Linux")
        ? Path.of("/tmp")
        : Path.of(System.getProperty("java.io.tmpdir"));
  }

  static Path of(String user, long pid) {
    return tempRoot().resolve("poolscope_" + user).resolve(Long.toString(pid));
  }

  /** Announces this JVM's agent; never throws (a JVM where it cannot is listed by attaching). */
  public static void write(String statusLine) {
    try {
      long pid = ProcessHandle.current().pid();
      Path file = of(System.getProperty("user.name"), pid);
      Path directory = file.getParent();
      if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(
              directory,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createDirectory(directory);
        }
      }
      // Someone else's directory (or a link planted under our name) is not written into.
      if (Files.isSymbolicLink(directory)
          || !Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS)
              .getName()
              .equals(System.getProperty("user.name"))) {
        return;
      }
      String started =
          ProcessHandle.current().info().startInstant().map(Instant::toString).orElse("");
      Path partial = directory.resolve(pid + ".tmp");
      Files.write(
          partial, (statusLine + "\n" + STARTED + started + "\n").getBytes(StandardCharsets.UTF_8));
      Files.move(
          partial,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      file.toFile().deleteOnExit();
    } catch (IOException | RuntimeException e) {
      // No announcement: list then attaches to find out, as before.
    }
  }

  /**
   * The status line the agent of {@code process} announced, if the file is there and was written by
   * that very process (same start time).
   */
  static Optional<String> read(String user, ProcessHandle process) {
    Path file = of(user, process.pid());
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
      if (lines.length < 2 || !lines[1].startsWith(STARTED)) {
        return Optional.empty();
      }
      String written = lines[1].substring(STARTED.length());
      String started = process.info().startInstant().map(Instant::toString).orElse("");
      return written.equals(started) ? Optional.of(lines[0]) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
