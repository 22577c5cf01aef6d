package io.poolscope.agent.output.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * {@code http.token}: a request must carry it as {@code Authorization: Bearer <token>} (scripts,
 * Prometheus) or as the password of HTTP Basic (a browser asks for it when told so by the 401),
 * compared in constant time. Without a token every request is allowed.
 */
final class AccessToken {
  private final byte[] token;

  AccessToken(String token) {
    this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  boolean required() {
    return token != null;
  }

  /** True when no token is configured, or {@code authorization} carries it. */
  boolean admits(String authorization) {
    if (token == null) {
      return true;
    }
    if (authorization == null) {
      return false;
    }
    String value = authorization.trim();
    if (startsWithIgnoreCase(value, "Bearer ")) {
      return matches(value.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }
    if (startsWithIgnoreCase(value, "Basic ")) {
      return matches(basicPassword(value.substring("Basic ".length()).trim()));
    }
    return false;
  }

  private boolean matches(byte[] given) {
    return given != null && MessageDigest.isEqual(token, given);
  }

  /** The password of {@code user:password}, base64-encoded; null when malformed. */
  private static byte[] basicPassword(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean startsWithIgnoreCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
