package io.poolscope.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

/**
 * A thread named {@code holder} that takes a connection and keeps it for a fixed time counted from
 * the moment another thread says it starts waiting — so that waiter's wait is at least that long
 * however slow the first calls of a run are.
 */
public final class Holder {
  private final Thread thread;
  private final CountDownLatch waiterStarting = new CountDownLatch(1);

  private Holder(DataSource pool, long holdMillis) throws InterruptedException {
    CountDownLatch taken = new CountDownLatch(1);
    thread =
        new Thread(
            () -> {
              try (Connection c = pool.getConnection()) {
                taken.countDown();
                waiterStarting.await();
                Thread.sleep(holdMillis);
              } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            "holder");
    thread.start();
    taken.await();
  }

  /** Starts the holder and returns once it holds its connection. */
  public static Holder take(DataSource pool, long holdMillis) throws InterruptedException {
    return new Holder(pool, holdMillis);
  }

  /** Call right before the waiter's getConnection: the hold time starts now. */
  public void waiterStarts() {
    waiterStarting.countDown();
  }

  public void join() throws InterruptedException {
    thread.join();
  }
}
