package io.poolscope.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PerfDataTest {
  /** This test's own JVM writes its performance data: read it as list reads another JVM's. */
  private static PerfData ownPerfData() {
    Path file =
        StatusFile.tempRoot()
            .resolve("hsperfdata_" + System.getProperty("user.name"))
            .resolve(Long.toString(ProcessHandle.current().pid()));
    return PerfData.read(file);
  }

  @Test
  void readsTheCountersListShows() {
    PerfData perf = ownPerfData();
    assertEquals(System.getProperty("java.version"), perf.string("java.property.java.version"));
    assertEquals(
        System.getProperty("java.vm.specification.version"),
        perf.string("java.property.java.vm.specification.version"));
    assertTrue(perf.string("sun.rt.javaCommand") != null, "the command");
    assertTrue(perf.string("java.rt.vmArgs") != null, "the JVM's arguments");
  }

  @Test
  void aFileThatIsNotPerfDataReadsAsEmpty() {
    assertTrue(PerfData.parse(new byte[] {1, 2, 3}).isEmpty());
    assertTrue(PerfData.parse(new byte[64]).isEmpty());
    assertTrue(PerfData.read(Path.of("/nonexistent/perf")).isEmpty());
  }

  @Test
  void aFileCutShortKeepsWhatWasRead() {
    Path file =
        StatusFile.tempRoot()
            .resolve("hsperfdata_" + System.getProperty("user.name"))
            .resolve(Long.toString(ProcessHandle.current().pid()));
    byte[] whole;
    try {
      whole = java.nio.file.Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    PerfData cut = PerfData.parse(Arrays.copyOf(whole, 200));
    assertNull(cut.string("java.property.java.version"));
  }
}
