package io.poolscope.agent.startup;

import io.poolscope.agent.output.log.AgentLog;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * Puts the {@code bootstrap/} classes on the bootstrap class path. They travel inside the agent jar
 * as a nested jar: advice woven into classes of any loader (a web app's, Spring Boot's) calls them,
 * and only the boot loader is a parent of every loader.
 */
final class BootstrapJar {
  static final String RESOURCE = "META-INF/poolscope/poolscope-bootstrap.jar";
  static final String PROBE_CLASS = "io.poolscope.bootstrap.Hooks";

  private BootstrapJar() {}

  static void appendTo(Instrumentation instrumentation) throws IOException {
    if (alreadyVisible()) {
      return; // a previous attach, or a test set-up that put them there already
    }
    File jar = File.createTempFile("poolscope-bootstrap-", ".jar");
    jar.deleteOnExit();
    try (InputStream in = BootstrapJar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the agent jar");
      }
      Files.copy(in, jar.toPath(), StandardCopyOption.REPLACE_EXISTING);
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
    AgentLog.debug("bootstrap classes appended from " + jar);
  }

  private static boolean alreadyVisible() {
    try {
      Class.forName(PROBE_CLASS, false, null);
      return true;
    } catch (ClassNotFoundException notThere) {
      return false;
    }
  }
}
