package io.poolscope.agent.output.log;

/**
 * Reads one printed stack frame back: {@code at [loader/][module[@version]/]class.method(source)},
 * as {@link StackTraceElement#toString()} writes it.
 */
final class StackFrameText {
  private StackFrameText() {}

  /** The frame, or null when {@code text} is not a printed frame. */
  static StackTraceElement parse(String text) {
    if (!text.startsWith("at ") || !text.endsWith(")")) {
      return null;
    }
    int open = text.indexOf('(');
    if (open < 0) {
      return null;
    }
    String qualified = text.substring(3, open).strip();
    String source = text.substring(open + 1, text.length() - 1);
    String loader = null;
    String module = null;
    String version = null;
    String[] prefix = qualified.split("/");
    if (prefix.length > 3) {
      return null;
    }
    String method = prefix[prefix.length - 1];
    if (prefix.length == 3) {
      loader = emptyToNull(prefix[0]);
      module = prefix[1];
    } else if (prefix.length == 2) {
      // "app//a.B.c" splits into three parts; a two-part prefix is "module[@version]/class".
      module = prefix[0];
    }
    if (module != null) {
      int at = module.indexOf('@');
      if (at >= 0) {
        version = module.substring(at + 1);
        module = module.substring(0, at);
      }
      module = emptyToNull(module);
    }
    int dot = method.lastIndexOf('.');
    if (dot <= 0 || dot == method.length() - 1) {
      return null;
    }
    String declaringClass = method.substring(0, dot);
    String methodName = method.substring(dot + 1);
    String fileName = null;
    int line = -1;
    if ("Native Method".equals(source)) {
      line = -2;
    } else if (!"Unknown Source".equals(source)) {
      int colon = source.lastIndexOf(':');
      fileName = colon < 0 ? source : source.substring(0, colon);
      if (colon >= 0) {
        try {
          line = Integer.parseInt(source.substring(colon + 1));
        } catch (NumberFormatException e) {
          fileName = source;
        }
      }
    }
    return new StackTraceElement(
        loader, module, version, declaringClass, methodName, fileName, line);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
