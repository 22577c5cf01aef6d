package io.poolscope.agent.output.http;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.pools.PoolSnapshot;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/recommendations}: the advice in force ({@link AdviceBoard}), each with its
 * evidence (the event's own fields) and, for advice about a pool's size, the name of that pool
 * library's setting and its value now.
 */
public final class RecommendationsJson implements Route {
  private final AdviceBoard board;
  private final PoolRegistry pools;

  public RecommendationsJson(AdviceBoard board, PoolRegistry pools) {
    this.board = board;
    this.pools = pools;
  }

  @Override
  public Reply answer(Query query) {
    List<Object> list = new ArrayList<>();
    for (Event event : board.current()) {
      list.add(advice(event));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("recommendations", list);
    return Reply.jsonOf(200, body);
  }

  private Map<String, Object> advice(Event event) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("time", event.time().toString());
    out.put("type", event.type().wireName());
    out.put("pool", event.pool());
    Object code = event.fields().get("code");
    out.put("code", code);
    Object message = event.fields().get("message");
    out.put("message", message != null ? message : event.message());
    Map<String, Object> evidence = new LinkedHashMap<>();
    for (Map.Entry<String, Object> field : event.fields().entrySet()) {
      String key = field.getKey();
      if (!key.equals("code") && !key.equals("message") && !key.equals(Event.DETAIL_KEY)) {
        evidence.put(key, field.getValue());
      }
    }
    out.put("evidence", evidence);
    out.put("setting", setting(event.pool(), code));
    return out;
  }

  /** The pool library's own name of the setting the advice is about; null when not a size. */
  private Map<String, Object> setting(String poolName, Object code) {
    if (!"pool_too_small".equals(code) && !"pool_oversized".equals(code)) {
      return null;
    }
    PoolState pool = poolName == null ? null : pools.byName(poolName);
    if (pool == null || pool.adapter() == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", maxSizeSetting(pool.adapter().library()));
    PoolSnapshot s = pool.snapshot();
    out.put("current", s == null || s.max() <= 0 ? null : s.max());
    return out;
  }

  static String maxSizeSetting(String library) {
    switch (library) {
      case "hikaricp":
        return "maximumPoolSize";
      case "dbcp2":
        return "maxTotal";
      case "tomcat-jdbc":
        return "maxActive";
      case "c3p0":
        return "maxPoolSize";
      case "agroal":
        return "maxSize";
      default:
        return "pool.max-size";
    }
  }
}
