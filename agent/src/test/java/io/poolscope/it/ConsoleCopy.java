package io.poolscope.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * For scenarios: keeps a copy of what is written to {@code System.out} and {@code System.err} from
 * now on (still writing it through), so that a scenario can wait for a line Poolscope logs — its
 * plain output and slf4j-simple both look the streams up on every line.
 */
public final class ConsoleCopy {
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  private ConsoleCopy() {}

  /** Installs the copy on both streams; call before whatever writes the awaited line. */
  public static ConsoleCopy install() {
    ConsoleCopy console = new ConsoleCopy();
    System.setOut(console.tee(System.out));
    System.setErr(console.tee(System.err));
    return console;
  }

  /** Everything written since {@link #install}, as text. */
  public String text() {
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }

  /** How much was written so far: a mark for {@link #containsSince}. */
  public int mark() {
    return text().length();
  }

  /** Whether {@code text} was written after {@code mark}. */
  public boolean containsSince(int mark, String text) {
    String all = text();
    return all.indexOf(text, Math.min(mark, all.length())) >= 0;
  }

  private PrintStream tee(PrintStream original) {
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            original.write(b);
            synchronized (copy) {
              copy.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            synchronized (copy) {
              copy.write(b, off, len);
            }
          }

          @Override
          public void flush() {
            original.flush();
          }
        };
    return new PrintStream(both, true, StandardCharsets.UTF_8);
  }
}
