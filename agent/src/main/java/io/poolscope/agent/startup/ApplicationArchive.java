package io.poolscope.agent.startup;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Whether the JVM maps an application CDS archive on a JDK that crashes with one under any agent.
 * On JDK 17 (seen on 17.0.15) loading an archived application class while a class file transformer
 * is registered ends the JVM with SIGSEGV in {@code
 * KlassFactory::check_shared_class_file_load_hook} — with a do-nothing transformer as well, so no
 * way of weaving avoids it. Poolscope then stays off: the application must run. JDK 25 loads such
 * archives under the agent; 21 to 24 are not tested and are let through.
 */
final class ApplicationArchive {
  static final int SAFE_SINCE = 21;

  private ApplicationArchive() {}

  /** The archive option found, or null when Poolscope can start. */
  static String crashingOption() {
    if (Runtime.version().feature() >= SAFE_SINCE) {
      return null; // the management classes are not loaded where the answer is known
    }
    return archiveOption(ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  static String archiveOption(List<String> jvmArguments) {
    for (String argument : jvmArguments) {
      if (argument.startsWith("-XX:SharedArchiveFile=")
          || argument.equals("-XX:+AutoCreateSharedArchive")) {
        return argument;
      }
    }
    return null;
  }
}
