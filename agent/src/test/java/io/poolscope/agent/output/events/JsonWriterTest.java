package io.poolscope.agent.output.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String string(CharSequence value) {
    StringBuilder out = new StringBuilder();
    JsonWriter.appendString(out, value);
    return out.toString();
  }

  private static String value(Object value) {
    StringBuilder out = new StringBuilder();
    JsonWriter.appendValue(out, value);
    return out.toString();
  }

  @Test
  void escapesTheCorpus() {
    assertEquals("\"plain\"", string("plain"));
    assertEquals("\"\"", string(""));
    assertEquals("\"say \\\"hi\\\"\"", string("say \"hi\""));
    assertEquals("\"C:\\\\temp\\\\x\"", string("C:\\temp\\x"));
    assertEquals("\"a\\nb\\rc\\td\\be\\ff\"", string("a\nb\rc\td\be\ff"));
    assertEquals("\"\\u0000\\u0001\\u001f\"", string("\u0000\u0001\u001f"));
    assertEquals("\"\u007f\"", string("\u007f"));
    assertEquals("\"line\\u2028sep\\u2029par\"", string("line\u2028sep\u2029par"));
    assertEquals("\"/slash/ stays\"", string("/slash/ stays"));
    assertEquals("\"été ß 中文\"", string("été ß 中文"));
    assertEquals("\"\uD83D\uDE00 pair kept\"", string("\uD83D\uDE00 pair kept"));
    assertEquals("\"lone \uFFFD high\"", string("lone \uD83D high"));
    assertEquals("\"lone \uFFFD low\"", string("lone \uDE00 low"));
    assertEquals("\"end \uFFFD\"", string("end \uD83D"));
    assertEquals("\"\uFFFD\uFFFD\"", string("\uDE00\uD83D"));
    assertEquals("\"\uD83D\uDE00\uFFFD\"", string("\uD83D\uDE00\uDE00"));
  }

  @Test
  void writesNumbersBooleansAndNull() {
    assertEquals("42", value(42));
    assertEquals("-9223372036854775808", value(Long.MIN_VALUE));
    assertEquals("7", value((short) 7));
    assertEquals("1.5", value(1.5d));
    assertEquals("0.25", value(0.25f));
    assertEquals("null", value(Double.NaN));
    assertEquals("null", value(Double.POSITIVE_INFINITY));
    assertEquals("null", value(Float.NEGATIVE_INFINITY));
    assertEquals("12345678901234567890.5", value(new BigDecimal("12345678901234567890.5")));
    assertEquals("3", value(new AtomicLong(3)));
    assertEquals("true", value(true));
    assertEquals("false", value(Boolean.FALSE));
    assertEquals("null", value(null));
    assertEquals("\"SECONDS\"", value(java.util.concurrent.TimeUnit.SECONDS));
  }

  @Test
  void writesNestedListsMapsAndArrays() throws Exception {
    Map<String, Object> holder = new LinkedHashMap<>();
    holder.put("thread", "worker-1");
    holder.put("held_ms", 300L);
    holder.put("sql", null);
    holder.put("stack", new String[] {"a.B.c(B.java:1)", "d.E.f(E.java:2)"});
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("holders", List.of(holder));
    top.put("ints", new int[] {1, 2, 3});
    top.put("nan", new double[] {Double.NaN, 2.5});
    top.put("empty", List.of());
    assertEquals(
        "{\"holders\":[{\"thread\":\"worker-1\",\"held_ms\":300,\"sql\":null,"
            + "\"stack\":[\"a.B.c(B.java:1)\",\"d.E.f(E.java:2)\"]}],"
            + "\"ints\":[1,2,3],\"nan\":[null,2.5],\"empty\":[]}",
        value(top));
    JSON.readTree(value(top)); // and Jackson agrees it is JSON
  }

  @Test
  void cutsOffCyclesInsteadOfOverflowing() throws Exception {
    List<Object> self = new ArrayList<>();
    self.add(self);
    JsonNode node = JSON.readTree(value(self));
    int depth = 0;
    while (node.isArray()) {
      node = node.get(0);
      depth++;
    }
    assertEquals(JsonWriter.MAX_DEPTH + 1, depth);
  }

  @Test
  void randomStringsRoundTripThroughJackson() throws Exception {
    Random random = new Random(20240611);
    char[] interesting = {
      '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', 0, 1, 0x1f, 0x7f, '\u2028', '\u2029', '\uD83D',
      '\uDE00', '\uDBFF', '\uDC00', '\uFFFF', '\uFEFF', 'é', '中'
    };
    for (int round = 0; round < 20_000; round++) {
      char[] chars = new char[random.nextInt(24)];
      for (int i = 0; i < chars.length; i++) {
        int pick = random.nextInt(4);
        chars[i] =
            pick == 0
                ? interesting[random.nextInt(interesting.length)]
                : pick == 1 ? (char) random.nextInt(0x10000) : (char) (' ' + random.nextInt(95));
      }
      String input = new String(chars);
      String json = string(input);
      assertFalse(json.chars().anyMatch(c -> c < 0x20 || c == 0x2028 || c == 0x2029), json);
      String parsed = JSON.readValue(json, String.class);
      assertEquals(withLoneSurrogatesReplaced(input), parsed, () -> Arrays.toString(chars));
    }
  }

  private static String withLoneSurrogatesReplaced(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
