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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DeferredWeavingTest {
  private static final String POOL = "com/example/Pool";
  private static final String REWRITTEN = "com/example/LoggerFactory";
  private static final byte[] WOVEN = {1, 2, 3};

  /** Woven by the inlined rules of {@link #weaving}: a class with a {@code run()} method. */
  private static final String INLINED_NAME = "com.example.Task";

  /** The class file given as {@link #INLINED_NAME}'s. */
  static final class Task implements Runnable {
    @Override
    public void run() {}
  }

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

  /** Weaves {@code com.example.Pool} with Byte Buddy, set up by {@code setUp}. */
  private static DeferredWeaving weaving(Supplier<ClassFileTransformer> setUp) {
    return new DeferredWeaving(
        new WeavingCandidates(List.of("com.example.Pool", INLINED_NAME), List.of(), List.of()),
        Map.of(REWRITTEN, bytes -> WOVEN),
        taskRules(),
        setUp);
  }

  /** Inlined rules that weave {@link #INLINED_NAME}'s {@code run()}. */
  private static InlinedRules taskRules() {
    return new InlinedRules()
        .types(
            List.of(INLINED_NAME),
            InlinedMethod.named("run")
                .enter(
                    InlinedMethod.EnterValue.NONE, code -> code.callHook("connectEnter", "()J")));
  }

  /** A class whose set-up runs once {@code release} is counted down. */
  private static DeferredWeaving weavingReadyWhenReleased(CountDownLatch release, Weaver weaver) {
    return weaving(
        () -> {
          awaitQuietly(release);
          return weaver;
        });
  }

  private static byte[] plainClassFile() throws Exception {
    try (InputStream in =
        DeferredWeavingTest.class.getResourceAsStream("DeferredWeavingTest.class")) {
      return in.readAllBytes();
    }
  }

  private static byte[] taskClassFile() throws Exception {
    try (InputStream in = Task.class.getResourceAsStream("DeferredWeavingTest$Task.class")) {
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
    CountDownLatch release = new CountDownLatch(1);
    Weaver weaver = new Weaver();
    DeferredWeaving weaving = weavingReadyWhenReleased(release, weaver);

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
    CountDownLatch release = new CountDownLatch(1);
    Weaver weaver = new Weaver();
    DeferredWeaving weaving = weavingReadyWhenReleased(release, weaver);

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
    DeferredWeaving weaving =
        weaving(
            () -> {
              throw new IllegalStateException("no Byte Buddy today");
            });
    assertNull(transform(weaving, POOL, new byte[0]));
  }

  @Test
  void theSetUpThreadDoesNotWaitForItself() throws Exception {
    CompletableFuture<byte[]> seenBySetUp = new CompletableFuture<>();
    Weaver weaver = new Weaver();
    AtomicReference<DeferredWeaving> self = new AtomicReference<>();
    DeferredWeaving weaving =
        weaving(
            () -> {
              try {
                seenBySetUp.complete(transform(self.get(), POOL, new byte[0]));
              } catch (Exception e) {
                seenBySetUp.completeExceptionally(e);
              }
              return weaver;
            });
    self.set(weaving);
    weaving.setUpByteBuddy();
    assertNull(seenBySetUp.get(10, TimeUnit.SECONDS));
    assertEquals(0, weaver.calls.get());
  }

  @Test
  void aClassRewrittenWithoutByteBuddyNeverWaitsForTheSetUp() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Weaver weaver = new Weaver();
    DeferredWeaving weaving = weavingReadyWhenReleased(release, weaver);

    long start = System.nanoTime();
    assertArrayEquals(WOVEN, transform(weaving, REWRITTEN, new byte[0]));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "returned at once");
    release.countDown();
    assertEquals(0, weaver.calls.get());
  }

  @Test
  void aClassTheInlinedRulesCoverIsWovenWithoutByteBuddy() throws Exception {
    AtomicInteger setUps = new AtomicInteger();
    DeferredWeaving weaving =
        weaving(
            () -> {
              setUps.incrementAndGet();
              return new Weaver();
            });
    byte[] task = taskClassFile();
    byte[] woven = transform(weaving, "com/example/Task", task);
    assertTrue(woven != null && woven.length > task.length, "woven at once");
    assertEquals(0, setUps.get(), "Byte Buddy is not set up for it");
  }

  @Test
  void aClassALibraryWithoutInlinedRulesNamesIsLeftToByteBuddy() throws Exception {
    Weaver weaver = new Weaver();
    InlinedRules rules = taskRules().leaveToByteBuddy(List.of(INLINED_NAME));
    DeferredWeaving weaving =
        new DeferredWeaving(
            new WeavingCandidates(List.of(INLINED_NAME), List.of(), List.of()),
            Map.of(),
            rules,
            () -> weaver);
    byte[] task = taskClassFile();
    assertArrayEquals(WOVEN, transform(weaving, "com/example/Task", task));
    assertEquals(1, weaver.calls.get());
  }

  @Test
  void byteBuddyIsSetUpOnlyWhenAClassNeedsIt() throws Exception {
    AtomicInteger setUps = new AtomicInteger();
    Weaver weaver = new Weaver();
    DeferredWeaving weaving =
        weaving(
            () -> {
              setUps.incrementAndGet();
              return weaver;
            });
    assertNull(
        transform(
            weaving,
            "io/poolscope/agent/instrumentation/support/DeferredWeavingTest",
            plainClassFile()));
    assertEquals(0, setUps.get());
    assertArrayEquals(WOVEN, transform(weaving, POOL, new byte[0]));
    assertArrayEquals(WOVEN, transform(weaving, POOL, new byte[0]));
    assertEquals(1, setUps.get());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
