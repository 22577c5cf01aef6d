package io.poolscope.agent.instrumentation.support;

import io.poolscope.agent.output.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The transformer {@code premain} registers: it keeps Byte Buddy off the application's start. A
 * class that may need weaving ({@link WeavingCandidates}) and whose woven super types are known is
 * woven at once with plain ASM ({@link InlinedWeaving}), from the libraries' {@link InlinedRules}:
 * in practice every JDBC driver and pool class of an application. Byte Buddy is set up only when a
 * class needs it: a library without inlined rules (Agroal), a class whose ancestry cannot be read
 * from class files, or one that the inlined weaving could not write. Its set-up (about 1,000
 * classes, and a class it generates) costs about half a second of CPU; it runs on a thread of its
 * own, and the class that asked for it waits, since it must not be defined unwoven.
 *
 * <p>The wait is bounded: a class that could not be woven in time is defined as it is, with one
 * warning, rather than hold up the application.
 *
 * <p>A few classes are rewritten at once by name ({@link
 * LibraryInstrumentation#rewritesWithoutByteBuddy()}): SLF4J's {@code LoggerFactory} and Spring
 * Boot's {@code LoggingApplicationListener}.
 */
public final class DeferredWeaving implements ClassFileTransformer {
  private static final long WAIT_SECONDS = 60;

  private final WeavingCandidates candidates;
  private final Map<String, UnaryOperator<byte[]>> rewrites;
  private final InlinedRules inlined;
  private final Supplier<ClassFileTransformer> byteBuddySetUp;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicBoolean setUpStarted = new AtomicBoolean();
  private volatile ClassFileTransformer byteBuddy;
  private volatile Thread builder;

  /**
   * @param rewrites classes (by internal name) rewritten at once without Byte Buddy, see {@link
   *     LibraryInstrumentation#rewritesWithoutByteBuddy()}
   * @param inlined what is woven without Byte Buddy, for the classes it covers
   * @param byteBuddySetUp builds Byte Buddy's transformer, the first time a class needs it
   */
  DeferredWeaving(
      WeavingCandidates candidates,
      Map<String, UnaryOperator<byte[]>> rewrites,
      InlinedRules inlined,
      Supplier<ClassFileTransformer> byteBuddySetUp) {
    this.candidates = candidates;
    this.rewrites = rewrites;
    this.inlined = inlined;
    this.byteBuddySetUp = byteBuddySetUp;
  }

  /**
   * Starts Byte Buddy's set-up on a new daemon thread, once; classes wait for it as they need it.
   */
  void setUpByteBuddy() {
    if (!setUpStarted.compareAndSet(false, true)) {
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                byteBuddy = byteBuddySetUp.get();
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
    List<InlinedMethod> methods = inlinedMethodsFor(loader, className, classFile);
    if (methods != null) {
      try {
        return methods.isEmpty() ? null : InlinedWeaving.weave(classFile, methods);
      } catch (RuntimeException unwritable) {
        AgentLog.debug(
            "weaving "
                + className
                + " without Byte Buddy failed, trying Byte Buddy: "
                + unwritable);
      }
    }
    ClassFileTransformer weaving = byteBuddyFor(className);
    return weaving == null
        ? null
        : weaving.transform(
            module, loader, className, classBeingRedefined, protectionDomain, classFile);
  }

  /**
   * What is woven into this class without Byte Buddy: empty when nothing at all, null when Byte
   * Buddy must weave it (it may need weaving, and the inlined rules do not cover why).
   */
  List<InlinedMethod> inlinedMethodsFor(ClassLoader loader, String className, byte[] classFile) {
    long superTypes = candidates.superTypesOrUnknown(loader, className, classFile);
    if (superTypes == 0) {
      return List.of();
    }
    return superTypes == WeavingCandidates.UNKNOWN ? null : inlinedMethods(className, superTypes);
  }

  /**
   * The inlined methods for a class of these woven super types (bits of {@link WeavingCandidates});
   * null when some of what makes it a candidate has no inlined rules.
   */
  private List<InlinedMethod> inlinedMethods(String className, long superTypes) {
    String binaryName = className.replace('/', '.');
    if ((superTypes & WeavingCandidates.BY_NAME) != 0 && !inlined.coversName(binaryName)) {
      return null;
    }
    List<String> names = new ArrayList<>(2);
    for (int bit = 0; bit < 62; bit++) {
      if ((superTypes & (1L << bit)) != 0) {
        String name = candidates.superTypeName(bit);
        if (!inlined.coversSuperType(name)) {
          return null;
        }
        names.add(name);
      }
    }
    return inlined.methodsFor(binaryName, names);
  }

  /** Byte Buddy's transformer, set up (and waited for) now if it is not yet; or null. */
  private ClassFileTransformer byteBuddyFor(String className) {
    ClassFileTransformer known = byteBuddy;
    if (known != null || ready.getCount() == 0) {
      return known;
    }
    if (className == null || Thread.currentThread() == builder) {
      // A class without a name (a lambda's, a hidden class), or one that Byte Buddy's own set-up
      // loads: neither is a JDBC class in practice, and the second would wait for itself.
      return null;
    }
    if (!setUpStarted.get()) {
      AgentLog.debug("Byte Buddy is set up for " + className);
    }
    setUpByteBuddy();
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
