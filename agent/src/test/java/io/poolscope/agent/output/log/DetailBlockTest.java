package io.poolscope.agent.output.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DetailBlockTest {

  private static String printed(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void aRealStackRoundTripsThroughItsText() {
    StackTraceElement[] real = new Exception().getStackTrace();
    StringBuilder text = new StringBuilder("Connection taken by thread main here\n");
    for (StackTraceElement frame : real) {
      text.append("\tat ").append(frame).append('\n');
    }
    DetailBlock block = DetailBlock.parse(text.toString(), "fallback");
    assertEquals("Connection taken by thread main here", block.getMessage());
    assertEquals("Connection taken by thread main here", block.toString());
    assertArrayEquals(
        Arrays.stream(real).map(StackTraceElement::toString).toArray(),
        Arrays.stream(block.getStackTrace()).map(StackTraceElement::toString).toArray());
    assertEquals(text.toString(), printed(block));
  }

  @Test
  void readsEveryFrameForm() {
    DetailBlock block =
        DetailBlock.parse(
            String.join(
                "\n",
                "header",
                "  at com.example.A.run(A.java:12)",
                "at com.example.B.<init>(Unknown Source)",
                "at java.base/java.lang.Thread.sleep(Native Method)",
                "at java.base@17.0.15/java.lang.Thread.run(Thread.java:840)",
                "at app//com.example.C.call(C.kt)",
                "at loader/mod@1.0/com.example.D.go(D.java:3)",
                "\t... 4 more"),
            "fallback");
    StackTraceElement[] frames = block.getStackTrace();
    assertEquals(6, frames.length);
    assertEquals("com.example.A", frames[0].getClassName());
    assertEquals("run", frames[0].getMethodName());
    assertEquals("A.java", frames[0].getFileName());
    assertEquals(12, frames[0].getLineNumber());
    assertEquals("<init>", frames[1].getMethodName());
    assertNull(frames[1].getFileName());
    assertEquals(-2, frames[2].getLineNumber());
    assertEquals("java.base", frames[2].getModuleName());
    assertEquals("17.0.15", frames[3].getModuleVersion());
    assertEquals(840, frames[3].getLineNumber());
    assertEquals("app", frames[4].getClassLoaderName());
    assertEquals("C.kt", frames[4].getFileName());
    assertEquals(-1, frames[4].getLineNumber());
    assertEquals("loader", frames[5].getClassLoaderName());
    assertEquals("mod", frames[5].getModuleName());
    assertEquals("1.0", frames[5].getModuleVersion());
  }

  @Test
  void laterHeadersBecomeSuppressedBlocksSoSeveralStacksStayApart() {
    DetailBlock block =
        DetailBlock.parse(
            "Holder 1: thread worker-1, held 300 ms\n"
                + "\tat a.B.c(B.java:1)\n"
                + "Holder 2: thread worker-2, held 120 ms\n"
                + "running SELECT ?\n"
                + "\tat d.E.f(E.java:2)\n"
                + "\tat d.E.g(E.java:3)\n",
            "fallback");
    assertEquals("Holder 1: thread worker-1, held 300 ms", block.getMessage());
    assertEquals(1, block.getStackTrace().length);
    assertEquals(1, block.getSuppressed().length);
    Throwable second = block.getSuppressed()[0];
    assertEquals("Holder 2: thread worker-2, held 120 ms\nrunning SELECT ?", second.getMessage());
    assertEquals(2, second.getStackTrace().length);
    String printed = printed(block);
    assertEquals(
        "Holder 1: thread worker-1, held 300 ms\n"
            + "\tat a.B.c(B.java:1)\n"
            + "\tSuppressed: Holder 2: thread worker-2, held 120 ms\n"
            + "running SELECT ?\n"
            + "\t\tat d.E.f(E.java:2)\n"
            + "\t\tat d.E.g(E.java:3)\n",
        printed);
  }

  @Test
  void framesWithoutAHeaderGetTheDefaultOneAndBlankBlocksNone() {
    DetailBlock block = DetailBlock.parse("\tat a.B.c(B.java:1)", "leak_suspected");
    assertEquals("leak_suspected", block.getMessage());
    assertEquals(1, block.getStackTrace().length);
    assertNull(DetailBlock.parse(null, "x"));
    assertNull(DetailBlock.parse(" \n\t", "x"));
  }

  @Test
  void linesThatOnlyLookLikeFramesStayText() {
    DetailBlock block = DetailBlock.parse("at noon (maybe)\nat x(y)", "fallback");
    assertEquals("at noon (maybe)\nat x(y)", block.getMessage());
    assertEquals(0, block.getStackTrace().length);
  }
}
