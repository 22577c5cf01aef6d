package io.poolscope.agent.output.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdviceBoardTest {
  private static Event advice(String pool, String code, boolean withdrawn) {
    Event.Builder event =
        Event.of(EventType.RECOMMENDATION, pool).message(pool + " " + code).field("code", code);
    if (withdrawn) {
      event.field("withdrawn", true);
    }
    return event.build();
  }

  private static List<String> shown(AdviceBoard board) {
    return board.current().stream().map(Event::message).collect(Collectors.toList());
  }

  @Test
  void showsTheCurrentAdviceNotTheFirstAndDropsWithdrawnAdvice() {
    AdviceBoard board = new AdviceBoard();
    board.accept(advice("orders", "pool_oversized", false));
    board.accept(advice("billing", "pool_too_small", false));
    assertEquals(List.of("orders pool_oversized", "billing pool_too_small"), shown(board));

    board.accept(advice("orders", "pool_oversized", true));
    assertEquals(List.of("billing pool_too_small"), shown(board), "withdrawn");

    board.accept(advice("orders", "pool_too_small", false));
    assertEquals(List.of("billing pool_too_small", "orders pool_too_small"), shown(board));
  }
}
