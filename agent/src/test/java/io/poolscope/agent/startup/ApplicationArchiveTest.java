package io.poolscope.agent.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationArchiveTest {
  @Test
  void findsTheOptionsThatMapAnApplicationArchive() {
    assertEquals(
        "-XX:SharedArchiveFile=/app/app.jsa",
        ApplicationArchive.archiveOption(
            List.of("-Xmx1g", "-XX:SharedArchiveFile=/app/app.jsa", "-Dx=y")));
    assertEquals(
        "-XX:+AutoCreateSharedArchive",
        ApplicationArchive.archiveOption(List.of("-XX:+AutoCreateSharedArchive")));
  }

  @Test
  void theJdksOwnArchiveAndDumpingAreNotAnApplicationArchive() {
    assertNull(
        ApplicationArchive.archiveOption(
            List.of(
                "-Xshare:auto",
                "-XX:ArchiveClassesAtExit=app.jsa",
                "-XX:-AutoCreateSharedArchive")));
  }
}
