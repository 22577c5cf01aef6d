package io.poolscope.bench.spring;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Concurrent clients that read from the sample: nine in ten requests get one account by id, one in
 * ten a page of 20 accounts (a count and a select), each answered from its own transaction on a
 * borrowed pool connection. Requests are counted only after the warm-up; any answer but 200 fails.
 */
public final class GetLoad {
  /** The accounts data.sql seeds, ids 1 to this. */
  private static final int ACCOUNTS = 1000;

  private static final int PAGES = ACCOUNTS / 20;

  private final RunningSpringApp app;
  private final int clients;

  public GetLoad(RunningSpringApp app, int clients) {
    this.app = app;
    this.clients = clients;
  }

  /** Runs the clients for the warm-up and then for the counted time; returns requests/s. */
  public double run(Duration warmup, Duration counted) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    LongAdder answered = new LongAdder();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    State state = new State();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Thread thread =
          new Thread(() -> loop(client, state, answered, failure), "get-client-" + (i + 1));
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    Thread.sleep(warmup.toMillis());
    state.counting = true;
    long started = System.nanoTime();
    Thread.sleep(counted.toMillis());
    state.counting = false;
    long elapsed = System.nanoTime() - started;
    state.stopped = true;
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "a GET failed; application output in " + app.workdir(), failure.get());
    }
    return answered.sum() * 1e9 / elapsed;
  }

  private void loop(
      HttpClient client, State state, LongAdder answered, AtomicReference<Throwable> failure) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try {
      while (!state.stopped && failure.get() == null) {
        String path =
            random.nextInt(10) == 0
                ? "/accounts?page=" + random.nextInt(PAGES) + "&size=20"
                : "/accounts/" + (1 + random.nextInt(ACCOUNTS));
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        if (state.counting) {
          answered.increment();
        }
      }
    } catch (IOException | RuntimeException e) {
      failure.compareAndSet(null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Read by every client on every request: volatile, so that all see the switch at once. */
  private static final class State {
    volatile boolean counting;
    volatile boolean stopped;
  }
}
