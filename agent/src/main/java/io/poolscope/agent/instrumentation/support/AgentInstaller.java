package io.poolscope.agent.instrumentation.support;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Installs Poolscope's weaving. At premain: {@link DeferredWeaving}, which weaves without Byte
 * Buddy what the libraries' inlined rules cover and sets Byte Buddy ({@link ByteBuddyWeaving}) up
 * only for a class that needs it. At an attach: Byte Buddy, retransforming the classes loaded
 * already. This class names no Byte Buddy type, so that premain loads none.
 */
public final class AgentInstaller {
  private AgentInstaller() {}

  /**
   * Byte Buddy's switch that keeps it off {@code sun.misc.Unsafe} (JDK 24+ warns on every use). The
   * shade plugin relocates this literal with Byte Buddy, so it names our copy's property only and
   * never changes an application's own Byte Buddy.
   */
  private static final String BYTE_BUDDY_SAFE_MODE = "net.bytebuddy.safe";

  /**
   * At an attach: weaves at once, and retransforms the JDBC classes the application loaded already.
   * At premain: registers {@link DeferredWeaving}, which weaves without Byte Buddy what the
   * libraries' inlined rules cover, and sets Byte Buddy up only for a class that needs it.
   */
  public static void install(
      Instrumentation instrumentation, boolean attached, List<LibraryInstrumentation> libraries) {
    if (System.getProperty(BYTE_BUDDY_SAFE_MODE) == null) {
      System.setProperty(BYTE_BUDDY_SAFE_MODE, "true");
    }
    if (!attached) {
      instrumentation.addTransformer(deferredWeaving(libraries), false);
      return;
    }
    // The JDBC classes are loaded already: retransform them.
    ByteBuddyWeaving.installRetransforming(instrumentation, libraries, candidates(libraries));
  }

  /** Premain's transformer: {@link DeferredWeaving} over {@code libraries}. */
  static DeferredWeaving deferredWeaving(List<LibraryInstrumentation> libraries) {
    Map<String, UnaryOperator<byte[]>> rewrites = new HashMap<>();
    InlinedRules inlined = new InlinedRules();
    for (LibraryInstrumentation library : libraries) {
      rewrites.putAll(library.rewritesWithoutByteBuddy());
      InlinedRules rules = library.inlinedRules();
      if (rules != null) {
        inlined.with(rules);
      } else {
        inlined.leaveToByteBuddy(library.typeNames());
      }
    }
    return new DeferredWeaving(
        candidates(libraries), rewrites, inlined, () -> ByteBuddyWeaving.transformer(libraries));
  }

  static WeavingCandidates candidates(List<LibraryInstrumentation> libraries) {
    List<String> typeNames = new ArrayList<>();
    List<String> superTypeNames = new ArrayList<>();
    Set<String> methodNames = new LinkedHashSet<>();
    for (LibraryInstrumentation library : libraries) {
      typeNames.addAll(library.typeNames());
      superTypeNames.addAll(library.superTypeNames());
      methodNames.addAll(library.methodNames());
    }
    return new WeavingCandidates(typeNames, superTypeNames, methodNames);
  }
}
