package io.poolscope.agent.startup;

import io.poolscope.agent.config.PoolscopeConfig;
import io.poolscope.agent.features.statistics.StatementStats;
import io.poolscope.agent.features.statistics.StatementsJson;
import io.poolscope.agent.output.http.AdviceBoard;
import io.poolscope.agent.output.http.EventRing;
import io.poolscope.agent.output.http.EventsJson;
import io.poolscope.agent.output.http.HealthJson;
import io.poolscope.agent.output.http.HoldersJson;
import io.poolscope.agent.output.http.HttpEndpoint;
import io.poolscope.agent.output.http.MetricsText;
import io.poolscope.agent.output.http.PageAssets;
import io.poolscope.agent.output.http.PoolConditions;
import io.poolscope.agent.output.http.PoolWindows;
import io.poolscope.agent.output.http.PoolsJson;
import io.poolscope.agent.output.http.RecommendationsJson;
import io.poolscope.agent.output.http.Route;
import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.metrics.AgentMeterRegistry;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.PoolMeasures;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.sql.MaskedSqlCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP server ({@code http.port}, and {@code prometheus.port} as the same server): built only
 * when one of them is set, so that without them the live view costs nothing.
 */
final class LiveView {
  private LiveView() {}

  static boolean on(PoolscopeConfig config) {
    return config.httpPort() > 0 || config.prometheusPort() > 0;
  }

  /** The pool measures to give the registry: with the live view's windows when it is on. */
  static PoolMeasures.Factory measures(PoolscopeConfig config, PoolMeasures.Factory metrics) {
    return on(config) ? new PoolWindows(metrics) : metrics;
  }

  static void start(
      PoolscopeConfig config,
      AgentMeterRegistry registry,
      Outputs outputs,
      Scheduler scheduler,
      PoolRegistry pools,
      PoolMeasures.Factory measures,
      ConnectionTracker held,
      MaskedSqlCache sql,
      StatementStats statements) {
    if (!on(config) || !(measures instanceof PoolWindows)) {
      return;
    }
    PoolWindows windows = (PoolWindows) measures;
    scheduler.every(PoolWindows.SLOT_MILLIS, "live view slots", windows);
    windows.watch(pools);
    EventRing ring = new EventRing();
    PoolConditions conditions = new PoolConditions();
    AdviceBoard advice = new AdviceBoard();
    outputs.bus().addSink(ring);
    outputs.bus().addSink(conditions);
    outputs.bus().addSink(advice);

    Map<String, Route> routes = new LinkedHashMap<>(PageAssets.routes());
    routes.put("/metrics", new MetricsText(registry::scrape));
    routes.put("/health", new HealthJson(pools, windows, conditions));
    routes.put("/api/pools", new PoolsJson(pools, windows));
    routes.put("/api/holders", new HoldersJson(held, sql));
    routes.put("/api/statements", new StatementsJson(statements));
    routes.put("/api/events", new EventsJson(ring));
    routes.put("/api/recommendations", new RecommendationsJson(advice, pools));

    HttpEndpoint endpoint = HttpEndpoint.start(addresses(config), routes, config.httpToken());
    if (endpoint.isServing() && config.httpPort() > 0) {
      String host = config.httpHost() == null ? HttpEndpoint.DEFAULT_HOST : config.httpHost();
      AgentLog.info("Poolscope live view at http://" + host + ":" + endpoint.ports().get(0) + "/");
    }
    outputs.beforeShutdown(endpoint::stop);
  }

  /** {@code http.port}, then {@code prometheus.port} unless it is the same address. */
  private static List<HttpEndpoint.Address> addresses(PoolscopeConfig config) {
    List<HttpEndpoint.Address> addresses = new ArrayList<>();
    if (config.httpPort() > 0) {
      addresses.add(new HttpEndpoint.Address(config.httpHost(), config.httpPort(), "http.port"));
    }
    boolean samePort = config.prometheusPort() == config.httpPort();
    if (config.prometheusPort() > 0 && !samePort) {
      addresses.add(
          new HttpEndpoint.Address(
              config.prometheusHost(), config.prometheusPort(), "prometheus.port"));
    }
    return addresses;
  }
}
