package io.poolscope.agent.instrumentation.support;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * What Poolscope weaves into one library: the types it matches and the advice it inlines. Each
 * instrumented library has one folder under {@code instrumentation/} with one of these.
 *
 * <p>Every type matched in {@link #apply} must be named by {@link #typeNames()} or be a subtype of
 * one of {@link #superTypeNames()} that declares a method named in {@link #methodNames()}: only
 * those classes reach Byte Buddy's matchers at all (see {@link WeavingCandidates}).
 */
public interface LibraryInstrumentation {
  AgentBuilder apply(AgentBuilder builder);

  /** Binary names of the classes matched by name. */
  List<String> typeNames();

  /** Binary names of the types whose subtypes (whatever their names) are matched. */
  List<String> superTypeNames();

  /**
   * Names of the methods woven into subtypes of {@link #superTypeNames()}: a subtype that declares
   * none of them is left alone.
   */
  List<String> methodNames();

  /**
   * Classes of {@link #typeNames()}, by internal name, that premain's transformer rewrites at once
   * itself instead of waiting for Byte Buddy's set-up: each function returns the rewritten class
   * file, or null to leave it as it is. An attach weaves them with Byte Buddy like any other.
   */
  default Map<String, UnaryOperator<byte[]>> rewritesWithoutByteBuddy() {
    return Map.of();
  }

  /**
   * The same weaving as {@link #apply}, written without Byte Buddy: what premain weaves with. Null
   * when this library is woven by Byte Buddy only (its classes then wait for Byte Buddy's set-up).
   */
  default InlinedRules inlinedRules() {
    return null;
  }
}
