package io.poolscope.agent.output.events;

import io.poolscope.agent.output.log.LogLevel;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One occurrence of an {@link EventType}: the common fields of the contract ({@code time}, {@code
 * type}, {@code pool}, {@code thread}), the type's extra fields in insertion order, and the
 * human-readable log message.
 *
 * <p>Field values are {@code String}, {@code Number}, {@code Boolean}, {@code List} (of those or of
 * maps) or {@code Map<String, ?>}; anything else is written with {@code toString()}.
 */
public final class Event {
  private final EventType type;
  private final Instant time;
  private final String pool;
  private final String thread;
  private final LogLevel level;
  private final String message;
  private final Map<String, Object> fields;

  private Event(Builder b) {
    this.type = b.type;
    this.time = b.time;
    this.pool = b.pool;
    this.thread = b.thread;
    this.level = b.level;
    this.message = b.message;
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
  }

  public static Builder of(EventType type, String pool) {
    return new Builder(type, pool);
  }

  public EventType type() {
    return type;
  }

  public Instant time() {
    return time;
  }

  public String pool() {
    return pool;
  }

  public String thread() {
    return thread;
  }

  public LogLevel level() {
    return level;
  }

  /** The log line (without the stack block, if any: see {@link #logDetail()}). */
  public String message() {
    return message;
  }

  /** Extra fields of this type, in order. */
  public Map<String, Object> fields() {
    return fields;
  }

  /**
   * A multi-line block printed under the message, formatted like an exception's stack so that log
   * viewers fold it; null when there is none.
   */
  public String logDetail() {
    Object detail = fields.get(DETAIL_KEY);
    return detail == null ? null : detail.toString();
  }

  /** Key of the log-only detail block; not written to {@code events.file}. */
  public static final String DETAIL_KEY = "__detail";

  public static final class Builder {
    private final EventType type;
    private final String pool;
    private Instant time = Instant.now();
    private String thread = Thread.currentThread().getName();
    private LogLevel level;
    private String message = "";
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder(EventType type, String pool) {
      this.type = type;
      this.pool = pool;
      this.level = type.defaultLevel();
    }

    public Builder time(Instant value) {
      this.time = value;
      return this;
    }

    public Builder thread(String value) {
      this.thread = value;
      return this;
    }

    public Builder level(LogLevel value) {
      this.level = value;
      return this;
    }

    public Builder message(String value) {
      this.message = value;
      return this;
    }

    public Builder field(String key, Object value) {
      fields.put(key, value);
      return this;
    }

    /** A stack-like block for the log only (see {@link Event#logDetail()}). */
    public Builder logDetail(String block) {
      if (block != null && !block.isEmpty()) {
        fields.put(DETAIL_KEY, block);
      }
      return this;
    }

    public Event build() {
      return new Event(this);
    }
  }
}
