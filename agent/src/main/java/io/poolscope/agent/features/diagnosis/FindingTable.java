package io.poolscope.agent.features.diagnosis;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Folds the occurrences of one diagnosis at one call site into one {@code diagnosis} event per
 * {@code report.interval}, with a count, so that a finding in a request handler never floods the
 * log. An entry opens with its first occurrence and is published one interval later (or at
 * shutdown): everything that happened at that site in between is in its {@code count}, and its
 * evidence holds the largest numbers seen.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} call sites are open at once; occurrences at further
 * sites are dropped (and counted) until the next publication frees room.
 */
public final class FindingTable {
  static final int MAX_ENTRIES = 256;
  private static final int MAX_THREADS = 64;

  private final long intervalNanos;
  private final Consumer<Event> events;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private volatile long dropped;

  public FindingTable(long intervalMillis, Consumer<Event> events) {
    this.intervalNanos = intervalMillis * 1_000_000L;
    this.events = events;
  }

  /** Adds one occurrence (on the application thread that saw it). */
  void record(Finding finding) {
    String key = finding.code.wireName() + '\0' + finding.pool + '\0' + finding.caller;
    while (true) {
      Entry entry = entries.get(key);
      if (entry == null) {
        if (entries.size() >= MAX_ENTRIES) {
          dropped++;
          return;
        }
        entry = entries.computeIfAbsent(key, k -> new Entry(finding, System.nanoTime()));
      }
      if (entry.add(finding)) {
        return;
      } // published meanwhile: this occurrence opens the next entry
    }
  }

  /** Publishes the entries whose interval has ended. */
  public void publishDue() {
    publish(System.nanoTime(), false);
  }

  /** Publishes every open entry (at shutdown: nothing seen is lost). */
  public void publishAll() {
    publish(System.nanoTime(), true);
  }

  /** Occurrences dropped because the table was full. */
  public long dropped() {
    return dropped;
  }

  int openEntries() {
    return entries.size();
  }

  private void publish(long now, boolean all) {
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry entry = e.getValue();
      if (all || now - entry.openedNanos >= intervalNanos) {
        if (entries.remove(e.getKey(), entry)) {
          events.accept(entry.toEvent());
        }
      }
    }
  }

  /** One call site's occurrences of one diagnosis during one interval. */
  private static final class Entry {
    final Finding first;
    final long openedNanos;
    final Map<String, Long> evidence = new LinkedHashMap<>();
    final Set<String> threads = new HashSet<>();
    long count;
    boolean published;

    Entry(Finding first, long openedNanos) {
      this.first = first;
      this.openedNanos = openedNanos;
    }

    synchronized boolean add(Finding finding) {
      if (published) {
        return false;
      }
      count++;
      for (Map.Entry<String, Long> e : finding.evidence.entrySet()) {
        evidence.merge(e.getKey(), e.getValue(), Math::max);
      }
      if (threads.size() < MAX_THREADS) {
        threads.add(finding.thread);
      }
      return true;
    }

    synchronized Event toEvent() {
      published = true;
      Map<String, Long> numbers = new LinkedHashMap<>(evidence);
      first.code.complete(numbers, threads.size());
      String message = message(numbers);
      List<String> threadNames = new ArrayList<>(threads);
      return Event.of(EventType.DIAGNOSIS, first.pool)
          .thread(threadNames.size() == 1 ? threadNames.get(0) : first.thread)
          .message(message)
          .field("code", first.code.wireName())
          .field("caller", first.caller)
          .field("acquired_at", first.acquiredAt)
          .field("count", count)
          .field("evidence", new LinkedHashMap<String, Object>(numbers))
          .field("remedy", first.remedy)
          .build();
    }

    private String message(Map<String, Long> numbers) {
      StringBuilder b = new StringBuilder(256);
      b.append(first.pool)
          .append(" - ")
          .append(first.code.wireName())
          .append(first.caller == null ? "" : " at " + first.caller)
          .append(": ")
          .append(first.code.meaning());
      if (count > 1) {
        b.append(String.format(Locale.ROOT, ", %d times", count));
      }
      if (first.subject != null) {
        b.append(": ").append(first.subject);
      }
      b.append(" (");
      String separator = "";
      for (Map.Entry<String, Long> e : numbers.entrySet()) {
        b.append(separator).append(e.getKey()).append('=').append(e.getValue());
        separator = ", ";
      }
      b.append("). ").append(first.remedy);
      return b.toString();
    }
  }
}
