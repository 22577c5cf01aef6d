package io.poolscope.it.fleet;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code prometheus} package: {@code promtool} and the {@code prometheus} server. A test
 * that needs them fails (never skips) when they are missing: CI must install the package.
 */
final class PrometheusTools {
  private PrometheusTools() {}

  static Path promtool() {
    return find("PROMTOOL", "promtool");
  }

  static Path server() {
    return find("PROMETHEUS", "prometheus");
  }

  /** {@code env} names an explicit path; otherwise the first {@code name} on the PATH. */
  private static Path find(String env, String name) {
    String explicit = System.getenv(env);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        name
            + " not found on the PATH (or in $"
            + env
            + "): install Debian's package: apt-get install -y --no-install-recommends prometheus");
  }

  /** Runs a command to its end (at most a minute); returns its exit code and output. */
  static Result run(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within a minute");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  record Result(int exitCode, String output) {}
}
