package io.poolscope.agent.config;

import static io.poolscope.agent.config.Setting.Effect.ENFORCE;
import static io.poolscope.agent.config.Setting.Effect.NONE;
import static io.poolscope.agent.config.Setting.Effect.OBSERVE;

import io.poolscope.agent.config.Setting.Effect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key, declared once (the public names are fixed by the contract). The order is the order of
 * the documentation's key table, of warnings and of the start-up summary. To add a key: declare it
 * here, give {@link PoolscopeConfig} a getter, and add its row to docs/configuration.md
 * (SettingsTableTest prints the row).
 */
final class Settings {
  // First: the declarations below add themselves to it as the class initialises.
  private static final List<Setting<?>> DECLARED = new ArrayList<>();

  static final Setting<Boolean> ENABLED =
      of("enabled", ValueType.BOOLEAN, "true", NONE, "master switch: `false` installs nothing");

  static final Setting<Long> SLOW_QUERY_THRESHOLD =
      of(
          "slow-query.threshold",
          ValueType.DURATION,
          "1s",
          OBSERVE,
          "statements that run longer are logged (`slow_query`) and counted; `off` turns this off");

  static final Setting<Long> LEAK_THRESHOLD =
      of(
          "leak.threshold",
          ValueType.DURATION,
          "30s",
          OBSERVE,
          "a connection held longer **and** idle (no statement) for as long is reported"
              + " (`leak_suspected`, see [leaks](leaks.md)); `off` turns leak detection off");

  static final Setting<LeakStack> LEAK_STACK =
      of(
          "leak.stack",
          ValueType.choice(LeakStack.class),
          "auto",
          OBSERVE,
          "when to capture the stack that takes a connection: `auto` from a pool's first suspected"
              + " leak or acquisition timeout on, `always` (`true`) on every borrow, `off`"
              + " (`false`) never (see [leaks](leaks.md))");

  static final Setting<Long> STATEMENT_TIMEOUT =
      declare(
          new Setting<>(
              "statement.timeout",
              ValueType.DURATION,
              "off",
              ENFORCE,
              "a statement with no query timeout, or a longer one, gets this one; one still running"
                  + " well past it is cancelled (`statement_cancelled`)",
              "statement.timeout",
              "the same for one pool, by its name"));

  static final Setting<Integer> POOL_MAX_SIZE =
      declare(
          new Setting<>(
              "pool.max-size",
              ValueType.SIZE,
              "off",
              ENFORCE,
              "every pool's maximum size is capped at creation (`pool_capped`)",
              "max-size",
              "the same for one pool, by its name; `off` exempts that pool from `pool.max-size`"));

  static final Setting<Integer> CONNECTIONS_MAX =
      of(
          "connections.max",
          ValueType.SIZE,
          "off",
          ENFORCE,
          "at most this many physical connections open at once per database URL, across all pools"
              + " and `DriverManager`; an attempt beyond it waits up to `connections.wait` and then"
              + " fails with an `SQLException` (`connection_rejected`)");

  static final Setting<Long> CONNECTIONS_WAIT =
      of(
          "connections.wait",
          ValueType.duration(0, 600_000),
          "5s",
          ENFORCE,
          "see `connections.max`; at most `10m`; `off` fails at once");

  static final Setting<Integer> CIRCUIT_FAILURES =
      of(
          "circuit.failures",
          ValueType.SIZE,
          "off",
          ENFORCE,
          "this many consecutive failed physical connects to one database (masked URL) open its"
              + " circuit: connects then fail at once (`SQLTransientConnectionException`) for"
              + " `circuit.open-for`, then one trial connect decides (`circuit_open`,"
              + " `circuit_closed`; see [enforcement](enforcement.md))");

  static final Setting<Long> CIRCUIT_OPEN_FOR =
      of(
          "circuit.open-for",
          ValueType.duration(100, 3_600_000),
          "30s",
          ENFORCE,
          "see `circuit.failures`: how long an open circuit fails connects at once before one"
              + " trial; between `100ms` and `1h`");

  static final Setting<Integer> PROMETHEUS_PORT =
      of(
          "prometheus.port",
          ValueType.PORT,
          "off",
          OBSERVE,
          "serve Prometheus text at `http://<prometheus.host>:<port>/metrics` (the same server as"
              + " `http.port`, with every endpoint of the live view); `1`..`65535`");

  static final Setting<String> PROMETHEUS_HOST =
      of("prometheus.host", ValueType.TEXT, "127.0.0.1", OBSERVE, "address that endpoint binds to");

  static final Setting<Integer> HTTP_PORT =
      of(
          "http.port",
          ValueType.PORT,
          "off",
          OBSERVE,
          "serve the live view (`/`), `/health`, `/api/*` and `/metrics` at"
              + " `http://<http.host>:<port>/` (see [live view](live-view.md)); `prometheus.port`"
              + " serves the same; `1`..`65535`");

  static final Setting<String> HTTP_HOST =
      of(
          "http.host",
          ValueType.TEXT,
          "127.0.0.1",
          OBSERVE,
          "address the HTTP server binds to; another than loopback without `http.token` is"
              + " warned about");

  static final Setting<String> HTTP_TOKEN =
      of(
          "http.token",
          ValueType.SECRET,
          null,
          OBSERVE,
          "when set, every HTTP request needs `Authorization: Bearer <token>` (a browser may give"
              + " it as the password of HTTP Basic); never shown in logs");

  static final Setting<Path> EVENTS_FILE =
      of(
          "events.file",
          ValueType.PATH,
          "off",
          OBSERVE,
          "append every event as one JSON object per line to this file");

  static final Setting<Long> REPORT_INTERVAL =
      of(
          "report.interval",
          ValueType.duration(1000, Long.MAX_VALUE),
          "60s",
          OBSERVE,
          "log a one-line summary per pool at this interval; at least `1s`; `off` turns it off");

  static final Setting<Long> LOG_REPEAT_WINDOW =
      of(
          "log.repeat-window",
          ValueType.DURATION,
          "60s",
          OBSERVE,
          "a finding that repeats at one place (acquisition timeouts of one pool, a slow statement"
              + " from one call site, leaks taken at one site) is logged in full once, and its"
              + " repeats in one summary line per this window; `off` logs each in full. The events"
              + " file and the metrics get every one");

  static final Setting<Long> SATURATION_SUSTAIN =
      of(
          "saturation.sustain",
          ValueType.DURATION,
          "10s",
          OBSERVE,
          "a pool's saturation level (`pool_saturation`) changes only after the new level held this"
              + " long, and at most once per this period; `off` (or `0`) reports each crossing at"
              + " once (still with hysteresis)");

  static final Setting<Long> JFR_HOLD_THRESHOLD =
      of(
          "jfr.hold-threshold",
          ValueType.DURATION,
          "1s",
          OBSERVE,
          "a connection held at least this long is a `poolscope.ConnectionHold` event in a running"
              + " Flight Recorder recording (see [operating](operating.md)); `off` (or `0`) records"
              + " every hold");

  static final Setting<Long> JFR_WAIT_THRESHOLD =
      of(
          "jfr.wait-threshold",
          ValueType.DURATION,
          "10ms",
          OBSERVE,
          "a connection acquisition that waited at least this long is a `poolscope.ConnectionWait`"
              + " event in a running Flight Recorder recording, as with"
              + " `otel.acquire-span.threshold` (every acquire timeout is one); `off` (or `0`)"
              + " records every acquisition, at the cost of an event with a stack trace per borrow");

  static final Setting<Boolean> OTEL_ENABLED =
      of(
          "otel.enabled",
          ValueType.BOOLEAN,
          "true",
          OBSERVE,
          "emit spans and span events through the OpenTelemetry API when the application has an"
              + " SDK or the OpenTelemetry Java agent");

  static final Setting<Long> OTEL_ACQUIRE_SPAN_THRESHOLD =
      of(
          "otel.acquire-span.threshold",
          ValueType.DURATION,
          "10ms",
          OBSERVE,
          "only connection acquisitions that waited at least this long get a span; `off` (or `0`)"
              + " removes the threshold so every acquisition gets one (use `otel.enabled=false`"
              + " for none)");

  static final Setting<Boolean> SQL_MASK_LITERALS =
      of(
          "sql.mask-literals",
          ValueType.BOOLEAN,
          "true",
          OBSERVE,
          "mask SQL literals (`'abc'`, `42`) as `?` everywhere Poolscope writes SQL");

  static final Setting<Integer> STATEMENTS_MAX =
      of(
          "statements.max",
          ValueType.count(10, 100_000),
          "500",
          OBSERVE,
          "how many distinct statements Poolscope keeps statistics for; between `10` and"
              + " `100000`");

  static final Setting<List<Double>> METRICS_BUCKETS =
      of(
          "metrics.buckets",
          ValueType.BUCKETS,
          "0.0001,0.00025,0.0005,0.001,0.0025,0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,5,10",
          OBSERVE,
          "bucket boundaries (seconds) of every histogram: connection wait, use and create"
              + " time, operation duration; the default is the OpenTelemetry semantic"
              + " conventions' advisory boundaries (0.001 to 10 s) with a finer low end for"
              + " waits; at most 30");

  static final Setting<String> SERVICE_NAME =
      of(
          "service.name",
          ValueType.TEXT,
          null,
          OBSERVE,
          "the service this JVM is, in `poolscope_info` and PostgreSQL's `application_name`;"
              + " `OTEL_SERVICE_NAME` / `otel.service.name` win when set, and without any the"
              + " main class or jar names it");

  static final Setting<ApplicationNameMode> POSTGRES_APPLICATION_NAME =
      of(
          "postgres.application-name",
          ValueType.choice(ApplicationNameMode.class),
          "auto",
          OBSERVE,
          "`auto`: a PostgreSQL connection whose URL and properties set no `ApplicationName`"
              + " gets the service name, so `pg_stat_activity` shows which service holds it;"
              + " `off`");

  static final Setting<Long> POSTGRES_LOCK_TIMEOUT =
      of(
          "postgres.lock-timeout",
          ValueType.DURATION,
          "off",
          ENFORCE,
          "PostgreSQL's `lock_timeout` for every new PostgreSQL connection (through the"
              + " driver's `options`), unless the application set its own");

  static final Setting<Long> POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT =
      of(
          "postgres.idle-in-transaction-timeout",
          ValueType.DURATION,
          "off",
          ENFORCE,
          "PostgreSQL's `idle_in_transaction_session_timeout` for every new PostgreSQL"
              + " connection, unless the application set its own");

  static final Setting<Long> POSTGRES_STATEMENT_TIMEOUT =
      of(
          "postgres.statement-timeout",
          ValueType.DURATION,
          "off",
          ENFORCE,
          "PostgreSQL's `statement_timeout` for every new PostgreSQL connection: the server"
              + " ends longer statements itself; unless the application set its own");

  static final Setting<Integer> DIAGNOSIS_N_PLUS_ONE_MIN =
      of(
          "diagnosis.n-plus-one.min",
          ValueType.SIZE,
          "10",
          OBSERVE,
          "executions of one statement within one connection hold that make an `n_plus_one`"
              + " diagnosis (see [diagnoses](diagnoses.md)); `off` turns that diagnosis off");

  static final Setting<Long> DIAGNOSIS_IDLE_IN_TRANSACTION =
      of(
          "diagnosis.idle-in-transaction",
          ValueType.DURATION,
          "10s",
          OBSERVE,
          "idle time inside an open transaction (auto-commit off, statements run, no commit or"
              + " rollback) that makes an `idle_in_transaction` diagnosis; `off` turns it off");

  static final Setting<String> DIAGNOSIS_IGNORE =
      of(
          "diagnosis.ignore",
          ValueType.TEXT,
          null,
          OBSERVE,
          "call sites whose diagnoses are not reported: prefixes of the `caller` field (a"
              + " package, a class, or `Class.method`), separated by `;` (or `,` outside the"
              + " agent argument)");

  /**
   * Names the properties file. {@link ConfigSources} reads it before the file itself (and never
   * from inside it); it is not resolved like the others.
   */
  static final Setting<String> CONFIG =
      of("config", ValueType.TEXT, null, NONE, "path of the properties file (see above)");

  /** Every key, in declaration order. */
  static final List<Setting<?>> ALL = Collections.unmodifiableList(DECLARED);

  private static final Map<String, Setting<?>> BY_TEXT = new HashMap<>();
  private static final Map<String, Setting<?>> BY_ENV_NAME = new HashMap<>();

  static {
    for (Setting<?> setting : ALL) {
      BY_TEXT.put(setting.text(), setting);
      BY_ENV_NAME.put(setting.envName(), setting);
    }
  }

  private Settings() {}

  private static <T> Setting<T> of(
      String text, ValueType<T> type, String defaultText, Effect effect, String doc) {
    return declare(Setting.of(text, type, defaultText, effect, doc));
  }

  private static <T> Setting<T> declare(Setting<T> setting) {
    DECLARED.add(setting);
    return setting;
  }

  /** The key written e.g. {@code slow-query.threshold}; null when there is none. */
  static Setting<?> byText(String text) {
    return BY_TEXT.get(text);
  }

  /** The key of e.g. {@code POOLSCOPE_SLOW_QUERY_THRESHOLD}; null when there is none. */
  static Setting<?> byEnvName(String name) {
    return BY_ENV_NAME.get(name);
  }
}
