package io.poolscope.agent.startup;

import io.poolscope.agent.output.log.AgentLog;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * Makes the {@code bootstrap/} classes visible from every class loader: advice woven into classes
 * of any loader (a web app's, Spring Boot's) calls them, and only the boot loader is a parent of
 * every loader. They travel inside the agent jar as a nested jar.
 *
 * <p>They are defined in the boot loader one by one rather than by appending the jar to the boot
 * class path: an appended boot class path makes the JVM print "Sharing is only supported for boot
 * loader classes because bootstrap classpath has been appended" and turns class-data sharing off
 * for every other loader — the platform loader's JDK classes ({@code java.sql}) and an
 * application's own CDS archive (Spring Boot's {@code -XX:SharedArchiveFile}) among them. Appending
 * remains the fallback when the JDK refuses the definition.
 */
final class BootstrapClasses {
  static final String RESOURCE = "META-INF/poolscope/poolscope-bootstrap.jar";
  static final String PROBE_CLASS = "io.poolscope.bootstrap.Hooks";
  private static final String DEFINER = "io.poolscope.agent.startup.BootLoaderDefiner";

  private BootstrapClasses() {}

  static void install(Instrumentation instrumentation) throws IOException {
    if (alreadyVisible()) {
      return; // a previous attach, or a test set-up that put them there already
    }
    byte[] jar = readNestedJar();
    try {
      defineInBootLoader(instrumentation, classesOf(jar));
      AgentLog.debug("bootstrap classes defined in the boot loader");
    } catch (Throwable refused) {
      if (alreadyVisible()) {
        throw new IllegalStateException("bootstrap classes only partly defined", refused);
      }
      AgentLog.debug("bootstrap classes appended to the boot class path instead: " + refused);
      append(instrumentation, jar);
    }
  }

  private static void defineInBootLoader(
      Instrumentation instrumentation, Map<String, byte[]> classes)
      throws ReflectiveOperationException, IOException {
    BiFunction<String, byte[], Class<?>> definer = privateDefiner(instrumentation);
    // A class's supertypes must be defined before it; the nested jar's order is not that order.
    Map<String, byte[]> pending = new LinkedHashMap<>(classes);
    while (!pending.isEmpty()) {
      int before = pending.size();
      LinkageError lastMissing = null;
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, byte[]> next = it.next();
        try {
          definer.apply(next.getKey(), next.getValue());
          it.remove();
        } catch (NoClassDefFoundError supertypeNotYetDefined) {
          lastMissing = supertypeNotYetDefined;
        }
      }
      if (pending.size() == before) {
        throw lastMissing;
      }
    }
  }

  /**
   * The definer in a class loader of its own, whose unnamed module alone is given the JDK's
   * internal {@code Unsafe}: exporting it to the agent's module would export it to the
   * application's class path too.
   */
  @SuppressWarnings("unchecked")
  private static BiFunction<String, byte[], Class<?>> privateDefiner(
      Instrumentation instrumentation) throws ReflectiveOperationException, IOException {
    byte[] bytes;
    try (InputStream in =
        BootstrapClasses.class
            .getClassLoader()
            .getResourceAsStream(DEFINER.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new IOException(DEFINER + " is missing from the agent jar");
      }
      bytes = in.readAllBytes();
    }
    ClassLoader loader = new DefinerLoader();
    Class<?> definerClass = ((DefinerLoader) loader).define(DEFINER, bytes);
    Module javaBase = Object.class.getModule();
    instrumentation.redefineModule(
        javaBase,
        Set.of(),
        Map.of("jdk.internal.misc", Set.of(definerClass.getModule())),
        Map.of(),
        Set.of(),
        Map.of());
    return (BiFunction<String, byte[], Class<?>>) definerClass.getConstructor().newInstance();
  }

  private static final class DefinerLoader extends ClassLoader {
    DefinerLoader() {
      super("poolscope-boot-definer", ClassLoader.getPlatformClassLoader());
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  private static Map<String, byte[]> classesOf(byte[] jar) throws IOException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
        String path = entry.getName();
        if (path.endsWith(".class")
            && !path.endsWith("module-info.class")
            && !path.startsWith("META-INF/")) {
          classes.put(path.substring(0, path.length() - 6).replace('/', '.'), in.readAllBytes());
        }
      }
    }
    return classes;
  }

  private static byte[] readNestedJar() throws IOException {
    try (InputStream in = BootstrapClasses.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the agent jar");
      }
      return in.readAllBytes();
    }
  }

  private static void append(Instrumentation instrumentation, byte[] jar) throws IOException {
    File file = File.createTempFile("poolscope-bootstrap-", ".jar");
    file.deleteOnExit();
    Files.copy(new ByteArrayInputStream(jar), file.toPath(), StandardCopyOption.REPLACE_EXISTING);
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file));
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
