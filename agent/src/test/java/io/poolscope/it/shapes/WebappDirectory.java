package io.poolscope.it.shapes;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the exploded WAR that {@link ServletContainerScenario} deploys: the servlet's class file
 * in {@code WEB-INF/classes}, and in {@code WEB-INF/lib} the application's own libraries — its
 * pools and their logging API — copied from the child's class path. The JDBC driver stays in the
 * container's class path, as containers advise: a driver in {@code WEB-INF/lib} registers itself
 * with {@code DriverManager} and keeps its loader unless the application deregisters it.
 */
final class WebappDirectory {
  /** File-name prefixes of the jars a web application ships in {@code WEB-INF/lib}. */
  static final List<String> WEBAPP_LIBRARIES = List.of("HikariCP-", "tomcat-jdbc-", "slf4j-api-");

  private WebappDirectory() {}

  static Path build(Path root) throws IOException {
    Path classes = root.resolve("WEB-INF/classes");
    Path lib = root.resolve("WEB-INF/lib");
    Files.createDirectories(lib);
    String servlet = QueryServlet.class.getName().replace('.', '/') + ".class";
    Path target = classes.resolve(servlet);
    Files.createDirectories(target.getParent());
    try (InputStream in = ClassLoader.getSystemResourceAsStream(servlet)) {
      if (in == null) {
        throw new IllegalStateException(servlet + " is not on the class path");
      }
      Files.copy(in, target);
    }
    for (String prefix : WEBAPP_LIBRARIES) {
      Path jar = classPathJar(prefix);
      Files.copy(jar, lib.resolve(jar.getFileName()));
    }
    return root;
  }

  private static Path classPathJar(String prefix) {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      String name = path.getFileName() == null ? "" : path.getFileName().toString();
      if (name.startsWith(prefix) && name.endsWith(".jar")) {
        return path;
      }
    }
    throw new IllegalStateException("no " + prefix + "*.jar on the class path");
  }
}
