package io.poolscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A child run's work directory, {@code <root>/<test-name>-<n>}, and the test name it is called
 * after: numbered per name so that two runs of one test keep apart, emptied first so that a
 * directory left by an earlier build of the same tree does not mix in.
 */
final class WorkDirectory {
  private static final Map<String, AtomicInteger> RUNS_PER_NAME = new ConcurrentHashMap<>();

  private WorkDirectory() {}

  /**
   * A fresh directory under {@code workRoot}, or {@code poolscope.test.work}, or target/it-work.
   */
  static Path create(Path workRoot, String name) {
    String base = System.getProperty(ChildJvm.WORK_PROPERTY);
    Path root =
        workRoot != null
            ? workRoot
            : Path.of(base != null && !base.isBlank() ? base : "target/it-work");
    int run = RUNS_PER_NAME.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
    Path workdir = root.resolve(name + "-" + run).toAbsolutePath().normalize();
    try {
      deleteTree(workdir); // left by an earlier build of the same tree
      return Files.createDirectories(workdir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create work directory " + workdir, e);
    }
  }

  /** The calling test's class and method, from the first frame outside ChildJvm. */
  static String callerName() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(frame -> !isHarness(frame.getClassName()))
                    .findFirst()
                    .map(frame -> simpleName(frame.getClassName()) + "." + method(frame))
                    .map(WorkDirectory::sanitize)
                    .orElse("child"));
  }

  private static boolean isHarness(String className) {
    return className.equals(ChildJvm.class.getName())
        || className.equals(WorkDirectory.class.getName());
  }

  /** A lambda's frame, as in {@code assertThrows(..., () -> child.run())}, names its method. */
  private static String method(StackWalker.StackFrame frame) {
    String method = frame.getMethodName();
    return method.startsWith("lambda$") ? method.split("\\$")[1] : method;
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  static String sanitize(String text) {
    return text.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
