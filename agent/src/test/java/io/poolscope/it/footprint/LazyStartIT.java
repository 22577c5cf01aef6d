package io.poolscope.it.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What {@code premain} leaves for later: in an application that never opens a connection, Poolscope
 * never builds its Micrometer registry (nor loads a class of Micrometer or of the Prometheus
 * client), and it still starts, weaves nothing, and writes its status.
 */
class LazyStartIT {
  private static final String SHADED = "io.poolscope.shaded.";

  @Test
  void anApplicationWithoutJdbcNeverLoadsMicrometer() throws Exception {
    ChildResult run =
        ChildJvm.main(IdleApplication.class)
            .name("LazyStartIT-idle")
            .jvmArg("-Xlog:class+load=info:file=classes.txt")
            .run()
            .assertSuccess();
    String all = run.stdout() + run.stderr();
    assertTrue(all.contains("Poolscope started"), run.describe());
    assertTrue(all.contains("idle application done"), run.describe());

    List<String> loaded = Files.readAllLines(run.workdir().resolve("classes.txt"));
    assertTrue(
        loaded.stream().anyMatch(line -> line.contains(" io.poolscope.bootstrap.Hooks ")),
        "the agent ran in the child");
    List<String> metrics =
        loaded.stream()
            .filter(
                line ->
                    line.contains(" " + SHADED + "io.micrometer.")
                        || line.contains(" " + SHADED + "io.prometheus."))
            .limit(5)
            .collect(Collectors.toList());
    assertEquals(List.of(), metrics, "Micrometer classes loaded without any pool or scrape");
  }
}
