package io.poolscope.agent.instrumentation.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.poolscope.bootstrap.Hooks;
import io.poolscope.bootstrap.LoggingListener;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real SLF4J {@code LoggerFactory}, rewritten without Byte Buddy as premain does, and defined
 * in a loader of its own (with the rest of SLF4J's API), tells the hooks each time a {@code
 * getLogger} returns, and still returns the logger.
 */
class LoggerFactoryRewriteTest {
  private static final String LOGGER_FACTORY = "org.slf4j.LoggerFactory";
  private static final UnaryOperator<byte[]> REWRITE =
      new Slf4jInstrumentation().rewritesWithoutByteBuddy().get("org/slf4j/LoggerFactory");

  private final List<Class<?>> ready = new CopyOnWriteArrayList<>();

  /** Defines SLF4J's API classes itself, LoggerFactory rewritten; the rest from its parent. */
  private static final class SlfLoader extends ClassLoader {
    SlfLoader() {
      super(LoggerFactoryRewriteTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("org.slf4j.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        byte[] file = classFile(name);
        if (name.equals(LOGGER_FACTORY)) {
          file = REWRITE.apply(file);
          assertNotNull(file, "rewritten");
        }
        return defineClass(name, file, 0, file.length);
      }
    }

    private byte[] classFile(String name) throws ClassNotFoundException {
      try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }

  @AfterEach
  void uninstall() {
    Hooks.installLogging(null);
  }

  @Test
  void eachGetLoggerTellsTheHooksAndReturnsTheLogger() throws Exception {
    Hooks.installLogging(
        new LoggingListener() {
          @Override
          public void slf4jReady(Class<?> loggerFactoryClass) {
            ready.add(loggerFactoryClass);
          }

          @Override
          public void springBootLoggingReady() {}
        });
    Class<?> factory = Class.forName(LOGGER_FACTORY, true, new SlfLoader());

    Object byName = factory.getMethod("getLogger", String.class).invoke(null, "by.name");
    assertNotNull(byName);
    assertEquals(List.of(factory), ready);

    // getLogger(Class) returns through getLogger(String): told twice, as the advice does.
    Object byClass = factory.getMethod("getLogger", Class.class).invoke(null, getClass());
    assertNotNull(byClass);
    assertEquals(List.of(factory, factory, factory), ready);
  }

  @Test
  void aClassFileItCannotReadIsLeftAsItIs() {
    assertNull(REWRITE.apply(new byte[] {1, 2, 3}));
  }
}
