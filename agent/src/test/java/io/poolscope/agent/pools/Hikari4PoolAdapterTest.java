package io.poolscope.agent.pools;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The same matrix against HikariCP 4.0.3, loaded child-first in its own class loader next to the
 * 7.x on the test class path: the way an application server would hide it from the agent.
 */
class Hikari4PoolAdapterTest extends AbstractPoolAdapterTest {
  static final String VERSION = "4.0.3";
  private static final ClassLoader HIKARI_4 = childFirstLoader(hikari4Jar());

  @Override
  Class<?> poolType() {
    try {
      return HIKARI_4.loadClass("com.zaxxer.hikari.HikariDataSource");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  Object newPool(PoolSpec spec) throws Exception {
    Object ds = poolType().getConstructor().newInstance();
    call(ds, "setJdbcUrl", spec.url());
    call(ds, "setUsername", spec.user());
    call(ds, "setPassword", spec.password());
    call(ds, "setMaximumPoolSize", spec.max());
    call(ds, "setMinimumIdle", 0);
    call(ds, "setConnectionTimeout", spec.waitMs());
    if (spec.name() != null) {
      call(ds, "setPoolName", spec.name());
    }
    return ds;
  }

  @Override
  Object newPoolWithAutoCommitOff(PoolSpec spec) throws Exception {
    Object ds = newPool(spec);
    call(ds, "setAutoCommit", false);
    return ds;
  }

  @Override
  Object newPoolCommittingOnReturn(PoolSpec spec) {
    return null;
  }

  /** HikariCP stamps the borrow time only when it records metrics. */
  @Override
  boolean recordsLendingTime() {
    return false;
  }

  @Override
  PoolSnapshot ownNumbers(Object pool) throws Exception {
    Object mx = call(pool, "getHikariPoolMXBean");
    return new PoolSnapshot(
        (int) call(mx, "getActiveConnections"),
        (int) call(mx, "getIdleConnections"),
        (int) call(pool, "getMaximumPoolSize"),
        (int) call(mx, "getThreadsAwaitingConnection"));
  }

  @Override
  void close(Object pool) throws Exception {
    call(pool, "close");
  }

  @Override
  SQLException otherFailure() throws Exception {
    DataSource ds = track(newPool(spec(null, 2, SHORT_WAIT_MS)));
    call(ds, "close");
    return assertThrows(SQLException.class, ds::getConnection);
  }

  @Test
  void reallyRunsTheOlderVersion() throws Exception {
    assertNotSame(poolType(), com.zaxxer.hikari.HikariDataSource.class);
    String location = poolType().getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(location.endsWith("HikariCP-" + VERSION + ".jar"), location);
  }

  /** Calls a public method by name and argument count, unwrapping what it threw. */
  static Object call(Object target, String name, Object... args) throws Exception {
    for (Method m : target.getClass().getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        m.setAccessible(true);
        try {
          return m.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
      }
    }
    throw new NoSuchMethodException(name);
  }

  /**
   * Copied to target/legacy-pools by maven-dependency-plugin when the build declares it; otherwise
   * taken from the local Maven repository ({@code mvn dependency:get
   * -Dartifact=com.zaxxer:HikariCP:4.0.3}).
   */
  static Path hikari4Jar() {
    String jar = "HikariCP-" + VERSION + ".jar";
    Path copied = Paths.get("target", "legacy-pools", jar);
    if (Files.isRegularFile(copied)) {
      return copied;
    }
    String repository =
        System.getProperty(
            "maven.repo.local",
            Paths.get(System.getProperty("user.home"), ".m2", "repository").toString());
    Path local = Paths.get(repository, "com", "zaxxer", "HikariCP", VERSION, jar);
    if (!Files.isRegularFile(local)) {
      throw new IllegalStateException(
          "HikariCP " + VERSION + " not found at " + copied + " or " + local);
    }
    return local;
  }

  private static ClassLoader childFirstLoader(Path jar) {
    try {
      URL[] urls = {jar.toUri().toURL()};
      return new URLClassLoader(urls, Hikari4PoolAdapterTest.class.getClassLoader()) {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
          if (!name.startsWith("com.zaxxer.hikari.")) {
            return super.loadClass(name, resolve);
          }
          synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : findClass(name);
          }
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
