package io.poolscope.agent.instrumentation.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The class files of a library's jar, for the tests that run real libraries through weaving. */
final class JarClassFiles {
  private JarClassFiles() {}

  /** Class files (by internal name) of the jar holding {@code type}, under {@code prefix}. */
  static Map<String, byte[]> under(Class<?> type, String prefix)
      throws IOException, URISyntaxException {
    Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    Map<String, byte[]> files = new HashMap<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : Collections.list(file.entries())) {
        String name = entry.getName();
        if (name.startsWith(prefix)
            && name.endsWith(".class")
            && !name.startsWith("META-INF/")
            && !name.endsWith("module-info.class")) {
          try (InputStream in = file.getInputStream(entry)) {
            files.put(name.substring(0, name.length() - ".class".length()), in.readAllBytes());
          }
        }
      }
    }
    assertTrue(!files.isEmpty(), "no class under " + prefix + " in " + jar);
    return files;
  }
}
