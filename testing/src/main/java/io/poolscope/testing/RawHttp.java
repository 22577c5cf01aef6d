package io.poolscope.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A request written byte for byte to a local port: what {@code java.net.http.HttpClient} refuses to
 * send (a {@code ..} path, an escaped slash, a header of 64 KiB), for tests of a server's defences.
 */
public final class RawHttp {
  private RawHttp() {}

  /** Sends {@code request} (headers and blank line included) and returns the status line. */
  public static String statusLine(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        line.append((char) c);
      }
      return line.toString().trim();
    }
  }
}
