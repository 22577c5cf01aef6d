package io.poolscope.agent.features.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventAttributesTest {
  @Test
  void fieldsBecomeTypedAttributes() {
    Map<String, Object> holder = new LinkedHashMap<>();
    holder.put("thread", "worker-1");
    holder.put("held_ms", 1200L);
    Event event =
        Event.of(EventType.ACQUIRE_TIMEOUT, "main")
            .field("wait_ms", 250L)
            .field("statements", 3)
            .field("ratio", 0.5)
            .field("running", true)
            .field("sql", "select ?")
            .field("stack", List.of("a.B.c(B.java:1)", "a.B.d(B.java:2)"))
            .field("holders", List.of(holder))
            .logDetail("Connection #1 acquired here\n\tat a.B.c(B.java:1)\n")
            .build();

    Attributes attributes =
        (Attributes)
            EventAttributes.of(new DirectTraceApi(OpenTelemetry.noop().getTracer("t")), event);

    assertEquals("main", attributes.get(AttributeKey.stringKey("db.client.connection.pool.name")));
    assertEquals(250L, attributes.get(AttributeKey.longKey("wait_ms")));
    assertEquals(3L, attributes.get(AttributeKey.longKey("statements")));
    assertEquals(0.5, attributes.get(AttributeKey.doubleKey("ratio")));
    assertEquals(true, attributes.get(AttributeKey.booleanKey("running")));
    assertEquals("select ?", attributes.get(AttributeKey.stringKey("sql")));
    assertEquals(
        List.of("a.B.c(B.java:1)", "a.B.d(B.java:2)"),
        attributes.get(AttributeKey.stringArrayKey("stack")));
    assertEquals(
        List.of("{\"thread\":\"worker-1\",\"held_ms\":1200}"),
        attributes.get(AttributeKey.stringArrayKey("holders")));
    assertNull(attributes.get(AttributeKey.stringKey(Event.DETAIL_KEY)), "log-only block left out");
  }
}
