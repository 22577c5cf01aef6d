package io.poolscope.agent.instrumentation.support;

import io.poolscope.agent.output.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The transformer {@code premain} registers: it keeps Byte Buddy off the application's start. Byte
 * Buddy's set-up (about 800 classes, and a class it generates) costs about half a second of CPU;
 * here it runs on a thread of its own while the application starts, and the application's threads
 * meet it only when a class that may need weaving ({@link WeavingCandidates}) loads before it is
 * ready: that thread then waits for it, since the class must not be defined unwoven. A JVM that
 * loads no JDBC class never waits, and a JDBC application waits only for what is left of the set-up
 * when its first driver or pool class loads.
 *
 * <p>The wait is bounded: a class that could not be woven in time is defined as it is, with one
 * warning, rather than hold up the application.
 *
 * <p>A few classes are rewritten at once without Byte Buddy ({@link
 * LibraryInstrumentation#rewritesWithoutByteBuddy()}): SLF4J's {@code LoggerFactory}, which Spring
 * Boot loads before the set-up is done, and Spring Boot's {@code LoggingApplicationListener}.
 */
public final class DeferredWeaving implements ClassFileTransformer {
  private static final long WAIT_SECONDS = 60;

  private final WeavingCandidates candidates;
  private final Map<String, UnaryOperator<byte[]>> rewrites;
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile ClassFileTransformer byteBuddy;
  private volatile Thread builder;

  /**
   * @param rewrites classes (by internal name) rewritten at once without Byte Buddy, see {@link
   *     LibraryInstrumentation#rewritesWithoutByteBuddy()}
   */
  DeferredWeaving(WeavingCandidates candidates, Map<String, UnaryOperator<byte[]>> rewrites) {
    this.candidates = candidates;
    this.rewrites = rewrites;
  }

  /**
   * Builds Byte Buddy's transformer on a new daemon thread; classes wait for it as they need it.
   */
  void buildInBackground(Supplier<ClassFileTransformer> build) {
    Thread thread =
        new Thread(
            () -> {
              try {
                byteBuddy = build.get();
              } catch (Throwable t) {
                AgentLog.error("Poolscope could not set up its weaving; nothing is woven", t);
              } finally {
                ready.countDown();
              }
            },
            "poolscope-weaving-setup");
    thread.setDaemon(true);
    builder = thread;
    thread.start();
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile)
      throws IllegalClassFormatException {
    UnaryOperator<byte[]> rewrite =
        className == null || classBeingRedefined != null ? null : rewrites.get(className);
    if (rewrite != null) {
      return rewrite.apply(classFile);
    }
    ClassFileTransformer weaving = weavingFor(loader, className, classFile);
    return weaving == null
        ? null
        : weaving.transform(
            module, loader, className, classBeingRedefined, protectionDomain, classFile);
  }

  /** Byte Buddy's transformer when the class may need weaving, waiting for it; else null. */
  private ClassFileTransformer weavingFor(ClassLoader loader, String className, byte[] classFile) {
    ClassFileTransformer known = byteBuddy;
    if (!candidates.mayWeaveOrUnsure(loader, className, classFile)) {
      return null;
    }
    if (known != null || ready.getCount() == 0) {
      return known;
    }
    if (className == null || Thread.currentThread() == builder) {
      // A class without a name, or one that Byte Buddy's own set-up loads: waiting would be for
      // ourselves. Neither is a JDBC class in practice.
      return null;
    }
    try {
      if (!ready.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        AgentLog.warn(
            "Poolscope's weaving was not ready after "
                + WAIT_SECONDS
                + " s: "
                + className.replace('/', '.')
                + " is not instrumented");
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the application's interrupt, kept for it
      return null;
    }
    return byteBuddy;
  }
}
