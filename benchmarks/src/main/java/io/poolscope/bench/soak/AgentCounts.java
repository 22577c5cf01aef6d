package io.poolscope.bench.soak;

import io.poolscope.testing.PrometheusText;
import io.poolscope.testing.ReportLine;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the agent says it measured, read from its own Prometheus endpoint in this JVM: successful
 * acquisitions ({@code db_client_connection_wait_time_seconds_count}, one per hand-out) summed per
 * pool library. A soak that the agent silently stopped measuring shows here as zero.
 */
final class AgentCounts {
  static final String KEY_PREFIX = "agent_acquired_";
  private static final String ACQUISITIONS = "db_client_connection_wait_time_seconds_count";
  private static final String LIBRARY_LABEL = "poolscope_pool_library";

  private final Map<String, Double> acquiredByLibrary;

  private AgentCounts(Map<String, Double> acquiredByLibrary) {
    this.acquiredByLibrary = acquiredByLibrary;
  }

  static AgentCounts scrape(int port) throws IOException {
    HttpURLConnection http =
        (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
    http.setConnectTimeout(10_000);
    http.setReadTimeout(30_000);
    String text;
    try (InputStream body = http.getInputStream()) {
      text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      http.disconnect();
    }
    Map<String, Double> acquired = new TreeMap<>();
    for (PrometheusText.Sample sample : PrometheusText.parse(text).samples(ACQUISITIONS)) {
      String library = sample.label(LIBRARY_LABEL);
      if (library != null) {
        acquired.merge(library, sample.value(), Double::sum);
      }
    }
    return new AgentCounts(acquired);
  }

  /** One {@code agent_acquired_<library>} per library of the soak, 0 where the agent had none. */
  void addTo(ReportLine report) {
    for (SoakLibrary library : SoakLibrary.values()) {
      report.put(
          KEY_PREFIX + library.agentLabel(),
          acquiredByLibrary.getOrDefault(library.agentLabel(), 0.0));
    }
  }
}
