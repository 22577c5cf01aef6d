package io.poolscope.it.fleet;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped rules and dashboard under the repository's {@code deploy/}, found from any module.
 */
final class DeployFiles {
  private DeployFiles() {}

  static Path rules() {
    return root().resolve("prometheus").resolve("poolscope-rules.yml");
  }

  static Path rulesTests() {
    return root().resolve("prometheus").resolve("poolscope-rules.test.yml");
  }

  static Path dashboard() {
    return root().resolve("grafana").resolve("poolscope-fleet.json");
  }

  private static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(
          dir.resolve("deploy").resolve("prometheus").resolve("poolscope-rules.yml"))) {
        return dir.resolve("deploy");
      }
    }
    throw new AssertionError(
        "deploy/prometheus/poolscope-rules.yml not found above " + Path.of("").toAbsolutePath());
  }
}
