package io.poolscope.it.telemetry;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Child JVM: runs {@code args[0].main(rest)} the way a servlet container, JBoss Modules or OSGi
 * runs an application, in a class loader that does not ask the system class loader first. Its
 * parent is the platform loader and it reads the whole class path itself, so the application's
 * OpenTelemetry API and SDK, its pool, its driver and the scenario are all its own classes, and the
 * API copy Poolscope carries on the system class path is invisible to them.
 */
public final class IsolatedLoaderLauncher {
  static final String LOADER_NAME = "isolated-app";
  static final String ISOLATED =
      "launcher: the application's classes are defined by " + LOADER_NAME;
  private static final List<String> OWN_CLASSES =
      List.of(
          "io.opentelemetry.api.GlobalOpenTelemetry",
          "io.opentelemetry.sdk.OpenTelemetrySdk",
          "com.zaxxer.hikari.HikariDataSource",
          "org.postgresql.Driver");

  private IsolatedLoaderLauncher() {}

  public static void main(String[] args) throws Throwable {
    URLClassLoader isolated =
        new URLClassLoader(LOADER_NAME, classPath(), ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(isolated);
    Class<?> main = Class.forName(args[0], false, isolated);
    requireOwn(isolated, main);
    for (String name : OWN_CLASSES) {
      requireOwn(isolated, Class.forName(name, false, isolated));
    }
    // DriverManager may have looked for drivers already, from the system class loader; a pool in
    // this loader finds only drivers its own loader defined, so register those.
    for (Driver ignored : ServiceLoader.load(Driver.class, isolated)) {
      // loading a driver registers it
    }
    System.out.println(ISOLATED);
    try {
      main.getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void requireOwn(ClassLoader isolated, Class<?> type) {
    if (type.getClassLoader() != isolated) {
      throw new AssertionError(type + " is defined by " + type.getClassLoader() + ", not isolated");
    }
  }

  /** The class path without the agents, which the JVM appends to it. */
  private static URL[] classPath() throws MalformedURLException {
    Set<Path> agents = new HashSet<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-javaagent:")) {
        String jar = arg.substring("-javaagent:".length()).split("=", 2)[0];
        agents.add(Path.of(jar).toAbsolutePath().normalize());
      }
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath().normalize();
      if (!entry.isBlank() && !agents.contains(path)) {
        urls.add(path.toUri().toURL());
      }
    }
    return urls.toArray(new URL[0]);
  }
}
