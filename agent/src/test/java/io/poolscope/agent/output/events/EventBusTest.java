package io.poolscope.agent.output.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.log.LogOutput;
import io.poolscope.agent.output.log.RecordingLogOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventBusTest {
  private static final int PRODUCERS = 8;
  private static final int PER_PRODUCER = 10_000;

  private final RecordingLogOutput log = new RecordingLogOutput();
  private LogOutput previous;
  private final List<EventBus> buses = new ArrayList<>();

  @BeforeEach
  void captureAgentLog() {
    previous = AgentLog.output();
    AgentLog.use(log);
  }

  @AfterEach
  void closeBusesAndRestoreLog() {
    buses.forEach(bus -> bus.close(Duration.ofSeconds(5)));
    AgentLog.use(previous);
  }

  private EventBus bus(int capacity) {
    EventBus bus = new EventBus(capacity);
    buses.add(bus);
    return bus;
  }

  private static Event event(int producer, int seq) {
    return Event.of(EventType.SLOW_QUERY, "pool")
        .field("producer", producer)
        .field("seq", seq)
        .build();
  }

  /** Remembers what it got, in order; the writer thread is its only caller. */
  private static final class ListSink implements EventSink {
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger flushes = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Event event) {
      if (threads.isEmpty()) {
        threads.add(Thread.currentThread().getName());
      }
      events.add(event);
    }

    @Override
    public void flush() {
      flushes.incrementAndGet();
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  private static void runProducers(EventBus bus) throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int seq = 0; seq < PER_PRODUCER; seq++) {
                  bus.publish(event(producer, seq));
                }
              });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(thread.isAlive(), "a producer was blocked");
    }
  }

  @Test
  void eightProducersLoseNothingWhenTheQueueKeepsUp() throws Exception {
    EventBus bus = bus(PRODUCERS * PER_PRODUCER);
    ListSink sink = new ListSink();
    LongAdder listened = new LongAdder();
    bus.addSink(sink);
    bus.addListener(event -> listened.increment());
    bus.start();

    runProducers(bus);
    assertTrue(bus.flush(Duration.ofSeconds(30)));

    assertEquals(0, bus.droppedCount());
    assertEquals(PRODUCERS * PER_PRODUCER, listened.sum());
    assertEquals(PRODUCERS * PER_PRODUCER, sink.events.size());
    int[] next = new int[PRODUCERS];
    for (Event event : sink.events) {
      int producer = (Integer) event.fields().get("producer");
      assertEquals(next[producer]++, event.fields().get("seq"), "each producer's order is kept");
    }
    for (int count : next) {
      assertEquals(PER_PRODUCER, count);
    }
    assertEquals(List.of(EventBus.THREAD_NAME), sink.threads);
    assertTrue(sink.flushes.get() > 0);
    assertTrue(log.lines().isEmpty(), () -> log.lines().toString());
  }

  @Test
  void withTheDefaultQueueEveryEventIsEitherWrittenOrCountedAsDropped() throws Exception {
    EventBus bus = bus(EventBus.DEFAULT_CAPACITY);
    ListSink sink = new ListSink();
    bus.addSink(sink);
    bus.start();

    runProducers(bus);
    assertTrue(bus.flush(Duration.ofSeconds(30)));

    assertEquals(PRODUCERS * PER_PRODUCER, sink.events.size() + bus.droppedCount());
  }

  @Test
  void aSlowSinkMakesTheBusDropAndCountWithoutBlockingProducers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ListSink written = new ListSink();
    EventBus bus = bus(EventBus.DEFAULT_CAPACITY);
    bus.addSink(
        new EventSink() {
          @Override
          public void accept(Event event) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            written.accept(event);
          }
        });
    LongAdder listened = new LongAdder();
    bus.addListener(event -> listened.increment());
    bus.start();

    runProducers(bus); // finishes while the sink is still stuck on its first event
    long dropped = bus.droppedCount();
    release.countDown();
    assertTrue(bus.flush(Duration.ofSeconds(30)));

    int total = PRODUCERS * PER_PRODUCER;
    assertEquals(total, listened.sum(), "listeners see dropped events too");
    assertEquals(total, written.events.size() + dropped);
    assertTrue(written.events.size() <= EventBus.DEFAULT_CAPACITY + 1, "the queue is bounded");
    assertTrue(dropped >= total - EventBus.DEFAULT_CAPACITY - 1);
    List<RecordingLogOutput.Line> reports = log.containing("dropped");
    assertEquals(1, reports.size(), () -> log.lines().toString());
    assertTrue(reports.get(0).message().contains("dropped " + dropped + " events"));
  }

  @Test
  void dropsAreReportedAtMostOncePerMinute() throws Exception {
    EventBus bus = bus(1);
    bus.addSink(event -> sleep(5));
    bus.start();
    long[] droppedAfterRound = new long[3];
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 50; i++) {
        bus.publish(event(0, i));
      }
      assertTrue(bus.flush(Duration.ofSeconds(10)));
      droppedAfterRound[round] = bus.droppedCount();
    }
    assertTrue(droppedAfterRound[0] > 0);
    assertTrue(droppedAfterRound[2] > droppedAfterRound[0], "later rounds dropped too");
    assertEquals(1, log.containing("dropped").size(), () -> log.lines().toString());
  }

  @Test
  void flushWaitsForASlowSinkAndTimesOutWhenItIsStuck() throws Exception {
    ListSink sink = new ListSink();
    EventBus bus = bus(EventBus.DEFAULT_CAPACITY);
    bus.addSink(
        new EventSink() {
          @Override
          public void accept(Event event) {
            sleep(2);
            sink.accept(event);
          }

          @Override
          public void flush() {
            sink.flush();
          }
        });
    bus.start();
    for (int i = 0; i < 200; i++) {
      bus.publish(event(0, i));
    }
    assertTrue(bus.flush(Duration.ofSeconds(30)));
    assertEquals(200, sink.events.size(), "flush returned before the events were written");
    assertTrue(sink.flushes.get() > 0);

    CountDownLatch release = new CountDownLatch(1);
    EventBus stuck = bus(16);
    stuck.addSink(
        new EventSink() {
          @Override
          public void accept(Event event) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    stuck.start();
    stuck.publish(event(0, 0));
    long started = System.nanoTime();
    assertFalse(stuck.flush(Duration.ofMillis(200)));
    assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(200));
    release.countDown();
    assertTrue(stuck.flush(Duration.ofSeconds(10)));
  }

  @Test
  void closeWritesWhatIsQueuedThenClosesTheSinks() throws Exception {
    ListSink sink = new ListSink();
    EventBus bus = bus(EventBus.DEFAULT_CAPACITY);
    bus.addSink(
        new EventSink() {
          @Override
          public void accept(Event event) {
            sleep(1);
            sink.accept(event);
          }

          @Override
          public void close() {
            sink.close();
          }
        });
    LongAdder listened = new LongAdder();
    bus.addListener(event -> listened.increment());
    bus.start();
    for (int i = 0; i < 100; i++) {
      bus.publish(event(0, i));
    }
    bus.close();
    assertEquals(100, sink.events.size());
    assertEquals(1, sink.closes.get());

    bus.publish(event(0, 100));
    bus.close();
    assertEquals(101, listened.sum(), "listeners still see events after close");
    assertEquals(100, sink.events.size());
    assertEquals(1, sink.closes.get(), "close is idempotent");
  }

  @Test
  void eventsPublishedBeforeStartAreKeptAndAShutdownHookClosesTheBus() throws Exception {
    ListSink sink = new ListSink();
    EventBus bus = bus(EventBus.DEFAULT_CAPACITY);
    bus.addSink(sink);
    bus.publish(event(0, 0));
    bus.start();
    Thread hook = bus.shutdownHook();
    hook.start();
    hook.join(10_000);
    assertEquals(1, sink.events.size());
    assertEquals(1, sink.closes.get());
  }

  @Test
  void failingListenersAndSinksNeverReachThePublisher() throws Exception {
    ListSink good = new ListSink();
    EventBus bus = bus(EventBus.DEFAULT_CAPACITY);
    bus.addListener(
        event -> {
          throw new IllegalStateException("listener broke");
        });
    LongAdder secondListener = new LongAdder();
    bus.addListener(event -> secondListener.increment());
    bus.addSink(
        new EventSink() {
          @Override
          public void accept(Event event) {
            throw new IllegalStateException("sink broke");
          }
        });
    bus.addSink(good);
    bus.start();
    for (int i = 0; i < 10; i++) {
      bus.publish(event(0, i)); // must not throw
    }
    bus.publish(null);
    assertTrue(bus.flush(Duration.ofSeconds(10)));
    assertEquals(10, secondListener.sum());
    assertEquals(10, good.events.size());
    bus.close();
    assertEquals(1, log.containing("sink").size(), () -> log.lines().toString());
    assertEquals(1, log.containing("listener failed").size(), () -> log.lines().toString());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
