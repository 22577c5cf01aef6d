package io.poolscope.agent.instrumentation.support;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Builds the advice transformers every instrumentation uses. */
public final class Instrumentations {
  private Instrumentations() {}

  /**
   * Inlines {@code adviceClass} into the matched methods. The advice's byte code is read from the
   * agent's own class loader; the woven code references only bootstrap classes.
   */
  public static AgentBuilder.Transformer advice(
      ElementMatcher<? super MethodDescription> methods, Class<?> adviceClass) {
    return new AgentBuilder.Transformer.ForAdvice()
        .include(Instrumentations.class.getClassLoader())
        .advice(methods, adviceClass.getName());
  }

  /** Like {@link #advice(ElementMatcher, Class)}, with the enter and exit in two classes. */
  public static AgentBuilder.Transformer advice(
      ElementMatcher<? super MethodDescription> methods, Class<?> enter, Class<?> exit) {
    return new AgentBuilder.Transformer.ForAdvice()
        .include(Instrumentations.class.getClassLoader())
        .advice(methods, enter.getName(), exit.getName());
  }
}
