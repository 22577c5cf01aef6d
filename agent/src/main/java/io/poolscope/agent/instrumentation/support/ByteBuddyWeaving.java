package io.poolscope.agent.instrumentation.support;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Weaving with Byte Buddy: an attach's, and premain's for the classes the inlined rules do not
 * cover. Settings chosen to live next to other agents (the OpenTelemetry Java agent in particular,
 * in either order on the command line): advice is inlined into existing methods without adding
 * members ({@code disableClassFormatChanges}), types are decorated rather than rebased, and only
 * declared methods are considered, so a class another agent already rewrote is matched and woven
 * rather than refused. Only the classes {@link WeavingCandidates} cannot rule out by their class
 * file's header reach Byte Buddy.
 */
final class ByteBuddyWeaving {
  private ByteBuddyWeaving() {}

  /** Weaves at once, and retransforms the classes the application loaded already. */
  static void installRetransforming(
      Instrumentation instrumentation,
      List<LibraryInstrumentation> libraries,
      WeavingCandidates candidates) {
    builder(libraries)
        .with(new CandidateFilter(candidates))
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
        .installOn(instrumentation);
  }

  /**
   * Byte Buddy's transformer for {@code libraries}, without the header filter in front: what
   * premain builds when a class first needs Byte Buddy, and what tests hold the filter and the
   * inlined weaving to.
   */
  static ClassFileTransformer transformer(List<LibraryInstrumentation> libraries) {
    return builder(libraries).makeRaw();
  }

  private static AgentBuilder builder(List<LibraryInstrumentation> libraries) {
    ByteBuddy byteBuddy =
        new ByteBuddy()
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .with(TypeValidation.DISABLED);
    AgentBuilder builder =
        new AgentBuilder.Default(byteBuddy)
            .disableClassFormatChanges()
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            .with(new SharedTypePoolCache())
            // The cached type descriptions keep the type pool that parsed them, and through it the
            // class file locator: a strong locator would keep every undeployed application's
            // class loader alive (RedeployIT).
            .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(new FailureListener())
            .ignore(ignoredTypes());
    for (LibraryInstrumentation library : libraries) {
      builder = library.apply(builder);
    }
    return builder;
  }

  /**
   * What Byte Buddy skips. New classes are filtered before by {@link CandidateFilter}; this matters
   * for the classes an attached agent considers for retransformation.
   */
  private static ElementMatcher.Junction<TypeDescription> ignoredTypes() {
    return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
      @Override
      public boolean matches(TypeDescription type) {
        return IgnoredNames.ignores(type.getName());
      }
    }.or(isSynthetic());
  }
}
