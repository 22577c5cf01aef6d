package io.poolscope.agent.features.statistics;

import io.poolscope.agent.output.http.Query;
import io.poolscope.agent.output.http.Reply;
import io.poolscope.agent.output.http.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/statements?sort=total|mean|calls|errors}: the statement statistics of every pool
 * (masked text, as recorded), the {@value #MAX_ROWS} first by the chosen order (total time when not
 * given or not known).
 */
public final class StatementsJson implements Route {
  static final int MAX_ROWS = 100;

  private final StatementStats stats;

  public StatementsJson(StatementStats stats) {
    this.stats = stats;
  }

  @Override
  public Reply answer(Query query) {
    String sort = query.get("sort", "total");
    Comparator<StatementStat> order = order(sort);
    List<StatementStat> all = new ArrayList<>();
    for (String pool : stats.pools()) {
      all.addAll(stats.top(pool, stats.maxEntries()));
    }
    all.sort(order);
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX_ROWS, all.size()); i++) {
      rows.add(row(all.get(i)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sort", sortName(sort));
    body.put("count", all.size());
    body.put("statements", rows);
    return Reply.jsonOf(200, body);
  }

  private static String sortName(String sort) {
    switch (sort) {
      case "mean":
      case "calls":
      case "errors":
        return sort;
      default:
        return "total";
    }
  }

  private static Comparator<StatementStat> order(String sort) {
    Comparator<StatementStat> byTotal = Comparator.comparingLong(StatementStat::totalNanos);
    switch (sortName(sort)) {
      case "mean":
        return Comparator.comparingLong(StatementStat::meanNanos).reversed();
      case "calls":
        return Comparator.comparingLong(StatementStat::calls).thenComparing(byTotal).reversed();
      case "errors":
        return Comparator.comparingLong(StatementStat::errors).thenComparing(byTotal).reversed();
      default:
        return byTotal.reversed();
    }
  }

  private static Map<String, Object> row(StatementStat s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pool", s.pool());
    out.put("sql", s.sql());
    out.put("calls", s.calls());
    out.put("errors", s.errors());
    out.put("rows", s.rows());
    out.put("total_ms", millis(s.totalNanos()));
    out.put("mean_ms", millis(s.meanNanos()));
    out.put("p50_ms", millis(s.p50Nanos()));
    out.put("p95_ms", millis(s.p95Nanos()));
    out.put("p99_ms", millis(s.p99Nanos()));
    out.put("max_ms", millis(s.maxNanos()));
    return out;
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1000.0) / 1000.0;
  }
}
