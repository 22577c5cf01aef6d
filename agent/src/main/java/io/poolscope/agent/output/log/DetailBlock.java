package io.poolscope.agent.output.log;

import java.util.ArrayList;
import java.util.List;

/**
 * An event's detail block (for example the stack that took a leaked connection) dressed as a
 * Throwable, so that every logging backend prints it the way it prints an exception: a header line,
 * then {@code \tat ...} frames that log viewers fold and JSON encoders put in their stack-trace
 * field.
 *
 * <p>The block is text: lines that look like stack frames ({@code at a.B.c(B.java:12)}) become
 * frames; other lines are headers. The first header and its frames are this Throwable; each later
 * header starts a suppressed one (printed as {@code Suppressed: ...}), which keeps several stacks,
 * such as the holders of an exhausted pool, apart.
 */
public final class DetailBlock extends Throwable {
  private static final long serialVersionUID = 1L;
  private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

  private DetailBlock(String header, List<StackTraceElement> frames) {
    super(header);
    setStackTrace(frames.toArray(NO_FRAMES));
  }

  /** Returns the block as a Throwable, or null when {@code block} is null or blank. */
  public static DetailBlock parse(String block, String defaultHeader) {
    if (block == null || block.isBlank()) {
      return null;
    }
    DetailBlock first = null;
    StringBuilder header = new StringBuilder();
    List<StackTraceElement> frames = new ArrayList<>();
    for (String line : block.split("\r?\n")) {
      String text = line.strip();
      if (text.isEmpty() || isElision(text)) {
        continue;
      }
      StackTraceElement frame = StackFrameText.parse(text);
      if (frame != null) {
        frames.add(frame);
        continue;
      }
      if (!frames.isEmpty()) {
        first = attach(first, header, frames, defaultHeader);
        header.setLength(0);
        frames.clear();
      }
      if (header.length() > 0) {
        header.append('\n');
      }
      header.append(text);
    }
    return attach(first, header, frames, defaultHeader);
  }

  private static DetailBlock attach(
      DetailBlock first, StringBuilder header, List<StackTraceElement> frames, String fallback) {
    String text = header.length() > 0 ? header.toString() : fallback;
    DetailBlock section = new DetailBlock(text, frames);
    if (first == null) {
      return section;
    }
    first.addSuppressed(section);
    return first;
  }

  /** The "... 12 more" line of a printed cause: the frames it stands for are not in the text. */
  private static boolean isElision(String text) {
    return text.startsWith("...") && text.endsWith("more");
  }

  /** The frames are the block's own; the place where the agent built it is of no interest. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /** Only the header, so that {@code printStackTrace} starts with the block's own first line. */
  @Override
  public String toString() {
    String message = getMessage();
    return message == null ? "" : message;
  }
}
