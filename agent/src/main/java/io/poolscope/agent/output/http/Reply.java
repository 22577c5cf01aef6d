package io.poolscope.agent.output.http;

import io.poolscope.agent.output.events.JsonWriter;
import java.nio.charset.StandardCharsets;

/** What one request is answered with: a status, a content type and the whole body. */
public final class Reply {
  static final String TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";

  private final int status;
  private final String contentType;
  private final byte[] body;

  private Reply(int status, String contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  public static Reply of(int status, String contentType, byte[] body) {
    return new Reply(status, contentType, body);
  }

  public static Reply text(int status, String text) {
    return new Reply(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code json} must already be valid JSON (built with the events' JsonWriter). */
  public static Reply json(int status, CharSequence json) {
    return new Reply(status, JSON, json.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code value} (maps, lists, strings, numbers) written as JSON by the events' own writer. */
  public static Reply jsonOf(int status, Object value) {
    StringBuilder json = new StringBuilder(1024);
    JsonWriter.appendValue(json, value);
    return json(status, json);
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  public byte[] body() {
    return body;
  }
}
