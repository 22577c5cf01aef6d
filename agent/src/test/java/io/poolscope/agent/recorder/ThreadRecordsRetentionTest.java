package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * A thread that borrowed a connection keeps it in its records; a pooled thread (a servlet
 * container's request thread) may not borrow again for the rest of the JVM's life. Once the
 * connection is gone — collected without close, or closed on another thread — those records must
 * not keep its hold, whose acquisition stack names the application's classes and so would keep an
 * undeployed web application's class loader.
 */
class ThreadRecordsRetentionTest {
  /** Any DataSource no adapter knows: counted as an unknown pool. */
  static final class OrdersDataSource {}

  private final ConnectionTracker held = new ConnectionTracker();
  private final JdbcRecorder recorder =
      new JdbcRecorder(
          RecorderFixtures.pools(), held, AcquisitionStacks.ALWAYS, new RecorderFeatures());
  private final Object dataSource = new OrdersDataSource();

  @Test
  void holdOfAConnectionCollectedWithoutCloseIsNotKeptByTheBorrowingThread() throws Exception {
    WeakReference<HeldConnection> hold = borrowAndDrop();
    int[] unclosed = new int[1];
    for (int i = 0; i < 100 && hold.get() != null; i++) {
      System.gc();
      unclosed[0] += held.expunge((hash, h) -> {});
      Thread.sleep(20);
    }
    assertEquals(1, unclosed[0], "the dropped connection came back as collected unclosed");
    assertNull(hold.get(), "the borrowing thread's records still keep the hold");
  }

  @Test
  void holdOfAConnectionClosedOnAnotherThreadIsNotKeptByTheBorrowingThread() throws Exception {
    Object connection = new Object();
    long now = System.nanoTime();
    recorder.acquired(dataSource, connection, null, now - 1_000_000, now);
    WeakReference<HeldConnection> hold = new WeakReference<>(held.get(connection));
    assertNotNull(hold.get());
    Thread closer = new Thread(() -> recorder.connectionClosed(connection), "closer");
    closer.start();
    closer.join();
    for (int i = 0; i < 100 && hold.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(hold.get(), "the borrowing thread's records still keep the hold");
  }

  /** Borrows on this thread and drops the connection unclosed; returns its hold, weakly. */
  private WeakReference<HeldConnection> borrowAndDrop() {
    Object connection = new Object();
    long now = System.nanoTime();
    recorder.acquired(dataSource, connection, null, now - 1_000_000, now);
    HeldConnection hold = held.get(connection);
    assertNotNull(hold);
    return new WeakReference<>(hold);
  }
}
