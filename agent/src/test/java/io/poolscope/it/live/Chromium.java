package io.poolscope.it.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless: loads a page, lets its scripts run for a while, and gives
 * the DOM they built (what a person sees) or a screenshot. Missing chromium fails the test: CI
 * installs the {@code chromium} package.
 */
final class Chromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");

  private final Path profile;

  Chromium(Path workdir) throws IOException {
    assertTrue(
        Files.isExecutable(BINARY),
        BINARY
            + " is missing: the live view's browser test needs Debian's chromium"
            + " (apt-get install -y --no-install-recommends chromium chromium-driver)");
    this.profile = Files.createTempDirectory(workdir, "chromium-profile");
  }

  /** The DOM after {@code millis} of the page's own time. */
  String dumpDom(String url, int millis) throws Exception {
    List<String> command = command(millis);
    command.add("--dump-dom");
    command.add(url);
    return run(command);
  }

  /** Saves a screenshot of the page after {@code millis} of its own time. */
  void screenshot(String url, int millis, Path png, int width, int height) throws Exception {
    List<String> command = command(millis);
    command.add("--screenshot=" + png.toAbsolutePath());
    command.add("--window-size=" + width + "," + height);
    command.add("--hide-scrollbars");
    command.add(url);
    run(command);
    assertTrue(Files.size(png) > 10_000, "screenshot " + png + " is (nearly) empty");
  }

  private List<String> command(int millis) {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    for (String flag :
        new String[] {
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--user-data-dir=" + profile.toAbsolutePath(),
          "--virtual-time-budget=" + millis
        }) {
      command.add(flag);
    }
    return command;
  }

  private static String run(List<String> command) throws Exception {
    Path out = Files.createTempFile("chromium", ".out");
    Path err = Files.createTempFile("chromium", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(err));
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "chromium exited with " + process.exitValue() + ": " + Files.readString(err));
    }
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return stdout;
  }
}
