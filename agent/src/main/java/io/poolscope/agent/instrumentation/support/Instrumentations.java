package io.poolscope.agent.instrumentation.support;

import java.security.ProtectionDomain;
import java.util.function.Supplier;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Builds the advice transformers every instrumentation uses. Each advice class is read and parsed
 * once, when the first class is woven with it, not again for every class woven (which Byte Buddy's
 * {@code Transformer.ForAdvice} does, and which showed in start-up profiles of large applications).
 * The advice code references only bootstrap classes and the JDK, so it needs nothing from the woven
 * class's own loader.
 */
public final class Instrumentations {
  private Instrumentations() {}

  /** Inlines {@code adviceClass} into the matched methods. */
  public static AgentBuilder.Transformer advice(
      ElementMatcher<? super MethodDescription> methods, Class<?> adviceClass) {
    return new Visiting(() -> Advice.to(adviceClass).on(methods));
  }

  /** Like {@link #advice(ElementMatcher, Class)}, with the enter and exit in two classes. */
  public static AgentBuilder.Transformer advice(
      ElementMatcher<? super MethodDescription> methods, Class<?> enter, Class<?> exit) {
    return new Visiting(() -> Advice.to(enter, exit).on(methods));
  }

  /** Applies one advice visitor, made on first use and kept. */
  private static final class Visiting implements AgentBuilder.Transformer {
    private final Supplier<AsmVisitorWrapper> make;
    private volatile AsmVisitorWrapper visitor;

    Visiting(Supplier<AsmVisitorWrapper> make) {
      this.make = make;
    }

    @Override
    public DynamicType.Builder<?> transform(
        DynamicType.Builder<?> builder,
        TypeDescription type,
        ClassLoader loader,
        JavaModule module,
        ProtectionDomain domain) {
      AsmVisitorWrapper made = visitor;
      if (made == null) {
        made = make.get(); // a race makes it twice, harmlessly
        visitor = made;
      }
      return builder.visit(made);
    }
  }
}
