package io.poolscope.agent.instrumentation.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeferredWeavingTest {
  private static final String POOL = "com/example/Pool";
  private static final String REWRITTEN = "com/example/LoggerFactory";
  private static final byte[] WOVEN = {1, 2, 3};

  /** Stands in for Byte Buddy's transformer: counts its calls, returns {@link #WOVEN}. */
  private static final class Weaver implements ClassFileTransformer {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public byte[] transform(
        Module module,
        ClassLoader loader,
        String className,
        Class<?> classBeingRedefined,
        ProtectionDomain protectionDomain,
        byte[] classFile) {
      calls.incrementAndGet();
      return WOVEN;
    }
  }

  private static DeferredWeaving weaving() {
    return new DeferredWeaving(
        new WeavingCandidates(List.of("com.example.Pool"), List.of(), List.of()),
        Map.of(REWRITTEN, bytes -> WOVEN));
  }

  private static byte[] plainClassFile() throws Exception {
    try (InputStream in =
        DeferredWeavingTest.class.getResourceAsStream("DeferredWeavingTest.class")) {
      return in.readAllBytes();
    }
  }

  private static byte[] transform(DeferredWeaving weaving, String name, byte[] file)
      throws Exception {
    return weaving.transform(
        (Module) null, DeferredWeavingTest.class.getClassLoader(), name, null, null, file);
  }

  @Test
  void aClassThatNeedsNoWeavingNeverWaitsForTheSetUp() throws Exception {
    DeferredWeaving weaving = weaving();
    CountDownLatch release = new CountDownLatch(1);
    Weaver weaver = new Weaver();
    buildWhenReleased(weaving, release, weaver);

    byte[] plain = plainClassFile();
    long start = System.nanoTime();
    assertNull(
        transform(
            weaving, "io/poolscope/agent/instrumentation/support/DeferredWeavingTest", plain));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "returned at once");
    release.countDown();
    assertEquals(0, weaver.calls.get());
  }

  @Test
  void aCandidateWaitsForTheSetUpAndIsWoven() throws Exception {
    DeferredWeaving weaving = weaving();
    CountDownLatch release = new CountDownLatch(1);
    Weaver weaver = new Weaver();
    buildWhenReleased(weaving, release, weaver);

    CompletableFuture<byte[]> woven =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return transform(weaving, POOL, new byte[0]);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    Thread.sleep(200);
    assertTrue(!woven.isDone(), "the candidate waits while Byte Buddy is set up");
    release.countDown();
    assertArrayEquals(WOVEN, woven.get(10, TimeUnit.SECONDS));
    assertArrayEquals(WOVEN, transform(weaving, POOL, new byte[0]));
    assertEquals(2, weaver.calls.get());
  }

  @Test
  void aFailedSetUpLeavesEveryClassAsItIs() throws Exception {
    DeferredWeaving weaving = weaving();
    weaving.buildInBackground(
        () -> {
          throw new IllegalStateException("no Byte Buddy today");
        });
    assertNull(transform(weaving, POOL, new byte[0]));
  }

  @Test
  void theSetUpThreadDoesNotWaitForItself() throws Exception {
    DeferredWeaving weaving = weaving();
    CompletableFuture<byte[]> seenBySetUp = new CompletableFuture<>();
    Weaver weaver = new Weaver();
    weaving.buildInBackground(
        () -> {
          try {
            seenBySetUp.complete(transform(weaving, POOL, new byte[0]));
          } catch (Exception e) {
            seenBySetUp.completeExceptionally(e);
          }
          return weaver;
        });
    assertNull(seenBySetUp.get(10, TimeUnit.SECONDS));
    assertEquals(0, weaver.calls.get());
  }

  @Test
  void aClassRewrittenWithoutByteBuddyNeverWaitsForTheSetUp() throws Exception {
    DeferredWeaving weaving = weaving();
    CountDownLatch release = new CountDownLatch(1);
    Weaver weaver = new Weaver();
    buildWhenReleased(weaving, release, weaver);

    long start = System.nanoTime();
    assertArrayEquals(WOVEN, transform(weaving, REWRITTEN, new byte[0]));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "returned at once");
    release.countDown();
    assertEquals(0, weaver.calls.get());
  }

  /** Sets up {@code weaving} with a Byte Buddy stand-in that is ready once released. */
  private static void buildWhenReleased(
      DeferredWeaving weaving, CountDownLatch release, Weaver weaver) {
    weaving.buildInBackground(
        () -> {
          awaitQuietly(release);
          return weaver;
        });
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
