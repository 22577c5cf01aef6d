package io.poolscope.agent.output.log;

import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class loader like an application's: its own copy of SLF4J (and a backend, when asked), loaded
 * from the jars on the test class path but isolated from the copy the tests themselves use, so each
 * test starts with an SLF4J nobody has initialised yet.
 */
final class ApplicationClassLoader {
  static final String SLF4J_API = "org/slf4j/LoggerFactory.class";
  static final String LOGBACK_CLASSIC = "ch/qos/logback/classic/Logger.class";
  static final String LOGBACK_CORE = "ch/qos/logback/core/Appender.class";

  private ApplicationClassLoader() {}

  /** A loader over the jars holding {@code classFiles}, plus {@code extra} directories. */
  static URLClassLoader of(List<Path> extra, String... classFiles) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (Path dir : extra) {
      urls.add(dir.toUri().toURL());
    }
    for (String classFile : classFiles) {
      urls.add(jarOf(classFile));
    }
    return new URLClassLoader(
        "application", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  private static URL jarOf(String classFile) throws Exception {
    URL resource = ApplicationClassLoader.class.getClassLoader().getResource(classFile);
    if (resource == null) {
      throw new IllegalStateException(classFile + " is not on the test class path");
    }
    return ((JarURLConnection) resource.openConnection()).getJarFileURL();
  }

  /** The raw {@code LoggerFactory.INITIALIZATION_STATE}, read the way a test may. */
  static int initializationState(ClassLoader loader) throws Exception {
    var field =
        Class.forName("org.slf4j.LoggerFactory", true, loader)
            .getDeclaredField("INITIALIZATION_STATE");
    field.setAccessible(true);
    return field.getInt(null);
  }

  /** What the application does when it first logs: this initialises its SLF4J. */
  static void applicationLogs(ClassLoader loader, String message) throws Exception {
    Object logger =
        Class.forName("org.slf4j.LoggerFactory", true, loader)
            .getMethod("getLogger", String.class)
            .invoke(null, "com.example.App");
    Class.forName("org.slf4j.Logger", false, loader)
        .getMethod("info", String.class)
        .invoke(logger, message);
  }
}
